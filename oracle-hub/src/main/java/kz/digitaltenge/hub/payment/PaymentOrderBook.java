package kz.digitaltenge.hub.payment;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import kz.digitaltenge.canonical.payment.ReferenceKind;
import kz.digitaltenge.canonical.LedgerException;
import kz.digitaltenge.canonical.ReasonCode;
import kz.digitaltenge.canonical.id.AccountNumber;
import kz.digitaltenge.canonical.id.PartyId;
import kz.digitaltenge.canonical.money.Tiyn;
import kz.digitaltenge.hub.payment.PaymentOrders.Outcome;
import kz.digitaltenge.hub.payment.PaymentOrders.PayerOutcome;

/**
 * The orders' bookkeeping: the rows of {@code payment_orders}, one per (payer account, number, date), and every
 * change of an order's status. {@link PaymentOrders} decides; this records what it decided, each change one
 * statement, so that a crash leaves an order in a state it can be resumed from.
 */
final class PaymentOrderBook {
    private static final HexFormat HEX = HexFormat.of();

    private final DataSource db;

    PaymentOrderBook(DataSource db) {
        this.db = db;
    }

    /** What recording an order found: it is new ({@code inserted}), or it was recorded before ({@code existing}). */
    record Received(Long inserted, Row existing) {
    }

