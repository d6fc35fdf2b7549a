package kz.digitaltenge.hub.programmable;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import kz.digitaltenge.canonical.LedgerException;
import kz.digitaltenge.canonical.ReasonCode;
import kz.digitaltenge.canonical.source.HoldDecision;

/**
 * The book of hold decisions ({@code hold_decisions}): what each stored event fact of a hold-driving source was decided
 * to do, and whether it is done. Deciding a fact is serialized per subject by a PostgreSQL advisory lock held while the
 * decision is made and recorded, so two facts about one event (on one hub or two) never both see "not paid yet".
 */
final class HoldDecisions {
    /** A recorded decision. */
    record Row(String factId, String source, String eventId, String decision, Long amount, String reasonCode, String detail,
               String outcome, long released, String transactionId, Long quarantineId) {
        boolean pending() {
            return "PENDING".equals(outcome);
        }
    }

    /** A decision being made under the lock. */
    interface Deciding {
        HoldDecision decide();
    }

    private static final HexFormat HEX = HexFormat.of();
    private static final String COLUMNS = "fact_id, source_system, event_id, decision, amount, reason_code, detail, outcome,"
            + " released, transaction_id, quarantine_id";

    private final DataSource db;

    HoldDecisions(DataSource db) {
        this.db = db;
    }

    Optional<Row> find(String factId) {
        try (Connection c = db.getConnection()) {
            return find(c, factId);
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    /**
     * The fact's decision: the recorded one, or (under the subject's lock) the one {@code deciding} makes now, recorded
     * before it is carried out.
     */
    Row decideOnce(String factId, String source, String subject, Deciding deciding) {
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try {
                try (PreparedStatement lock = c.prepareStatement("select pg_advisory_xact_lock(hashtextextended(?, 7))")) {
                    lock.setString(1, "hold:" + subject);
                    lock.execute();
                }
                Optional<Row> known = find(c, factId);
                if (known.isPresent()) {
                    c.commit();
                    return known.get();
                }
                HoldDecision d = deciding.decide();
                if (d.eventId() != null && !d.eventId().equals(subject)) {
                    // the fact names something else (a borrower) and the rules found the event: decide again under the
                    // event's lock too, so one animal sent under the loan and under the borrower is never paid twice
                    // (locks are taken subject first, event second; a fact about the event itself takes only the second)
                    try (PreparedStatement lock = c.prepareStatement("select pg_advisory_xact_lock(hashtextextended(?, 7))")) {
                        lock.setString(1, "hold:" + d.eventId());
                        lock.execute();
                    }
                    d = deciding.decide();
                }
                try (PreparedStatement ps = c.prepareStatement("insert into hold_decisions(fact_id, source_system, event_id,"
                        + " decision, amount, reason_code, detail) values (?,?,?,?,?,?,?)")) {
                    ps.setBytes(1, HEX.parseHex(factId));
                    ps.setString(2, source);
                    ps.setString(3, d.eventId());
                    ps.setString(4, kind(d));
                    ps.setObject(5, d instanceof HoldDecision.Release r ? r.amount() : null);
                    ps.setString(6, d instanceof HoldDecision.Refuse r ? r.reason().name() : null);
                    ps.setString(7, why(d));
                    ps.executeUpdate();
                }
                Row row = find(c, factId).orElseThrow();
                c.commit();
                return row;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    /** Records what was done; true when this call completed it (false: another call or hub had). */
    boolean done(String factId, String outcome, long released, String transactionId, Long quarantineId) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("update hold_decisions set outcome = ?,"
                + " released = ?, transaction_id = ?, quarantine_id = ?, done_at = clock_timestamp() where fact_id = ? and outcome = 'PENDING'")) {
            ps.setString(1, outcome);
            ps.setLong(2, released);
            ps.setBytes(3, transactionId == null ? null : HEX.parseHex(transactionId));
            ps.setObject(4, quarantineId);
            ps.setBytes(5, HEX.parseHex(factId));
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    /** A refused decision taken back for a retry from the quarantine: decided again from what is registered now. */
    void forget(String factId) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "delete from hold_decisions where fact_id = ? and outcome = 'REFUSED'")) {
            ps.setBytes(1, HEX.parseHex(factId));
            ps.executeUpdate();
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    /** The event's decisions, oldest first (pending releases included: they will be carried out). */
    List<Row> ofEvent(String eventId) {
        return rows("select " + COLUMNS + " from hold_decisions where event_id = ? order by decided_at, fact_id", eventId);
    }

    List<Row> pending(int limit) {
        return rows("select " + COLUMNS + " from hold_decisions where outcome = 'PENDING' order by decided_at limit " + limit);
    }

    /** Facts of these sources stored in the last 30 days that have no decision yet (a crash came between). */
    List<String[]> undecided(List<String> sources, int limit) {
        List<String[]> out = new ArrayList<>();
        if (sources.isEmpty()) {
            return out;
        }
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("select m.source_system, m.fact_id"
                + " from intake_messages m where m.fact_id is not null and m.source_system = any(?)"
                + " and m.received_at > clock_timestamp() - interval '30 days'"
                + " and not exists (select 1 from hold_decisions d where d.fact_id = m.fact_id) order by m.received_at limit ?")) {
            ps.setArray(1, c.createArrayOf("text", sources.toArray()));
            ps.setInt(2, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new String[] {rs.getString(1), HEX.formatHex(rs.getBytes(2))});
                }
            }
        } catch (SQLException e) {
            throw unavailable(e);
        }
        return out;
    }

    private List<Row> rows(String sql, Object... args) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            List<Row> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(row(rs));
                }
            }
            return out;
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    private static Optional<Row> find(Connection c, String factId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select " + COLUMNS + " from hold_decisions where fact_id = ?")) {
            ps.setBytes(1, HEX.parseHex(factId));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(row(rs)) : Optional.empty();
            }
        }
    }

    private static Row row(ResultSet rs) throws SQLException {
        byte[] tx = rs.getBytes(10);
        return new Row(HEX.formatHex(rs.getBytes(1)), rs.getString(2), rs.getString(3), rs.getString(4), (Long) rs.getObject(5),
                rs.getString(6), rs.getString(7), rs.getString(8), rs.getLong(9), tx == null ? null : HEX.formatHex(tx),
                (Long) rs.getObject(11));
    }

    static String kind(HoldDecision d) {
        if (d instanceof HoldDecision.Release) {
            return "RELEASE";
        }
        if (d instanceof HoldDecision.ReturnAll) {
            return "RETURN_ALL";
        }
        return d instanceof HoldDecision.Refuse ? "REFUSE" : "NO_CHANGE";
    }

    private static String why(HoldDecision d) {
        if (d instanceof HoldDecision.Release r) {
            return r.why();
        }
        if (d instanceof HoldDecision.ReturnAll r) {
            return r.why();
        }
        if (d instanceof HoldDecision.Refuse r) {
            return r.message();
        }
        return ((HoldDecision.NoChange) d).why();
    }

    private static LedgerException unavailable(SQLException e) {
        return new LedgerException(ReasonCode.UNAVAILABLE, "hold decisions unavailable: " + e.getMessage(), e);
    }
}
