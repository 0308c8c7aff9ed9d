package org.sacroguide.registry;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;

/**
 * Fresh, empty registries for tests on H2 (a file database in the test's temporary folder) or PostgreSQL
 * (a new schema in the database named by {@code SACROGUIDE_TEST_PG_URL}, dropped on close).
 *
 * <p>Without {@code SACROGUIDE_TEST_PG_URL} the PostgreSQL variants are skipped with a message on a
 * developer machine, and fail when the {@code CI} variable is set: CI must never pass without having
 * tested PostgreSQL. {@code . .ci/postgres} starts a server and sets the variables.
 */
public final class TestRegistries implements AutoCloseable {

    public static final String PG_URL_ENV = "SACROGUIDE_TEST_PG_URL";
    public static final String PG_USER_ENV = "SACROGUIDE_TEST_PG_USER";
    public static final String PG_PASSWORD_ENV = "SACROGUIDE_TEST_PG_PASSWORD";

    private static volatile boolean skipNoticePrinted;

    private final Backend backend;
    private final Path tmp;
    private final List<Registry> open = new ArrayList<>();
    private final List<String> schemas = new ArrayList<>();

    public TestRegistries(Backend backend, Path tmp) {
        this.backend = backend;
        this.tmp = tmp;
        if (backend == Backend.POSTGRESQL) {
            requirePostgres();
        }
    }

    /** Skips (developer machine) or fails (CI) when no PostgreSQL is configured. */
    public static void requirePostgres() {
        String url = System.getenv(PG_URL_ENV);
        if (url != null && !url.isBlank()) {
            return;
        }
        String ci = System.getenv("CI");
        if (ci != null && !ci.isBlank() && !ci.equalsIgnoreCase("false")) {
            fail(PG_URL_ENV + " is not set, but this is CI (CI=" + ci + "): the registry must be tested against PostgreSQL. "
                    + ".ci/run sources .ci/postgres, which starts PostgreSQL and sets " + PG_URL_ENV + "; check its output.");
        }
        if (!skipNoticePrinted) {
            skipNoticePrinted = true;
            System.err.println("*** SKIPPED: registry tests on PostgreSQL (" + PG_URL_ENV + " is not set). Run `. .ci/postgres` "
                    + "(starts PostgreSQL on 127.0.0.1 and sets it) to run them. H2 variants still run. ***");
        }
        Assumptions.abort("PostgreSQL not configured: " + PG_URL_ENV + " is not set (run `. .ci/postgres` to start one); "
                + "this variant is skipped on a developer machine and fails in CI");
    }

    public Backend backend() {
        return backend;
    }

    /** A location for a new, empty registry. */
    public RegistryLocation freshLocation() {
        if (backend == Backend.H2) {
            return RegistryLocation.embedded(tmp.resolve("h2-" + UUID.randomUUID()));
        }
        String schema = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toLowerCase(Locale.ROOT);
        try (Connection c = DriverManager.getConnection(System.getenv(PG_URL_ENV), System.getenv(PG_USER_ENV),
                System.getenv(PG_PASSWORD_ENV)); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create a test schema in " + System.getenv(PG_URL_ENV) + ": " + e.getMessage(), e);
        }
        schemas.add(schema);
        String url = System.getenv(PG_URL_ENV);
        url += (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        return new RegistryLocation(url, System.getenv(PG_USER_ENV), System.getenv(PG_PASSWORD_ENV));
    }

    /** Opens a new, empty registry (closed by {@link #close()}). */
    public Registry fresh() throws RegistryException {
        return open(freshLocation(), Clock.systemDefaultZone());
    }

    public Registry open(RegistryLocation location, Clock clock) throws RegistryException {
        Registry r = Registry.open(location, "test coordinator", clock);
        open.add(r);
        return r;
    }

    @Override
    public void close() throws SQLException {
        for (Registry r : open) {
            r.close();
        }
        if (!schemas.isEmpty()) {
            try (Connection c = DriverManager.getConnection(System.getenv(PG_URL_ENV), System.getenv(PG_USER_ENV),
                    System.getenv(PG_PASSWORD_ENV)); Statement s = c.createStatement()) {
                for (String schema : schemas) {
                    s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
                }
            }
        }
    }
}
