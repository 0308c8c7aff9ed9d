package org.sacroguide.app;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import org.sacroguide.registry.Registry;
import org.sacroguide.registry.RegistryException;
import org.sacroguide.registry.RegistryLocation;
import org.sacroguide.registry.ValidationException;
import org.sacroguide.registry.model.CohortData;
import picocli.CommandLine.Option;

/**
 * The options every {@code sacroguide registry} subcommand shares: where the registry is and who makes the
 * changes. Also the one place where registry errors become exit codes: a refused value is a usage error
 * (exit 2), a database that cannot be opened or read is an input problem (exit 1).
 */
final class RegistryDbOptions {

    @Option(names = "--db", paramLabel = "JDBC_URL",
            description = "Registry database: jdbc:h2:file:PATH (embedded) or jdbc:postgresql://HOST:PORT/DB. Default: the config "
                    + "file ($SACROGUIDE_REGISTRY_CONFIG or ~/.sacroguide/registry.properties: url=, user=, password=), else the "
                    + "embedded database ~/.sacroguide/registry/registry.mv.db.")
    String db;

    @Option(names = "--db-user", paramLabel = "NAME", description = "Database user (PostgreSQL).")
    String dbUser;

    @Option(names = "--db-password-env", paramLabel = "VAR", defaultValue = "SACROGUIDE_DB_PASSWORD",
            description = "Environment variable holding the database password (default: ${DEFAULT-VALUE}); never on the command line.")
    String dbPasswordEnv;

    @Option(names = "--config", paramLabel = "FILE", description = "Registry config file (properties: url=, user=, password=).")
    Path config;

    @Option(names = "--user", paramLabel = "NAME",
            description = "Who makes the changes, for the audit trail (default: your login name).")
    String user;

    RegistryLocation location() throws IOException {
        String password = dbPasswordEnv == null ? null : System.getenv(dbPasswordEnv);
        try {
            return RegistryLocation.resolve(db, dbUser, password, config);
        } catch (RegistryException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /** Opens the registry; a database that cannot be opened is reported as exit code 1. */
    Registry open() throws Exception {
        String actor = user != null && !user.isBlank() ? user : System.getProperty("user.name", "unknown");
        try {
            return Registry.open(location(), actor);
        } catch (RegistryException e) {
            throw translate(e);
        }
    }

    /** The whole registry content, read in one transaction (for the exports). */
    CohortData snapshot() throws Exception {
        try (Registry r = open()) {
            return r.snapshot();
        } catch (RegistryException e) {
            throw translate(e);
        }
    }

    /** Refused values (exit 2) and database problems (exit 1) as the exceptions {@link ExitCodes} maps. */
    static Exception translate(RegistryException e) {
        if (e instanceof ValidationException) {
            return new ExitCodes.UsageException(e.getMessage());
        }
        return new IOException(e.getMessage(), e);
    }

    static LocalDate today() {
        return LocalDate.now();
    }
}
