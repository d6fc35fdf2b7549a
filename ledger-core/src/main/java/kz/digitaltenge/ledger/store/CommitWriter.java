package kz.digitaltenge.ledger.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import kz.digitaltenge.canonical.LedgerException;
import kz.digitaltenge.canonical.ReasonCode;
import kz.digitaltenge.canonical.id.AccountNumber;
import kz.digitaltenge.ledger.tx.CommitCompanion;
import kz.digitaltenge.ledger.tx.CommittedTransaction;
import kz.digitaltenge.ledger.tx.Output;
import kz.digitaltenge.ledger.tx.OutputRef;
import kz.digitaltenge.ledger.tx.TxId;

/**
 * Writes committed transactions: a transaction is committed when, and only when, the database transaction that
 * wrote it committed; with {@code synchronous_commit=on} that means it is on disk.
 *
 * <p>{@link #commitBatch} writes a whole group of transactions in one database transaction (group commit).
 * Its first statement inserts every spent marker; the primary key on {@code spent_outputs} refuses a second
 * spend of an output whatever the notary's in-memory state was, and the batch then reports
 * {@link BatchOutcome#conflict()} so that the caller can retry one by one and name the loser.
 */
public final class CommitWriter {
    /** How often {@link #commitOne} retries a conflict that no committed spender explains. */
    public static final int MAX_COMMIT_ATTEMPTS = 5;
    private static final String UNIQUE_VIOLATION = "23505";

    private final Jdbc jdbc;
    private final LimitRecords limits;
    private final TransactionRecords transactions;
    private final OutputRecords outputs;
    private final List<CommitCompanion> companions = new java.util.concurrent.CopyOnWriteArrayList<>();

    CommitWriter(Jdbc jdbc, LimitRecords limits, TransactionRecords transactions, OutputRecords outputs) {
        this.jdbc = jdbc;
        this.limits = limits;
        this.transactions = transactions;
        this.outputs = outputs;
    }

    /** Adds records written with every batch from now on, in its transaction ({@link CommitCompanion}). */
    public void addCompanion(CommitCompanion companion) {
        companions.add(companion);
    }

    /** How a group commit ended: all committed, or a conflict was found and nothing was written. */
    public record BatchOutcome(List<CommittedTransaction> committed, boolean conflict) {
    }

    /**
     * Writes all {@code batch} transactions in one database transaction, or none of them. Nothing is written
     * when any input is already spent, any transaction id already exists, a limit would be exceeded, or the
     * database refuses the content of the batch (not an outage: see {@link StoreFailures}); the outcome is then a
     * conflict and the caller commits the transactions one by one ({@link #commitOne}) to tell the winners from
     * the losers. A batch of one is refused outright instead. An outage throws {@link ReasonCode#UNAVAILABLE}.
     */
    public BatchOutcome commitBatch(List<PreparedTransaction> batch) {
        if (batch.isEmpty()) {
            return new BatchOutcome(List.of(), false);
        }
        try (Connection c = jdbc.connection()) {
            c.setAutoCommit(false);
            try {
                List<CommittedTransaction> done = write(c, batch);
                if (done == null) {
                    c.rollback();
                    return new BatchOutcome(List.of(), true);
                }
                c.commit();
                return new BatchOutcome(done, false);
            } catch (LimitRecords.LimitViolation v) {
                Jdbc.safeRollback(c);
                if (batch.size() == 1) {
                    throw new LedgerException(ReasonCode.LIMIT_EXCEEDED, v.getMessage());
                }
                // one transaction of the batch went over a limit: nothing was written; the caller commits one
                // by one, so only that one is refused
                return new BatchOutcome(List.of(), true);
            } catch (SQLException e) {
                Jdbc.safeRollback(c);
                if (isConcurrencyAbort(e)) {
                    // a deadlock or serialization failure with another writer of the same rows: nothing was
                    // written; the caller retries one by one like any other conflict
                    return new BatchOutcome(List.of(), true);
                }
                if (StoreFailures.isOutage(e)) {
                    throw e;
                }
                // the database refused the batch's content (a NUL in a reference failed whole batches): nothing
                // was written; alone, the transaction is refused; in a batch, the caller splits it so that only
                // the one carrying the value is refused
                if (batch.size() == 1) {
                    throw StoreFailures.refused(batch.get(0), e);
                }
                return new BatchOutcome(List.of(), true);
            } catch (LedgerException e) {
                Jdbc.safeRollback(c);
                throw e;
            } catch (RuntimeException e) {
                Jdbc.safeRollback(c);
                // our own code failed on this batch's content (never the database being away): split it as well
                if (batch.size() == 1) {
                    throw StoreFailures.failed(batch.get(0), e);
                }
                return new BatchOutcome(List.of(), true);
            }
        } catch (SQLException e) {
            throw Jdbc.unavailable(e);
        }
    }


    /** Deadlock detected (40P01) or serialization failure (40001): the server aborted us to let another go. */
    private static boolean isConcurrencyAbort(SQLException e) {
        return "40P01".equals(e.getSQLState()) || "40001".equals(e.getSQLState());
    }

