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

    StatementCounts(DataSource db) {
        this.db = db;
    }

    void start() throws SQLException {
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.execute("create extension if not exists pg_stat_statements");
            s.execute("select pg_stat_statements_reset()");
            walBefore = one(s, "select pg_current_wal_lsn()::text");
            commitsBefore = Long.parseLong(one(s, "select xact_commit from pg_stat_database where datname = current_database()"));
        }
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
            try (ResultSet rs = s.executeQuery("select calls, rows, total_exec_time, left(regexp_replace(query, '\\s+', ' ', 'g'), 110)"
                    + " from pg_stat_statements where query not like '%pg_stat_statements%' order by calls desc limit 14")) {
                while (rs.next()) {
                    System.out.printf("      %6.2f/op  %6.2f rows/op  %6.1f µs/op  %s%n", rs.getLong(1) / (double) ops,
                            rs.getLong(2) / (double) ops, rs.getDouble(3) * 1000 / ops, rs.getString(4));
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
