package kz.digitaltenge.ledger.testing;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import kz.digitaltenge.ledger.store.LedgerStore;

/**
 * A real PostgreSQL (embedded binaries) for tests. One server per JVM; each {@link #fresh()} call gives a new,
 * migrated database in it, so test classes never see each other's rows. {@code durable=true} turns fsync and
 * synchronous commit on (for tests that restart the server and expect commits to survive).
 */
public final class TestDatabase implements AutoCloseable {
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static TestDatabase shared;

    private final EmbeddedPostgres postgres;

    private TestDatabase(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /** The JVM-wide server (started on first use, stopped by a shutdown hook). */
    public static synchronized TestDatabase shared() {
        if (shared == null) {
            shared = start(null, false);
            TestDatabase s = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(s::close));
        }
        return shared;
    }

    /** A server of its own, on a data directory that survives {@link #close()} when one is given. */
    public static TestDatabase start(Path dataDirectory, boolean durable) {
        try {
            EmbeddedPostgres.Builder b = EmbeddedPostgres.builder()
                    .setServerConfig("fsync", durable ? "on" : "off")
                    .setServerConfig("synchronous_commit", durable ? "on" : "off")
                    .setServerConfig("max_connections", "200");
            if (dataDirectory != null) {
                b.setDataDirectory(dataDirectory).setCleanDataDirectory(false);
            }
            return new TestDatabase(b.start());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return postgres.getPort();
    }

    /** A pooled data source on a new empty database of this server, with the ledger schema applied. */
    public HikariDataSource fresh() {
        return create("ledger_" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet());
    }

    /** Creates the named database on this server, applies the ledger schema, and returns a pool on it. */
    public HikariDataSource create(String name) {
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("create database " + name);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        HikariDataSource ds = pool(name, 32);
        new LedgerStore(ds).migrate();
        return ds;
    }

    /** A pool on an existing database of this server. */
    public HikariDataSource pool(String database, int size) {
        HikariConfig cfg = new HikariConfig();
        cfg.setJdbcUrl("jdbc:postgresql://localhost:" + port() + "/" + database);
        cfg.setUsername("postgres");
        cfg.setMaximumPoolSize(size);
        return new HikariDataSource(cfg);
    }

    public DataSource postgres() {
        return postgres.getPostgresDatabase();
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