    /**
     * Commits a single transaction. Returns the committed record, or the already committed record of the same
     * id (idempotent resubmission), or throws {@link ReasonCode#ALREADY_SPENT} naming the input and its spender.
     * A conflict that the store cannot explain yet (a concurrent writer was aborted or is still deciding) is
     * retried a few times before it is answered {@link ReasonCode#UNAVAILABLE}.
     */
    public CommittedTransaction commitOne(PreparedTransaction tx) {
        for (int attempt = 1; ; attempt++) {
            BatchOutcome outcome = commitBatch(List.of(tx));
            if (!outcome.conflict()) {
                return outcome.committed().get(0);
            }
            Optional<CommittedTransaction> existing = transactions.findTransaction(tx.id());
            if (existing.isPresent()) {
                return existing.get();
            }
            List<OutputRef> inputs = tx.signed().tx().inputs();
            Map<OutputRef, TxId> spent = outputs.spentBy(inputs);
            for (OutputRef in : inputs) {
                TxId by = spent.get(in);
                if (by != null && !by.equals(tx.id())) {
                    throw new LedgerException(ReasonCode.ALREADY_SPENT, "input " + in + " was already spent by " + by);
                }
            }
            if (attempt >= MAX_COMMIT_ATTEMPTS) {
                throw new LedgerException(ReasonCode.UNAVAILABLE, "commit of " + tx.id() + " kept conflicting without a"
                        + " committed spender after " + attempt + " attempts; submit it again");
            }
        }
    }

    /**
     * The batch's statements, in an order chosen for contention: first what only this batch touches (the spent markers,
     * the new outputs, the inputs' flags), then what other batches touch too (limits, balances) and the transaction rows
     * whose balances come from them, and the companions. The rows two batches share are then locked for the shortest
     * time, from their step to the commit; with them first, a second commit thread waited for the whole of the first
     * batch (issue 14, the sixth cut). Returns null when the batch conflicts and nothing may be written.
     */
    private List<CommittedTransaction> write(Connection c, List<PreparedTransaction> batch) throws SQLException {
        int inputCount = 0;
        int outputCount = 0;
        for (PreparedTransaction p : batch) {
            inputCount += p.inputs().size();
            outputCount += p.signed().tx().outputs().size();
        }

        // 1. spent markers: the single-spend authority. Inserted in output-id order, so two writers that
        //    contend for the same outputs wait on each other in one order and never deadlock.
        byte[][] inTx = new byte[inputCount][]; // the inputs in output-id order, for the markers and the flags (3)
        int[] inIdx = new int[inputCount];
        if (inputCount > 0) {
            List<Map.Entry<OutputRef, TxId>> spends = new ArrayList<>(inputCount);
            for (PreparedTransaction p : batch) {
                for (OutputRef in : p.signed().tx().inputs()) {
                    spends.add(Map.entry(in, p.id()));
                }
            }
            spends.sort(Map.Entry.comparingByKey());
            byte[][] spender = new byte[inputCount][];
            for (int i = 0; i < inputCount; i++) {
                Map.Entry<OutputRef, TxId> e = spends.get(i);
                inTx[i] = e.getKey().txId().bytes();
                inIdx[i] = e.getKey().index();
                spender[i] = e.getValue().bytes();
            }
            try (PreparedStatement ps = c.prepareStatement("insert into spent_outputs(tx_id, idx, spent_by)"
                    + " select * from unnest(?::bytea[], ?::int[], ?::bytea[]) as s(tx_id, idx, spent_by)"
                    + " order by tx_id, idx on conflict do nothing")) {
                ps.setArray(1, c.createArrayOf("bytea", inTx));
                ps.setArray(2, c.createArrayOf("int4", Jdbc.box(inIdx)));
                ps.setArray(3, c.createArrayOf("bytea", spender));
                if (ps.executeUpdate() != inputCount) {
                    return null;
                }
            }
        }

        // 2. outputs. An output that exists already means a transaction of the same id is committed (an issue sent
        //    twice has no input to conflict on): a conflict, as the transaction rows below would find
        if (outputCount > 0 && !insertOutputs(c, batch, outputCount)) {
            return null;
        }

        // 3. the inputs are flagged spent (after the outputs, so an input made in this batch is flagged too): only a
        //    search aid for an account's unspent outputs (the partial index outputs_unspent_by_owner); the markers
        //    above stay the authority, and the audit checks that the two agree
        if (inputCount > 0) {
            try (PreparedStatement ps = c.prepareStatement("update outputs o set spent = true"
                    + " from unnest(?::bytea[], ?::int[]) as s(tx_id, idx) where o.tx_id = s.tx_id and o.idx = s.idx")) {
                ps.setArray(1, c.createArrayOf("bytea", inTx));
                ps.setArray(2, c.createArrayOf("int4", Jdbc.box(inIdx)));
                ps.executeUpdate();
            }
        }

        // 4. limits tracked from facts (contract allowances), then balances: rows other batches lock too, each set in a
        //    fixed order and always limits before balances, so two writers never wait on each other in a cycle
        limits.apply(c, batch);
        List<Map<AccountNumber, Long>> after = BatchBalances.apply(c, batch);

        // 5. transactions, with each one's balances after it
        Map<String, Object[]> inserted = insertTransactions(c, batch, after);
        if (inserted.size() != batch.size()) {
            return null; // a transaction with the same id is already committed
        }
        List<CommittedTransaction> result = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            PreparedTransaction p = batch.get(i);
            Object[] row = inserted.get(p.id().hex());
            result.add(new CommittedTransaction(p.id(), (Long) row[0], ((Timestamp) row[1]).toInstant(), p.signed(), after.get(i)));
        }

