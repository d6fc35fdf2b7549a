package kz.digitaltenge.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * An embedded PostgreSQL with durability ON (the embedded defaults are fsync=off, synchronous_commit=off):
 * fsync=on, synchronous_commit=on, full_page_writes=on, on a fresh data directory under bench/target.
 */
public final class DurablePostgres implements AutoCloseable {
    private final EmbeddedPostgres postgres;

    public DurablePostgres(Path dataDirectory) {
        this(dataDirectory, false);
    }

    /** With {@code statementStatistics}, the server also loads {@code pg_stat_statements} (for {@link StatementCounts}). */
    public DurablePostgres(Path dataDirectory, boolean statementStatistics) {
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder();
            if (statementStatistics) {
                builder.setServerConfig("shared_preload_libraries", "pg_stat_statements");
            }
            extraSettings().forEach(builder::setServerConfig);
            postgres = builder
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(true)
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("full_page_writes", "on")
                    .setServerConfig("max_connections", "300")
                    .setServerConfig("shared_buffers", sharedBuffers())
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code BENCH_PG_SETTINGS}: more server settings, {@code name=value} separated by commas (for trying one out). */
    private static java.util.Map<String, String> extraSettings() {
        java.util.Map<String, String> m = new java.util.LinkedHashMap<>();
        String v = System.getenv("BENCH_PG_SETTINGS");
        if (v != null && !v.isBlank()) {
            for (String kv : v.split(",")) {
                String[] p = kv.strip().split("=", 2);
                m.put(p[0].strip(), p[1].strip());
            }
        }
        return m;
    }

    /** {@code BENCH_PG_SHARED_BUFFERS} (default 256MB): the store-size scenario is run with more to see what the cache buys. */
    private static String sharedBuffers() {
        String v = System.getenv("BENCH_PG_SHARED_BUFFERS");
        return v == null || v.isBlank() ? "256MB" : v.strip();
    }

    /** Creates an empty database and returns a pool of {@code size} connections on it. */
    public HikariDataSource newDatabase(String name, int size) {
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("create database " + name);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        HikariConfig cfg = new HikariConfig();
        cfg.setJdbcUrl("jdbc:postgresql://localhost:" + postgres.getPort() + "/" + name);
        cfg.setUsername("postgres");
        cfg.setMaximumPoolSize(size);
        cfg.setMinimumIdle(size);
        cfg.setPoolName(name);
        return new HikariDataSource(cfg);
    }

    /** The server's own view of its durability settings, printed so a reader can check them. */
    public String settings() {
        StringBuilder sb = new StringBuilder();
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            for (String name : new String[] {"server_version", "fsync", "synchronous_commit", "wal_sync_method", "full_page_writes", "commit_delay", "shared_buffers", "max_wal_size", "checkpoint_timeout"}) {
                try (ResultSet rs = s.executeQuery("show " + name)) {
                    rs.next();
                    sb.append(sb.length() == 0 ? "" : ", ").append(name).append('=').append(rs.getString(1));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return sb.toString();
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
