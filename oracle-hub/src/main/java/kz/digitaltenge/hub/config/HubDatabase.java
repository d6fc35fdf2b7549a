package kz.digitaltenge.hub.config;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the ledger's PostgreSQL is: an external server ({@code hub.db.url}) or an embedded one started here
 * on {@code <hub.data-dir>/postgres} with fsync and synchronous commit on, so commits survive a crash and
 * the data survives a restart. {@link #close()} stops the embedded server.
 */
public final class HubDatabase implements AutoCloseable {
    /** The database the embedded server holds the ledger in. */
    public static final String EMBEDDED_DATABASE = "ledger";
    private static final Logger LOG = LoggerFactory.getLogger(HubDatabase.class);

    private final EmbeddedPostgres embedded;
    private final String url;
    private final String username;
    private final String password;

    private HubDatabase(EmbeddedPostgres embedded, String url, String username, String password) {
        this.embedded = embedded;
        this.url = url;
        this.username = username;
        this.password = password;
    }

    public static HubDatabase start(HubProperties properties) {
        HubProperties.Db db = properties.getDb();
        if (db.getUrl() != null && !db.getUrl().isBlank()) {
            LOG.info("using external PostgreSQL at {}", db.getUrl());
            return new HubDatabase(null, db.getUrl(), db.getUsername(), db.getPassword());
        }
        Path dir = properties.getDataDir().resolve("postgres").toAbsolutePath().normalize();
        try {
            Files.createDirectories(dir);
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(dir)
                    .setCleanDataDirectory(false)
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on");
            if (db.getEmbeddedPort() > 0) {
                builder.setPort(db.getEmbeddedPort());
            }
            EmbeddedPostgres pg = builder.start();
            try {
                ensureDatabase(pg);
            } catch (RuntimeException e) {
                pg.close();
                throw e;
            }
            String url = "jdbc:postgresql://localhost:" + pg.getPort() + "/" + EMBEDDED_DATABASE;
            LOG.info("embedded PostgreSQL on port {}, data in {}", pg.getPort(), dir);
            return new HubDatabase(pg, url, "postgres", "");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start embedded PostgreSQL in " + dir, e);
        }
    }

    private static void ensureDatabase(EmbeddedPostgres pg) {
        try (Connection c = pg.getPostgresDatabase().getConnection()) {
            boolean exists;
            try (PreparedStatement ps = c.prepareStatement("select 1 from pg_database where datname = ?")) {
                ps.setString(1, EMBEDDED_DATABASE);
                try (ResultSet rs = ps.executeQuery()) {
                    exists = rs.next();
                }
            }
            if (!exists) {
                try (Statement s = c.createStatement()) {
                    s.execute("create database " + EMBEDDED_DATABASE);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the ledger database", e);
        }
    }

    public boolean embedded() {
        return embedded != null;
    }

    public String url() {
        return url;
    }

    public String username() {
        return username;
    }

    public String password() {
        return password;
    }

    @Override
    public void close() {
        if (embedded != null) {
            try {
                embedded.close();
                LOG.info("embedded PostgreSQL stopped");
            } catch (IOException e) {
                LOG.warn("embedded PostgreSQL did not stop cleanly", e);
            }
        }
    }
}