        // 6. what goes with the transactions (a payment order's status): in this database transaction, or not at all
        for (CommitCompanion companion : companions) {
            companion.write(c, result);
        }
        return result;
    }

    /**
     * Inserts the batch's outputs; false when one exists already (its primary key refused it; the database transaction
     * is then aborted and the caller rolls back). A plain insert: with {@code on conflict do nothing} each row cost one
     * more descent of the primary key, for a case that only a resubmitted issue hits.
     */
    private static boolean insertOutputs(Connection c, List<PreparedTransaction> batch, int outputCount) throws SQLException {
        byte[][] oTx = new byte[outputCount][];
        int[] oIdx = new int[outputCount];
        String[] owner = new String[outputCount];
        long[] amount = new long[outputCount];
        String[] marking = new String[outputCount];
        String[] hold = new String[outputCount];
        int k = 0;
        for (PreparedTransaction p : batch) {
            byte[] id = p.id().bytes();
            List<Output> outs = p.signed().tx().outputs();
            for (int j = 0; j < outs.size(); j++) {
                Output o = outs.get(j);
                oTx[k] = id;
                oIdx[k] = j;
                owner[k] = o.owner().value();
                amount[k] = o.amount();
                marking[k] = o.marking();
                hold[k] = o.hold();
                k++;
            }
        }
        try (PreparedStatement ps = c.prepareStatement("insert into outputs(tx_id, idx, owner, amount, marking, hold)"
                + " select * from unnest(?::bytea[], ?::int[], ?::text[], ?::int8[], ?::text[], ?::text[])")) {
            ps.setArray(1, c.createArrayOf("bytea", oTx));
            ps.setArray(2, c.createArrayOf("int4", Jdbc.box(oIdx)));
            ps.setArray(3, c.createArrayOf("text", owner));
            ps.setArray(4, c.createArrayOf("int8", Jdbc.box(amount)));
            ps.setArray(5, c.createArrayOf("text", marking));
            ps.setArray(6, c.createArrayOf("text", hold));
            ps.executeUpdate();
            return true;
        } catch (SQLException e) {
            if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                return false; // the primary key (tx_id, idx) is the table's only unique index
            }
            throw e;
        }
    }

    /** Inserts the batch's transaction rows; returns the new ones' sequence number and commit time by id (hex). */
    private static Map<String, Object[]> insertTransactions(Connection c, List<PreparedTransaction> batch,
                                                            List<Map<AccountNumber, Long>> after) throws SQLException {
        int n = batch.size();
        byte[][] ids = new byte[n][];
        String[] types = new String[n];
        String[] refs = new String[n];
        byte[][] bodies = new byte[n][];
        String[] sigs = new String[n];
        long[] issued = new long[n];
        long[] redeemed = new long[n];
        String[] balancesJson = new String[n];
        for (int i = 0; i < n; i++) {
            PreparedTransaction p = batch.get(i);
            ids[i] = p.id().bytes();
            types[i] = p.signed().tx().type().name();
            refs[i] = p.signed().tx().reference();
            bodies[i] = p.signed().tx().canonicalBytes();
            sigs[i] = TransactionRecords.signaturesJson(p.signed().signatures());
            issued[i] = p.issued();
            redeemed[i] = p.redeemed();
            balancesJson[i] = TransactionRecords.balancesJson(after.get(i));
        }
        Map<String, Object[]> inserted = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("insert into transactions(tx_id, type, reference, body, signatures,"
                + " issued, redeemed, balances) select * from unnest(?::bytea[], ?::text[], ?::text[], ?::bytea[], ?::text[],"
                + " ?::int8[], ?::int8[], ?::text[]) on conflict do nothing returning tx_id, seq, committed_at")) {
            ps.setArray(1, c.createArrayOf("bytea", ids));
            ps.setArray(2, c.createArrayOf("text", types));
            ps.setArray(3, c.createArrayOf("text", refs));
            ps.setArray(4, c.createArrayOf("bytea", bodies));
            ps.setArray(5, c.createArrayOf("text", sigs));
            ps.setArray(6, c.createArrayOf("int8", Jdbc.box(issued)));
            ps.setArray(7, c.createArrayOf("int8", Jdbc.box(redeemed)));
            ps.setArray(8, c.createArrayOf("text", balancesJson));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    inserted.put(TxId.of(rs.getBytes(1)).hex(), new Object[] {rs.getLong(2), rs.getTimestamp(3)});
                }
            }
        }
        return inserted;
    }
}
