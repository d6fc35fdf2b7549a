package kz.digitaltenge.ledger.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import kz.digitaltenge.ledger.programmable.LimitUse;

/** How much of each fact-tracked limit (a contract's allowances, an invoice's outstanding amounts) is used. */
public final class LimitRecords {
    private final Jdbc jdbc;

    LimitRecords(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /** How much of each limit of a subject ({@code CONTRACT:<n>}, {@code INVOICE:<r>}) has been used. */
    public Map<LimitUse.Kind, Long> usage(String subject) {
        Map<LimitUse.Kind, Long> used = none();
        jdbc.query("select kind, used from limit_usage where subject = ?", rs -> {
            used.put(LimitUse.Kind.valueOf(rs.getString(1)), rs.getLong(2));
            return null;
        }, subject);
        return used;
    }

    /** Every kind of limit at 0 used. */
    static Map<LimitUse.Kind, Long> none() {
        Map<LimitUse.Kind, Long> used = new java.util.EnumMap<>(LimitUse.Kind.class);
        for (LimitUse.Kind k : LimitUse.Kind.values()) {
            used.put(k, 0L);
        }
        return used;
    }

    /**
     * Adds the batch's limit uses under row locks taken in a fixed order (so two writers never deadlock), on the
     * commit's own connection: the authority on limits, as the spent markers are on single spend. Throws
     * {@link LimitViolation} when a transaction would go over, and the commit writes nothing of the batch.
     */
    void apply(Connection c, List<PreparedTransaction> batch) throws SQLException {
        java.util.TreeMap<String, LimitUse> rows = new java.util.TreeMap<>();
        for (PreparedTransaction p : batch) {
            p.limits().forEach(u -> rows.put(u.key(), u));
        }
        if (rows.isEmpty()) {
            return;
        }
        String[] subjects = rows.values().stream().map(LimitUse::subject).toArray(String[]::new);
        String[] kinds = rows.values().stream().map(u -> u.kind().name()).toArray(String[]::new);
        try (PreparedStatement ps = c.prepareStatement("insert into limit_usage(subject, kind)"
                + " select * from unnest(?::text[], ?::text[]) as k(s, k) order by s, k on conflict do nothing")) {
            ps.setArray(1, c.createArrayOf("text", subjects));
            ps.setArray(2, c.createArrayOf("text", kinds));
            ps.executeUpdate();
        }
        Map<String, long[]> used = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("select u.subject, u.kind, u.used from limit_usage u"
                + " join unnest(?::text[], ?::text[]) as k(s, k) on u.subject = k.s and u.kind = k.k"
                + " order by u.subject, u.kind for update of u")) {
            ps.setArray(1, c.createArrayOf("text", subjects));
            ps.setArray(2, c.createArrayOf("text", kinds));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    used.put(rs.getString(1) + "\u0000" + rs.getString(2), new long[] {rs.getLong(3)});
                }
            }
        }
        for (PreparedTransaction p : batch) {
            for (LimitUse u : p.limits()) {
                long[] slot = used.get(u.key());
                long next = Math.addExact(slot[0], u.amount());
                if (next > u.limit()) {
                    throw new LimitViolation("transaction " + p.id() + " would take " + u.subject() + " to "
                            + kz.digitaltenge.canonical.money.Tiyn.format(next) + " of its " + u.kind() + " limit "
                            + kz.digitaltenge.canonical.money.Tiyn.format(u.limit()));
                }
                slot[0] = next;
            }
        }
        long[] values = rows.keySet().stream().mapToLong(k -> used.get(k)[0]).toArray();
        try (PreparedStatement ps = c.prepareStatement("update limit_usage u set used = v.used"
                + " from unnest(?::text[], ?::text[], ?::int8[]) as v(s, k, used) where u.subject = v.s and u.kind = v.k")) {
            ps.setArray(1, c.createArrayOf("text", subjects));
            ps.setArray(2, c.createArrayOf("text", kinds));
            ps.setArray(3, c.createArrayOf("int8", Jdbc.box(values)));
            ps.executeUpdate();
        }
    }


    /** A transaction of a batch would take a contract over a limit (detected under the row lock). */
    static final class LimitViolation extends RuntimeException {
        LimitViolation(String message) {
            super(message, null, false, false);
        }
    }
}
