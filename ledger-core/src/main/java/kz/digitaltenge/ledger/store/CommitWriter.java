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
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import kz.digitaltenge.canonical.LedgerException;
import kz.digitaltenge.canonical.ReasonCode;
import kz.digitaltenge.canonical.id.AccountNumber;
import kz.digitaltenge.ledger.tx.CommitCompanion;
import kz.digitaltenge.ledger.tx.CommittedTransaction;
import kz.digitaltenge.ledger.tx.Output;
import kz.digitaltenge.ledger.tx.OutputRef;
import kz.digitaltenge.ledger.tx.StoredOutput;
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
    /** A batch's touched balances, locked in account order (two batches never wait on each other in a cycle). */
    static final String LOCK_BALANCES = "select account, balance from account_balances"
            + " where account = any(?::bpchar[]) order by account for update";
    /** The touched balances as they stand after the batch, in one statement. */
    static final String UPDATE_BALANCES = "update account_balances b set balance = v.balance"
            + " from unnest(?::bpchar[], ?::int8[]) as v(account, balance) where b.account = v.account";

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

    private List<CommittedTransaction> write(Connection c, List<PreparedTransaction> batch) throws SQLException {
        int inputCount = 0;
        int outputCount = 0;
        for (PreparedTransaction p : batch) {
            inputCount += p.inputs().size();
            outputCount += p.signed().tx().outputs().size();
        }

        // 1. spent markers: the single-spend authority. Inserted in output-id order, so two writers that
        //    contend for the same outputs wait on each other in one order and never deadlock.
        byte[][] inTx = new byte[inputCount][]; // the inputs in output-id order, for the markers and the flags (4b)
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

        // 1b. limits tracked from facts (contract allowances): lock the rows in a fixed order, replay the batch
        limits.apply(c, batch);

        // 2. balances: lock the touched accounts in a fixed order, then replay the batch in memory
        Set<String> touched = new TreeSet<>();
        for (PreparedTransaction p : batch) {
            for (StoredOutput in : p.inputs()) {
                touched.add(in.output().owner().value());
            }
            for (Output out : p.signed().tx().outputs()) {
                touched.add(out.owner().value());
            }
        }
        String[] accounts = touched.toArray(new String[0]);
        // the account numbers go as bpchar[], the column's own type: compared as text[], the column is cast to text,
        // its primary key cannot serve and every commit read the whole table (BalanceStatementsTest). One array for
        // the three statements below: the driver encodes it once.
        java.sql.Array accountArray = c.createArrayOf("text", accounts);
        try (PreparedStatement ps = c.prepareStatement("insert into account_balances(account, balance)"
                + " select a, 0 from unnest(?::bpchar[]) as a order by a on conflict do nothing")) {
            ps.setArray(1, accountArray);
            ps.executeUpdate();
        }
        Map<String, Long> running = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(LOCK_BALANCES)) {
            ps.setArray(1, accountArray);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    running.put(rs.getString(1), rs.getLong(2));
                }
            }
        }
        List<Map<AccountNumber, Long>> after = new ArrayList<>(batch.size());
        for (PreparedTransaction p : batch) {
            Set<AccountNumber> mineTouched = new TreeSet<>();
            for (StoredOutput in : p.inputs()) {
                String a = in.output().owner().value();
                long next = running.get(a) - in.output().amount();
                if (next < 0) {
                    throw new IllegalStateException("balance of " + a + " would go negative: store is inconsistent");
                }
                running.put(a, next);
                mineTouched.add(in.output().owner());
            }
            for (Output out : p.signed().tx().outputs()) {
                String a = out.owner().value();
                running.put(a, Math.addExact(running.get(a), out.amount()));
                mineTouched.add(out.owner());
            }
            // each touched account's balance right after this transaction (in commit order)
            Map<AccountNumber, Long> mine = new TreeMap<>();
            mineTouched.forEach(a -> mine.put(a, running.get(a.value())));
            after.add(mine);
        }
        long[] balanceValues = new long[accounts.length];
        for (int i = 0; i < accounts.length; i++) {
            balanceValues[i] = running.get(accounts[i]);
        }
        try (PreparedStatement ps = c.prepareStatement(UPDATE_BALANCES)) {
            ps.setArray(1, accountArray);
            ps.setArray(2, c.createArrayOf("int8", Jdbc.box(balanceValues)));
            ps.executeUpdate();
        }

        // 3. transactions
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
        List<long[]> seqs = new ArrayList<>();
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
        if (inserted.size() != n) {
            return null; // a transaction with the same id is already committed
        }

        // 4. outputs
        if (outputCount > 0) {
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
            }
        }

        // 4b. the inputs are flagged spent (after the outputs, so an input made in this batch is flagged too): only a
        //     search aid for an account's unspent outputs (the partial index outputs_unspent_by_owner); the markers
        //     above stay the authority, and the audit checks that the two agree
        if (inputCount > 0) {
            try (PreparedStatement ps = c.prepareStatement("update outputs o set spent = true"
                    + " from unnest(?::bytea[], ?::int[]) as s(tx_id, idx) where o.tx_id = s.tx_id and o.idx = s.idx")) {
                ps.setArray(1, c.createArrayOf("bytea", inTx));
                ps.setArray(2, c.createArrayOf("int4", Jdbc.box(inIdx)));
                ps.executeUpdate();
            }
        }

        List<CommittedTransaction> result = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            PreparedTransaction p = batch.get(i);
            Object[] row = inserted.get(p.id().hex());
            result.add(new CommittedTransaction(p.id(), (Long) row[0], ((Timestamp) row[1]).toInstant(), p.signed(), after.get(i)));
        }

        // 5. what goes with the transactions (a payment order's status): in this database transaction, or not at all
        for (CommitCompanion companion : companions) {
            companion.write(c, result);
        }
        return result;
    }
}
