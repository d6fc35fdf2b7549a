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
 *
 * <p>A hub killed outright ({@code kill -9}, a power cut of the JVM alone) leaves its embedded server running, holding
 * the data directory, and the next start would fail. So the hub holds an exclusive lock on {@code <postgres>.lock}
 * while it runs (the operating system drops it when the process dies): a start that gets the lock knows any server
 * still running on the directory is an orphan of a dead hub, stops it (its clients are gone; a forced stop is a crash
 * PostgreSQL recovers from, fsync on), and starts its own; a start that does not get it refuses — another hub runs
 * on this data directory.
 */
public final class HubDatabase implements AutoCloseable {
    /** The database the embedded server holds the ledger in. */
    public static final String EMBEDDED_DATABASE = "ledger";
    private static final Logger LOG = LoggerFactory.getLogger(HubDatabase.class);

    private final EmbeddedPostgres embedded;
    private java.nio.channels.FileChannel lockFile;
    private java.nio.channels.FileLock lock;
    private final String url;
    private final String username;
    private final String password;

    private HubDatabase(EmbeddedPostgres embedded, String url, String username, String password) {
        this.embedded = embedded;
        this.url = url;
        this.username = username;
        this.password = password;
    }

    private static final java.util.regex.Pattern SHARED_BUFFERS = java.util.regex.Pattern.compile("[1-9][0-9]{0,6}(kB|MB|GB)");

    public static HubDatabase start(HubProperties properties) {
        HubProperties.Db db = properties.getDb();
        if (db.getUrl() != null && !db.getUrl().isBlank()) {
            LOG.info("using external PostgreSQL at {}", db.getUrl());
            return new HubDatabase(null, db.getUrl(), db.getUsername(), db.getPassword());
        }
        // checked before the data directory is locked, so a wrong value leaves nothing held
        String sharedBuffers = db.getEmbeddedSharedBuffers() == null ? "" : db.getEmbeddedSharedBuffers().strip();
        if (!sharedBuffers.isEmpty() && !SHARED_BUFFERS.matcher(sharedBuffers).matches()) {
            throw new IllegalArgumentException("hub.db.embedded-shared-buffers must be a size like 512MB or 4GB, not '"
                    + sharedBuffers + "'");
        }
        Path dir = properties.getDataDir().resolve("postgres").toAbsolutePath().normalize();
        try {
            Files.createDirectories(dir);
            java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(dir.resolveSibling("postgres.lock"),
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE);
            java.nio.channels.FileLock held;
            try {
                held = channel.tryLock();
            } catch (java.nio.channels.OverlappingFileLockException sameProcess) {
                held = null; // this very process runs a hub on the directory already
            }
            if (held == null) {
                channel.close();
                throw new IllegalStateException("another hub runs on " + properties.getDataDir() + " (it holds "
                        + dir.resolveSibling("postgres.lock") + "); one data directory is one hub");
            }
            stopOrphan(dir);
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(dir)
                    .setCleanDataDirectory(false)
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on");
            if (db.getEmbeddedPort() > 0) {
                builder.setPort(db.getEmbeddedPort());
            }
            if (db.isStatementStatistics()) {
                builder.setServerConfig("shared_preload_libraries", "pg_stat_statements");
            }
            if (!sharedBuffers.isEmpty()) {
                builder.setServerConfig("shared_buffers", sharedBuffers);
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
            HubDatabase database = new HubDatabase(pg, url, "postgres", "");
            database.lockFile = channel;
            database.lock = held;
            return database;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start embedded PostgreSQL in " + dir, e);
        }
    }

    /** Stops a server a dead hub left running on the directory (its postmaster.pid names a live process). */
    private static void stopOrphan(Path dir) {
        Path pidFile = dir.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        long pid;
        try {
            pid = Long.parseLong(Files.readAllLines(pidFile).get(0).strip());
        } catch (IOException | RuntimeException e) {
            return; // unreadable: PostgreSQL itself judges a stale pid file at start
        }
        ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                .filter(h -> h.info().command().map(c -> c.contains("postgres")).orElse(false)).ifPresent(h -> {
                    LOG.warn("embedded PostgreSQL (pid {}) left running by a hub that died; stopping it", pid);
                    h.destroy(); // SIGTERM: a smart shutdown, its clients are gone with the dead hub
                    try {
                        h.onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
                    } catch (Exception notYet) {
                        h.destroyForcibly(); // a crash PostgreSQL recovers from at the next start
                        try {
                            h.onExit().get(10, java.util.concurrent.TimeUnit.SECONDS);
                        } catch (Exception ignored) {
                            LOG.warn("PostgreSQL (pid {}) did not stop; the start may fail", pid);
                        }
                    }
                });
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
        try {
            if (lock != null) {
                lock.release();
            }
            if (lockFile != null) {
                lockFile.close();
            }
        } catch (IOException e) {
            LOG.warn("the data directory's lock was not released cleanly", e);
        }
    }
}
