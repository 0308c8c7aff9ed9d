package org.sacroguide.registry;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Properties;

/**
 * Where the registry lives: a JDBC URL with optional user and password. The default is an embedded H2
 * file database under the user's home ({@code ~/.sacroguide/registry/registry.mv.db}), so nothing needs
 * starting; a department points at PostgreSQL with {@code --db jdbc:postgresql://host/db} or with a
 * config file ({@code ~/.sacroguide/registry.properties} or the file named by the environment variable
 * {@code SACROGUIDE_REGISTRY_CONFIG}) holding {@code url=}, {@code user=} and {@code password=}.
 *
 * <p>Precedence: an explicit URL, then the config file, then the embedded default. The password is never
 * printed by {@link #toString()}.
 */
public record RegistryLocation(String jdbcUrl, String user, String password) {

    /** Environment variable naming a config file. */
    public static final String CONFIG_ENV = "SACROGUIDE_REGISTRY_CONFIG";

    public RegistryLocation {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        if (!jdbcUrl.startsWith("jdbc:h2:") && !jdbcUrl.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("the registry database must be a jdbc:h2: or jdbc:postgresql: URL, was '"
                    + jdbcUrl + "'");
        }
    }

    /** An URL without separate credentials (they may be inside the URL). */
    public static RegistryLocation of(String jdbcUrl) {
        return new RegistryLocation(jdbcUrl, null, null);
    }

    /**
     * The embedded H2 file database in {@code folder} (file {@code registry.mv.db}). Commits are written at
     * once ({@code WRITE_DELAY=0}) instead of H2's default half-second delay, so a recorded follow-up
     * survives even a killed process.
     */
    public static RegistryLocation embedded(Path folder) {
        return of("jdbc:h2:file:" + folder.toAbsolutePath().resolve("registry").toString().replace('\\', '/') + ";WRITE_DELAY=0");
    }

    /** The default embedded database under the user's home. */
    public static RegistryLocation defaultEmbedded() {
        return embedded(Path.of(System.getProperty("user.home"), ".sacroguide", "registry"));
    }

    /**
     * Resolves the location as the commands do: {@code url} when given (with {@code user} and
     * {@code password}), else {@code configFile} when given, else the config file of the environment or the
     * home folder when present, else the embedded default.
     */
    public static RegistryLocation resolve(String url, String user, String password, Path configFile) throws RegistryException {
        if (url != null && !url.isBlank()) {
            return new RegistryLocation(url.trim(), user, password);
        }
        if (configFile != null) {
            return fromConfig(configFile);
        }
        String env = System.getenv(CONFIG_ENV);
        if (env != null && !env.isBlank()) {
            return fromConfig(Path.of(env));
        }
        Path home = Path.of(System.getProperty("user.home"), ".sacroguide", "registry.properties");
        if (Files.isRegularFile(home)) {
            return fromConfig(home);
        }
        return defaultEmbedded();
    }

    /** Reads {@code url}, {@code user} and {@code password} from a properties file. */
    public static RegistryLocation fromConfig(Path file) throws RegistryException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file)) {
            p.load(r);
        } catch (IOException e) {
            throw new RegistryException("cannot read the registry config file " + file + ": " + e.getMessage(), e);
        }
        String url = p.getProperty("url");
        if (url == null || url.isBlank()) {
            throw new RegistryException("the registry config file " + file + " has no url= line (e.g. "
                    + "url=jdbc:postgresql://127.0.0.1:5432/sacroguide)");
        }
        try {
            return new RegistryLocation(url.trim(), p.getProperty("user"), p.getProperty("password"));
        } catch (IllegalArgumentException e) {
            throw new RegistryException("the registry config file " + file + ": " + e.getMessage());
        }
    }

    public boolean isPostgres() {
        return jdbcUrl.startsWith("jdbc:postgresql:");
    }

    @Override
    public String toString() {
        return jdbcUrl.replaceAll("(?i)(password=)[^&;]*", "$1***") + (user == null ? "" : " (user " + user + ")");
    }
}