    /** Records an order as RECEIVED, unless one with its payer account, number and date is recorded already. */
    Received receive(PaymentRequest r, String who, byte[] contentHash) {
        try (Connection c = db.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement("insert into payment_orders(source, channel, payer_account, number, order_date,"
                    + " content_hash, reference_kind, reference, payee_account, amount, stated_vat, status, created_by, payer_bin,"
                    + " payee_bin, currency, format, original) values (?,?,?,?,?,?,?,?,?,?,?, 'RECEIVED', ?,?,?,?,?,?) on conflict do nothing returning id")) {
                ps.setString(1, r.source());
                ps.setString(2, r.channel());
                ps.setString(3, r.payerAccount().value());
                ps.setString(4, r.number());
                ps.setObject(5, r.date());
                ps.setBytes(6, contentHash);
                ps.setString(7, r.referenceKind().name());
                ps.setString(8, r.reference());
                ps.setString(9, r.payeeAccount().value());
                ps.setLong(10, r.amount());
                ps.setObject(11, r.vat());
                ps.setString(12, who);
                ps.setString(13, r.payerBin().value());
                ps.setString(14, r.payeeBin().value());
                ps.setString(15, r.currency());
                ps.setString(16, r.format());
                ps.setBytes(17, r.original());
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        return new Received(rs.getLong(1), null);
                    }
                }
            }
            return new Received(null, findRow(c, r.payerAccount().value(), r.number(), r.date()).orElseThrow());
        } catch (SQLException e) {
            throw new LedgerException(ReasonCode.UNAVAILABLE, "payment orders unavailable: " + e.getMessage(), e);
        }
    }

    /** The order recorded with this payer account, number and date, if any. */
    Optional<Row> find(PaymentRequest r) {
        try (Connection c = db.getConnection()) {
            return findRow(c, r.payerAccount().value(), r.number(), r.date());
        } catch (SQLException e) {
            throw new LedgerException(ReasonCode.UNAVAILABLE, "payment orders unavailable: " + e.getMessage(), e);
        }
    }

    /** The checks passed: the split is recorded and the order waits for the payer's bank. */
    Outcome awaitConfirmation(long id, long net, long vat) {
        return updateReturning(id, "update payment_orders set net = ?, vat = ?, status = 'AWAITING_CONFIRMATION',"
                + " updated_at = clock_timestamp() where id = ? and status = 'RECEIVED'", net, vat, id);
    }

    void confirmedBy(long id, String who) {
        update(id, "update payment_orders set decided_by = ? where id = ?", who, id);
    }

    /** @return whether the order was awaiting confirmation (and is declined now) */
    boolean decline(long id, String reason, String who) {
        return update(id, "update payment_orders set status = 'DECLINED', reason_code = 'DECLINED_BY_BANK', reason_message = ?,"
                + " decided_by = ?, updated_at = clock_timestamp() where id = ? and status = 'AWAITING_CONFIRMATION'", reason, who, id) > 0;
    }

    /**
     * The order is paid by this transaction: its split (net, VAT) is recorded with it, as the transaction paid it —
     * one statement, not a split written before the submission and the status after it.
     */
    Outcome executed(long id, byte[] transactionId, long net, long vat) {
        return updateReturning(id, "update payment_orders set status = 'EXECUTED', transaction_id = ?, net = ?, vat = ?,"
                + " reason_code = null, reason_message = null, updated_at = clock_timestamp() where id = ?", transactionId, net, vat, id);
    }

    /**
     * Records a refusal of an order still undecided (RECEIVED, or AWAITING_CONFIRMATION when its bank confirmed it);
     * empty when another delivery of the same order decided it first (on another hub): then that decision stands.
     *
     * @param quarantineId the quarantined original, or null to keep the one recorded
     */
    Optional<Outcome> refused(long id, String reason, String message, Long quarantineId) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("update payment_orders set status = 'REFUSED',"
                + " reason_code = ?, reason_message = ?, quarantine_id = coalesce(?, quarantine_id), updated_at = clock_timestamp()"
                + " where id = ? and status in ('RECEIVED', 'AWAITING_CONFIRMATION') returning " + COLUMNS)) {
            ps.setString(1, reason);
            ps.setString(2, message);
            ps.setObject(3, quarantineId);
            ps.setLong(4, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new Row(rs).outcome()) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new LedgerException(ReasonCode.UNAVAILABLE, "payment order #" + id + " not updated: " + e.getMessage(), e);
        }
    }

    /** A refused order takes the (possibly edited) content of its retry and is RECEIVED again; false if it was not REFUSED. */
    boolean reopen(long id, PaymentRequest r, byte[] contentHash) {
        return update(id, "update payment_orders set status = 'RECEIVED', content_hash = ?, reference_kind = ?, reference = ?,"
                + " payee_account = ?, payee_bin = ?, amount = ?, stated_vat = ?, currency = ?, format = ?, original = ?,"
                + " updated_at = clock_timestamp() where id = ? and status = 'REFUSED'", contentHash, r.referenceKind().name(),
                r.reference(), r.payeeAccount().value(), r.payeeBin().value(), r.amount(), r.vat(), r.currency(), r.format(), r.original(), id) == 1;
    }

    Optional<Outcome> find(long id) {
        return rows(SELECT + " where id = ?", ps -> ps.setLong(1, id)).stream().findFirst().map(Row::outcome);
    }

    Optional<PayerOutcome> findWithPayer(long id) {
        return rows(SELECT + " where id = ?", ps -> ps.setLong(1, id)).stream().findFirst().map(Row::withPayer);
    }

    /** Orders in a status, oldest first, with who pays them. */
    /** Orders in a status, oldest first, of one payer account and / or one invoice or contract when given. */
    List<PayerOutcome> listWithPayer(String status, String payer, String reference, int limit) {
        return rows(SELECT + " where status = ? and (?::text is null or payer_account = ?) and (?::text is null or reference = ?)"
                + " order by id limit ?", ps -> {
            ps.setString(1, status);
            ps.setString(2, payer);
            ps.setString(3, payer);
            ps.setString(4, reference);
            ps.setString(5, reference);
            ps.setInt(6, limit);
        }).stream().map(Row::withPayer).toList();
    }

    /** Executed orders of an invoice, in the order they were paid. */
    List<Outcome> executedFor(String registrationNumber) {
        return query(SELECT + " where reference_kind = 'INVOICE' and reference = ? and status = 'EXECUTED' order by id limit ?",
                registrationNumber, Integer.MAX_VALUE);
    }

    private List<Outcome> query(String sql, String param, int limit) {
        return rows(sql, ps -> {
            ps.setString(1, param);
            ps.setInt(2, limit);
        }).stream().map(Row::outcome).toList();
    }

    private interface Params {
        void set(PreparedStatement ps) throws SQLException;
    }

    private List<Row> rows(String sql, Params params) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            params.set(ps);
            List<Row> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Row(rs));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new LedgerException(ReasonCode.UNAVAILABLE, "payment orders unavailable: " + e.getMessage(), e);
        }
    }

    private static final String COLUMNS = "id, channel, payer_account, number, order_date, content_hash, reference_kind,"
            + " reference, payee_account, amount, net, vat, status, reason_code, reason_message, transaction_id, quarantine_id,"
            + " updated_at, payer_bin, payee_bin, currency, stated_vat, format, original, source";
    private static final String SELECT = "select " + COLUMNS + " from payment_orders";

    private static Optional<Row> findRow(Connection c, String payer, String number, java.time.LocalDate date) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SELECT + " where payer_account = ? and number = ? and order_date = ?")) {
            ps.setString(1, payer);
            ps.setString(2, number);
            ps.setObject(3, date);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new Row(rs)) : Optional.empty();
            }
        }
    }

    Row row(long id) {
        return rows(SELECT + " where id = ?", ps -> ps.setLong(1, id)).stream().findFirst().orElseThrow(() ->
                new LedgerException(ReasonCode.NOT_FOUND, "no payment order #" + id));
    }

    /** An update of one order that answers the order as it is after it (one round trip). */
    private Outcome updateReturning(long id, String sql, Object... params) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql + " returning " + COLUMNS)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new Row(rs).outcome() : find(id).orElseThrow();
            }
        } catch (SQLException e) {
            throw new LedgerException(ReasonCode.UNAVAILABLE, "payment order #" + id + " not updated: " + e.getMessage(), e);
        }
    }

    private int update(long id, String sql, Object... params) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new LedgerException(ReasonCode.UNAVAILABLE, "payment order #" + id + " not updated: " + e.getMessage(), e);
        }
    }

    static final class Row {
        final long id;
        final String channel;
        final String payer;
        final String number;
        final java.time.LocalDate date;
        final byte[] contentHash;
        final String referenceKind;
        final String reference;
        final String payee;
        final long amount;
        final Long net;
        final Long vat;
        final String status;
        final String reasonCode;
        final String reasonMessage;
        final byte[] txId;
        final Long quarantineId;
        final String updatedAt;
        final String payerBin;
        final String payeeBin;
        final String currency;
        final Long statedVat;
        final String format;
        final byte[] original;
        final String source;

        Row(ResultSet rs) throws SQLException {
            id = rs.getLong(1);
            channel = rs.getString(2);
            payer = rs.getString(3);
            number = rs.getString(4);
            date = rs.getObject(5, java.time.LocalDate.class);
            contentHash = rs.getBytes(6);
            referenceKind = rs.getString(7);
            reference = rs.getString(8);
            payee = rs.getString(9);
            amount = rs.getLong(10);
            net = (Long) rs.getObject(11);
            vat = (Long) rs.getObject(12);
            status = rs.getString(13);
            reasonCode = rs.getString(14);
            reasonMessage = rs.getString(15);
            txId = rs.getBytes(16);
            quarantineId = (Long) rs.getObject(17);
            updatedAt = rs.getTimestamp(18).toInstant().toString();
            payerBin = rs.getString(19);
            payeeBin = rs.getString(20);
            currency = rs.getString(21);
            statedVat = (Long) rs.getObject(22);
            format = rs.getString(23);
            original = rs.getBytes(24);
            source = rs.getString(25);
        }

        Outcome outcome() {
            return new Outcome(id, number, date.toString(), status, ReferenceKind.valueOf(referenceKind), reference, Tiyn.format(amount),
                    net == null ? null : Tiyn.format(net), vat == null ? null : Tiyn.format(vat), reasonCode, reasonMessage,
                    txId == null ? null : HEX.formatHex(txId), quarantineId, updatedAt);
        }

        PayerOutcome withPayer() {
            return new PayerOutcome(outcome(), payerBin, payer);
        }

        /** The order as it was recorded. */
        PaymentRequest request() {
            return new PaymentRequest(source, channel, format, number, date, amount, statedVat, currency, new PartyId(payerBin),
                    new AccountNumber(payer), new PartyId(payeeBin), new AccountNumber(payee), ReferenceKind.valueOf(referenceKind),
                    reference, original, Map.of());
        }
    }
}
