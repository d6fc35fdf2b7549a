package kz.digitaltenge.bench;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * What PostgreSQL did for a measured window: statements executed and rows they touched ({@code pg_stat_statements},
 * shipped with the embedded binaries and loaded by {@code hub.db.statement-statistics=true}), transactions committed
 * ({@code pg_stat_database}) and WAL bytes written ({@code pg_current_wal_lsn()} before and after) — per operation, and
 * the statements called most. Counts are of the whole server: nothing else runs during a bench window.
 */
final class StatementCounts {
    private final DataSource db;
    private String walBefore;
    private long commitsBefore;
    private java.util.Map<String, long[]> scansBefore = java.util.Map.of();

    StatementCounts(DataSource db) {
        this.db = db;
    }

    void start() throws SQLException {
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.execute("create extension if not exists pg_stat_statements");
            s.execute("select pg_stat_statements_reset()");
            walBefore = one(s, "select pg_current_wal_lsn()::text");
            commitsBefore = Long.parseLong(one(s, "select xact_commit from pg_stat_database where datname = current_database()"));
            scansBefore = scans(s);
        }
    }

    /**
     * Each table's sequential scans, rows they read, index scans and rows fetched through them, so far. A plan that
     * reads a whole table shows here as rows per operation, where the statements' returned rows hide it.
     */
    private static java.util.Map<String, long[]> scans(Statement s) throws SQLException {
        java.util.Map<String, long[]> m = new java.util.TreeMap<>();
        try (ResultSet rs = s.executeQuery("select relname, seq_scan, seq_tup_read, coalesce(idx_scan, 0), coalesce(idx_tup_fetch, 0)"
                + " from pg_stat_user_tables")) {
            while (rs.next()) {
                m.put(rs.getString(1), new long[] {rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5)});
            }
        }
        return m;
    }

    /** Prints the window's counts per operation and the statements called most. */
    void print(String scenario, long ops) throws SQLException {
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            long wal = Long.parseLong(one(s, "select pg_wal_lsn_diff(pg_current_wal_lsn(), '" + walBefore + "')::bigint"));
            long commits = Long.parseLong(one(s, "select xact_commit from pg_stat_database where datname = current_database()")) - commitsBefore;
            long calls;
            long rows;
            double execMillis;
            try (ResultSet rs = s.executeQuery("select coalesce(sum(calls),0), coalesce(sum(rows),0), coalesce(sum(total_exec_time),0)"
                    + " from pg_stat_statements where query not like '%pg_stat_statements%'")) {
                rs.next();
                calls = rs.getLong(1);
                rows = rs.getLong(2);
                execMillis = rs.getDouble(3);
            }
            // executing the statements is only part of what the server spends: the rest is the protocol, the commits and
            // their WAL flushes, and waking the backends (the machine's CPU beside the JVM's, in the load's note)
            System.out.printf("  %s — PostgreSQL per operation: %.1f statements, %.1f rows, %.1f commits, %.0f WAL bytes, %.0f µs executing"
                    + " statements (%d ops)%n", scenario, calls / (double) ops, rows / (double) ops, commits / (double) ops, wal / (double) ops,
                    execMillis * 1000 / ops, ops);
            try (ResultSet rs = s.executeQuery("select calls, rows, total_exec_time, shared_blks_hit + shared_blks_read,"
                    + " left(regexp_replace(query, '\\s+', ' ', 'g'), 110)"
                    + " from pg_stat_statements where query not like '%pg_stat_statements%' order by calls desc limit 18")) {
                while (rs.next()) {
                    System.out.printf("      %6.2f/op  %6.2f rows/op  %6.1f µs/op  %6.1f blocks/call  %s%n", rs.getLong(1) / (double) ops,
                            rs.getLong(2) / (double) ops, rs.getDouble(3) * 1000 / ops, rs.getLong(4) / (double) Math.max(1, rs.getLong(1)),
                            rs.getString(5));
                }
            }
            // the statistics collector sees a backend's counts when its transaction ends (at most a second late)
            for (java.util.Map.Entry<String, long[]> e : scans(s).entrySet()) {
                long[] now = e.getValue();
                long[] was = scansBefore.getOrDefault(e.getKey(), new long[4]);
                long seq = now[0] - was[0];
                long seqRows = now[1] - was[1];
                long idx = now[2] - was[2];
                long idxRows = now[3] - was[3];
                if (seq + idx > 0) {
                    System.out.printf("      table %-22s %7.2f seq scans/op reading %9.1f rows/op, %6.2f index scans/op fetching %6.1f rows/op%n",
                            e.getKey(), seq / (double) ops, seqRows / (double) ops, idx / (double) ops, idxRows / (double) ops);
                }
            }
        }
    }

    private static String one(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
