package org.sacroguide.registry.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.sacroguide.registry.RegistryException;
import org.sacroguide.registry.RegistryLocation;

/**
 * The registry's connection pool, schema migrations and transactions. Opening migrates the schema to the
 * newest version (Flyway, scripts in {@code db/migration}); {@link #inTransaction} runs one unit of work
 * in one transaction that is committed only when the work returns normally and rolled back otherwise, so a
 * refused or interrupted write leaves nothing behind.
 */
public final class Database implements AutoCloseable {

    /** One unit of work on an open transaction. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection c) throws SQLException, RegistryException;
    }

    private final RegistryLocation location;
    private final HikariDataSource pool;

    private Database(RegistryLocation location, HikariDataSource pool) {
        this.location = location;
        this.pool = pool;
    }

    /** Opens (and if needed creates and migrates) the database at {@code location}. */
    public static Database open(RegistryLocation location) throws RegistryException {
        HikariConfig cfg = new HikariConfig();
        cfg.setJdbcUrl(location.jdbcUrl());
        if (location.user() != null) {
            cfg.setUsername(location.user());
        }
        if (location.password() != null) {
            cfg.setPassword(location.password());
        }
        cfg.setPoolName("sacroguide-registry");
        cfg.setMaximumPoolSize(10);
        cfg.setMinimumIdle(1);
        cfg.setAutoCommit(false);
        cfg.setConnectionTimeout(15_000);
        cfg.setInitializationFailTimeout(1); // one attempt: an unreachable database is reported at once
        cfg.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
        if (location.jdbcUrl().startsWith("jdbc:h2:")) {
            cfg.setDriverClassName("org.h2.Driver");
        } else {
            cfg.setDriverClassName("org.postgresql.Driver");
        }
        HikariDataSource ds;
        try {
            ds = new HikariDataSource(cfg);
        } catch (RuntimeException e) {
            throw new RegistryException("cannot open the registry database " + location + ": " + rootMessage(e), e);
        }
        try {
            Flyway.configure(Database.class.getClassLoader()).dataSource(ds).locations("classpath:db/migration")
                    .failOnMissingLocations(true).load().migrate();
        } catch (FlywayException e) {
            ds.close();
            throw new RegistryException("cannot bring the registry database " + location + " to the current schema: "
                    + rootMessage(e), e);
        }
        return new Database(location, ds);
    }

    public RegistryLocation location() {
        return location;
    }

    public DataSource dataSource() {
        return pool;
    }

    /** Runs {@code work} in one transaction: committed when it returns, rolled back when it throws. */
    public <T> T inTransaction(Work<T> work) throws RegistryException {
        try (Connection c = pool.getConnection()) {
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RegistryException | RuntimeException | Error e) {
                try {
                    c.rollback();
                } catch (SQLException suppressed) {
                    e.addSuppressed(suppressed);
                }
                if (e instanceof SQLException sql) {
                    throw translate(sql);
                }
                throw e;
            }
        } catch (SQLException e) {
            throw translate(e);
        }
    }

    /** A database error as a registry error with a readable message. */
    public RegistryException translate(SQLException e) {
        return new RegistryException("the registry database " + location + " failed: " + rootMessage(e), e);
    }

    @Override
    public void close() {
        pool.close();
    }

    static String rootMessage(Throwable t) {
        Throwable r = t;
        while (r.getCause() != null && r.getCause() != r) {
            r = r.getCause();
        }
        String m = r.getMessage() == null ? r.getClass().getSimpleName() : r.getMessage();
        int nl = m.indexOf('\n');
        return nl > 0 ? m.substring(0, nl) : m;
    }
}
