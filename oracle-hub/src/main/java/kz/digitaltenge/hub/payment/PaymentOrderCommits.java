package kz.digitaltenge.hub.payment;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import kz.digitaltenge.canonical.id.AccountNumber;
import kz.digitaltenge.ledger.tx.CommitCompanion;
import kz.digitaltenge.ledger.tx.CommittedTransaction;

/**
 * An order becomes EXECUTED in the ledger's own commit of its payment ({@link CommitCompanion}): one multi-row update of
 * {@code payment_orders} per group commit, in its database transaction, instead of an update and a commit of its own
 * per order after the payment. So there is no moment at which the money has moved and the order still says RECEIVED.
 *
 * <p>Only the orders this hub has in flight are recorded here (announced by {@link #expect} before their submission,
 * forgotten after it); a transaction naming another order leaves nothing to do, and {@link PaymentOrders} then records
 * the order itself, as it does for a payment found again after a crash.
 */
final class PaymentOrderCommits implements CommitCompanion {
    /** reference of the payment's transaction → the order and its payee */
    private final Map<String, Expected> inFlight = new ConcurrentHashMap<>();

    private static final class Expected {
        final long orderId;
        final AccountNumber payee;
        /** A commit of the payment wrote the order (the last one to, if the batch was written again one by one). */
        volatile boolean written;
        /** The quarantined original the row names (another delivery of the order refused it meanwhile), if any. */
        volatile Long quarantineId;

        Expected(long orderId, AccountNumber payee) {
            this.orderId = orderId;
            this.payee = payee;
        }
    }

    /** The payment of this order is about to be submitted. */
    void expect(String reference, long orderId, AccountNumber payee) {
        inFlight.put(reference, new Expected(orderId, payee));
    }

    /**
     * Whether the order was written by the commit of its payment. Asked once the submission returned the payment
     * committed: every commit of a batch runs this companion in its own transaction, so the one that committed the
     * payment wrote the order too, as long as the order was expected (this companion registered with the store).
     */
    boolean written(String reference) {
        Expected e = inFlight.get(reference);
        return e != null && e.written;
    }

    /** The quarantine id the written row holds (null for an order never refused); asked after {@link #written}. */
    Long quarantineId(String reference) {
        Expected e = inFlight.get(reference);
        return e == null ? null : e.quarantineId;
    }

    /** Its submission returned (committed or not). */
    void forget(String reference) {
        inFlight.remove(reference);
    }

    @Override
    public void write(Connection c, List<CommittedTransaction> committed) throws SQLException {
        List<CommittedTransaction> paid = new ArrayList<>();
        List<Expected> orders = new ArrayList<>();
        for (CommittedTransaction t : committed) {
            String reference = t.signed().tx().reference();
            Expected e = reference == null ? null : inFlight.get(reference);
            if (e != null) {
                paid.add(t);
                orders.add(e);
            }
        }
        if (paid.isEmpty()) {
            return;
        }
        int n = paid.size();
        Long[] ids = new Long[n];
        byte[][] txs = new byte[n][];
        Long[] nets = new Long[n];
        Long[] vats = new Long[n];
        Timestamp[] at = new Timestamp[n];
        Map<Long, Expected> byOrder = new java.util.HashMap<>();
        for (int i = 0; i < n; i++) {
            CommittedTransaction t = paid.get(i);
            Expected e = orders.get(i);
            PaymentRecovery.Split split = PaymentRecovery.split(t.signed(), e.payee);
            ids[i] = e.orderId;
            txs[i] = t.id().bytes();
            nets[i] = split.net();
            vats[i] = split.vat();
            at[i] = Timestamp.from(t.committedAt());
            byOrder.put(e.orderId, e);
        }
        // the order's time is its payment's commit time; the split is what the transaction paid the payee
        try (PreparedStatement ps = c.prepareStatement("update payment_orders p set status = 'EXECUTED', transaction_id = v.tx,"
                + " net = v.net, vat = v.vat, reason_code = null, reason_message = null, updated_at = v.at"
                + " from unnest(?::int8[], ?::bytea[], ?::int8[], ?::int8[], ?::timestamptz[]) as v(id, tx, net, vat, at)"
                + " where p.id = v.id returning p.id, p.quarantine_id")) {
            ps.setArray(1, c.createArrayOf("int8", ids));
            ps.setArray(2, c.createArrayOf("bytea", txs));
            ps.setArray(3, c.createArrayOf("int8", nets));
            ps.setArray(4, c.createArrayOf("int8", vats));
            ps.setArray(5, c.createArrayOf("timestamptz", at));
            try (java.sql.ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Expected e = byOrder.get(rs.getLong(1));
                    e.quarantineId = (Long) rs.getObject(2);
                    e.written = true; // read only after the submission returned committed: see written()
                }
            }
        }
    }
}
