package kz.digitaltenge.hub.flows;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;
import kz.digitaltenge.canonical.LedgerException;
import kz.digitaltenge.canonical.ReasonCode;

/**
 * The flows as the stores record them, per source and per time bucket: messages that became facts (the intake's
 * idempotent repository), messages quarantined, payment orders recorded and executed, and the quarantine's size at the
 * end of each bucket. Read from the tables, not from counters in memory, so the figures survive a restart and every
 * hub of a cluster answers the same.
 */
public final class FlowStatistics {
    /** A window of the dashboard: how far back, and the bucket width. */
    public enum Window {
        HOUR(Duration.ofHours(1), Duration.ofMinutes(1)),
        DAY(Duration.ofDays(1), Duration.ofMinutes(15));

        final Duration span;
        final Duration bucket;

        Window(Duration span, Duration bucket) {
            this.span = span;
            this.bucket = bucket;
        }

        public static Window of(String name) {
            try {
                return Window.valueOf(name == null ? "HOUR" : name.toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new LedgerException(ReasonCode.MALFORMED, "window must be hour or day, not '" + name + "'");
            }
        }
    }

    /** One source's counts per bucket (same length as the buckets). */
    public record SourceFlow(String source, long[] received, long[] facts, long[] quarantined) {
    }

    /** Payment orders per bucket: recorded, and executed (by their last change). */
    public record PaymentFlow(long[] received, long[] executed) {
    }

    public record Flows(Instant from, long bucketSeconds, List<Instant> buckets, List<SourceFlow> sources,
                        PaymentFlow payments, long[] quarantineSize) {
    }

    /** Totals since the start, for the counters operators scrape. */
    public record Totals(Map<String, Long> facts, Map<String, Long> quarantined, long quarantineSize, long awaitingConfirmation) {
    }

    private final DataSource db;

    public FlowStatistics(DataSource db) {
        this.db = db;
    }

    public Flows flows(Window window, Instant now) {
        long width = window.bucket.toSeconds();
        Instant end = Instant.ofEpochSecond((now.getEpochSecond() / width + 1) * width);
        Instant start = end.minus(window.span);
        int n = (int) (window.span.toSeconds() / width);
        List<Instant> buckets = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            buckets.add(start.plusSeconds(i * width));
        }
        try (Connection c = db.getConnection()) {
            Map<String, long[]> facts = perSource(c, "select source_system, floor(extract(epoch from received_at - ?) / ?),"
                    + " count(*) from intake_messages where received_at >= ? and received_at < ? and fact_id is not null"
                    + " group by 1, 2", start, end, width, n);
            Map<String, long[]> quarantined = perSource(c, "select source_system, floor(extract(epoch from received_at - ?) / ?),"
                    + " count(*) from quarantine where received_at >= ? and received_at < ? and retry_of is null"
                    + " group by 1, 2", start, end, width, n);
            List<SourceFlow> sources = new ArrayList<>();
            TreeMap<String, Boolean> names = new TreeMap<>();
            facts.keySet().forEach(k -> names.put(k, true));
            quarantined.keySet().forEach(k -> names.put(k, true));
            for (String s : names.keySet()) {
                long[] f = facts.getOrDefault(s, new long[n]);
                long[] q = quarantined.getOrDefault(s, new long[n]);
                long[] r = new long[n];
                for (int i = 0; i < n; i++) {
                    r[i] = f[i] + q[i];
                }
                sources.add(new SourceFlow(s, r, f, q));
            }
            long[] ordered = perSource(c, "select 'all', floor(extract(epoch from created_at - ?) / ?), count(*) from payment_orders"
                    + " where created_at >= ? and created_at < ? group by 1, 2", start, end, width, n).getOrDefault("all", new long[n]);
            long[] executed = perSource(c, "select 'all', floor(extract(epoch from updated_at - ?) / ?), count(*) from payment_orders"
                    + " where status = 'EXECUTED' and updated_at >= ? and updated_at < ? group by 1, 2", start, end, width, n)
                    .getOrDefault("all", new long[n]);
            return new Flows(start, width, buckets, sources, new PaymentFlow(ordered, executed), sizes(c, start, end, width, n));
        } catch (SQLException e) {
            throw new LedgerException(ReasonCode.UNAVAILABLE, "the flows cannot be read: the database is unavailable", e);
        }
    }

    public Totals totals() {
        try (Connection c = db.getConnection()) {
            // facts from their running count (V11), not by counting every message ever received
            return new Totals(counts(c, "select source_system, facts from intake_fact_counts"),
                    counts(c, "select source_system, count(*) from quarantine where retry_of is null group by 1"),
                    single(c, "select count(*) from quarantine where status = 'QUARANTINED'"),
                    single(c, "select count(*) from payment_orders where status = 'AWAITING_CONFIRMATION'"));
        } catch (SQLException e) {
            throw new LedgerException(ReasonCode.UNAVAILABLE, "the flows cannot be read: the database is unavailable", e);
        }
    }

    /**
     * The quarantine's size at the end of each bucket: entries received by then that had not left it by then (an entry
     * leaves when it is resolved, rejected or replaced by an edited copy; its last change is when). One count before
     * the window and one pass over it, whatever the number of buckets.
     */
    private static long[] sizes(Connection c, Instant start, Instant end, long width, int n) throws SQLException {
        long base;
        try (PreparedStatement ps = c.prepareStatement("select count(*) filter (where received_at < ?)"
                + " - count(*) filter (where status <> 'QUARANTINED' and updated_at < ?) from quarantine")) {
            ps.setTimestamp(1, Timestamp.from(start));
            ps.setTimestamp(2, Timestamp.from(start));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                base = rs.getLong(1);
            }
        }
        long[] in = perSource(c, "select 'all', floor(extract(epoch from received_at - ?) / ?), count(*) from quarantine"
                + " where received_at >= ? and received_at < ? group by 1, 2", start, end, width, n).getOrDefault("all", new long[n]);
        long[] out = perSource(c, "select 'all', floor(extract(epoch from updated_at - ?) / ?), count(*) from quarantine"
                + " where status <> 'QUARANTINED' and updated_at >= ? and updated_at < ? group by 1, 2", start, end, width, n)
                .getOrDefault("all", new long[n]);
        long[] size = new long[n];
        long current = base;
        for (int i = 0; i < n; i++) {
            current += in[i] - out[i];
            size[i] = current;
        }
        return size;
    }

    private static Map<String, long[]> perSource(Connection c, String sql, Instant start, Instant end, long width, int n)
            throws SQLException {
        Map<String, long[]> out = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setTimestamp(1, Timestamp.from(start));
            ps.setLong(2, width);
            ps.setTimestamp(3, Timestamp.from(start));
            ps.setTimestamp(4, Timestamp.from(end));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    int i = (int) rs.getLong(2);
                    if (i >= 0 && i < n) {
                        out.computeIfAbsent(rs.getString(1), k -> new long[n])[i] += rs.getLong(3);
                    }
                }
            }
        }
        return out;
    }

    private static Map<String, Long> counts(Connection c, String sql) throws SQLException {
        Map<String, Long> out = new TreeMap<>();
        try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.put(rs.getString(1), rs.getLong(2));
            }
        }
        return out;
    }

    private static long single(Connection c, String sql) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
