package kz.digitaltenge.bench;

import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import kz.digitaltenge.canonical.id.AccountNumber;
import kz.digitaltenge.ledger.Ledger;
import kz.digitaltenge.ledger.notary.HazelcastSpentSet;
import kz.digitaltenge.ledger.notary.NotaryCluster;
import kz.digitaltenge.ledger.query.SupplyAudit;
import kz.digitaltenge.ledger.registry.Registry;
import kz.digitaltenge.ledger.store.LedgerStore;
import kz.digitaltenge.ledger.testing.TestParties;
import kz.digitaltenge.ledger.tx.CommittedTransaction;
import kz.digitaltenge.ledger.tx.Output;
import kz.digitaltenge.ledger.tx.OutputRef;
import kz.digitaltenge.ledger.tx.SignedTransaction;
import kz.digitaltenge.ledger.tx.Transaction;
import kz.digitaltenge.ledger.tx.TxId;
import kz.digitaltenge.ledger.tx.TxType;

/**
 * Whether a transfer costs the same in a small store and a large one (issue 14: 10⁴, 10⁶ and 10⁷ outputs, flat within
 * 20 %), and what an unspent output costs in memory and on disk.
 *
 * <p>One durable database grows through the sizes in order. For each size the store is filled through the ledger
 * itself (issue transactions of 32 coins to 1,000 accounts, so the audit stays whole), then two passes of signed
 * transfers through {@link Ledger#submit}, each on a freshly started ledger (as after a restart, its cache of recent
 * outputs empty):
 * <ul>
 *   <li><b>fresh coins</b>: coins issued just before the pass, spent once each — the inputs come from the ledger's
 *       cache of recent outputs, as the payment path's change outputs usually do;</li>
 *   <li><b>old coins</b>: random coins of the whole filled population, each spent once — every input is read from
 *       PostgreSQL by its index at that size.</li>
 * </ul>
 * Memory: the JVM's heap after a full GC before and after a fill, per output added while the ledger's cache of
 * recent outputs was not full (nothing else in the JVM grows with unspent outputs: the spent-set holds spent ids
 * only); disk: {@code pg_total_relation_size} of the outputs table (indexes included) per row.
 */
public final class StoreSizeScenario {
    private static final long COIN = 1_000;
    private static final int PER_ISSUE = 32;

    public record Outcome(List<Result> results, List<String> lines, boolean verified) {
    }

    private StoreSizeScenario() {
    }

    public static Outcome run(DurablePostgres pg, BenchConfig cfg, long[] sizes, int transfers, int warmup) throws Exception {
        String cluster = "bench-store-size-" + UUID.randomUUID();
        int port = 28701 + ThreadLocalRandom.current().nextInt(2000);
        HazelcastInstance hz = null;
        List<Result> results = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        boolean verified = true;
        try (HikariDataSource ds = pg.newDatabase("ledger_store_size", 32)) {
            hz = Hazelcast.newHazelcastInstance(NotaryCluster.memberConfig(cluster, "127.0.0.1", port,
                    List.of("127.0.0.1:" + port), 1));
            LedgerStore store = new LedgerStore(ds);
            store.migrate();
            Registry registry = new Registry(store.registry());
            TestParties parties = new TestParties(registry);
            List<TestParties.Party> owners = new ArrayList<>(cfg.accounts);
            List<AccountNumber> accounts = new ArrayList<>(cfg.accounts);
            makeAccounts(parties, cfg.accounts, owners, accounts);

            jitWarmUp(hz, store, registry, cfg, parties, owners, accounts, warmup);
            Population filler = new Population();
            for (long size : sizes) {
                long heapBefore = heapAfterGc();
                long t0 = System.nanoTime();
                long added;
                long heapFilled;
                double fillSeconds;
                try (Node node = new Node(hz, store, registry, cfg)) {
                    added = fill(node.ledger, parties, accounts, filler, size - outputRows(ds));
                    fillSeconds = (System.nanoTime() - t0) / 1e9;
                    heapFilled = heapAfterGc(); // while the node, and so its cache of recent outputs, is alive
                }
                long rows = outputRows(ds);
                long diskBytes = outputTableBytes(ds);
                lines.add(String.format("store of %,d outputs: filled %,d in %.0f s (%,.0f outputs/s); outputs table with its"
                                + " indexes %,d MB = %.0f bytes/output; heap after full GC %,d MB -> %,d MB while filling"
                                + " (the ledger's cache of recent outputs, at most %,d entries)",
                        rows, added, fillSeconds, added / fillSeconds, diskBytes >> 20, (double) diskBytes / rows,
                        heapBefore >> 20, heapFilled >> 20, Ledger.OUTPUT_CACHE_SIZE));
                if (added > 0 && added <= Ledger.OUTPUT_CACHE_SIZE) {
                    lines.add(String.format("  JVM heap per cached unspent output: %.0f bytes (%,d outputs added, cache not full)",
                            (double) (heapFilled - heapBefore) / added, added));
                }
                String label = sizeLabel(rows);

                // fresh coins: issued on the node that spends them, so its cache holds them
                try (Node node = new Node(hz, store, registry, cfg)) {
                    Population fresh = new Population();
                    fill(node.ledger, parties, accounts, fresh, warmup + transfers);
                    List<SignedTransaction> signed = transfers(owners, accounts, fresh, IntStream.range(0, warmup + transfers).toArray());
                    Pass p = pass(node.ledger, signed, warmup, cfg, "transfers, fresh coins, store " + label);
                    results.add(p.result);
                    verified &= p.refused.get() == 0;
                }
                // old coins: random over the whole filled population, on a node with an empty cache
                int old = (int) Math.min(transfers, filler.size() / 2);
                int oldWarmup = (int) Math.min(warmup, (filler.size() - old) / 2);
                if (old == 0) {
                    lines.add("  no old coins to spend at " + label + " (the store was that size already)");
                    continue;
                }
                try (Node node = new Node(hz, store, registry, cfg)) {
                    int[] picks = filler.pickUnspent(oldWarmup + old, new SplittableRandom(size));
                    List<SignedTransaction> signed = transfers(owners, accounts, filler, picks);
                    Pass p = pass(node.ledger, signed, oldWarmup, cfg, "transfers, old coins from PostgreSQL, store " + label);
                    results.add(p.result);
                    verified &= p.refused.get() == 0;
                }
            }
            try (Node node = new Node(hz, store, registry, cfg)) {
                SupplyAudit audit = node.ledger.queries().audit();
                verified &= audit.consistent();
                lines.add("verification: audit consistent=" + audit.consistent() + " (" + audit + "), every transfer answered"
                        + " committed: " + verified + " -> " + (verified ? "OK" : "MISMATCH"));
            }
        } finally {
            if (hz != null) {
                hz.getLifecycleService().terminate();
            }
        }
        return new Outcome(results, lines, verified);
    }

    /**
     * Both passes once before anything is measured, so the smallest store is not also the coldest JIT (the first run
     * of this scenario measured its 10^4 passes 1.3-1.9 times dearer than the later ones for that reason alone).
     */
    private static void jitWarmUp(HazelcastInstance hz, LedgerStore store, Registry registry, BenchConfig cfg,
                                  TestParties parties, List<TestParties.Party> owners, List<AccountNumber> accounts,
                                  int warmup) throws Exception {
        Population coins = new Population();
        int half = Math.max(1, Math.min(warmup, 4_000) / 2); // well below the smallest store (10^4), which it joins
        try (Node node = new Node(hz, store, registry, cfg)) {
            fill(node.ledger, parties, accounts, coins, 2L * half);
            pass(node.ledger, transfers(owners, accounts, coins, IntStream.range(0, half).toArray()), 0, cfg, "JIT warm-up, fresh coins");
        }
        try (Node node = new Node(hz, store, registry, cfg)) {
            pass(node.ledger, transfers(owners, accounts, coins, IntStream.range(half, 2 * half).toArray()), 0, cfg, "JIT warm-up, old coins");
        }
    }

    private static String sizeLabel(long rows) {
        int exp = (int) Math.round(Math.log10(rows));
        return String.format("%,d outputs (~10^%d)", rows, exp);
    }

    /** A ledger node as the hub runs one: the store, the spent-set on the member, validators and committers. */
    private static final class Node implements AutoCloseable {
        final HazelcastSpentSet spentSet;
        final Ledger ledger;

        Node(HazelcastInstance hz, LedgerStore store, Registry registry, BenchConfig cfg) {
            spentSet = new HazelcastSpentSet(hz, store, Duration.ofSeconds(30), Duration.ofMillis(500));
            ledger = new Ledger(store, registry, spentSet, cfg.validatorThreads, cfg.commitThreads);
        }

        @Override
        public void close() {
            ledger.close();
            spentSet.close();
        }
    }

    /** Coins by number: coin k is output {@code k % 32} of issue transaction {@code k / 32}, owned by account {@code k % accounts}. */
    private static final class Population {
        final List<TxId> issues = new ArrayList<>();
        long coins;
        final BitSet spent = new BitSet();

        long size() {
            return coins;
        }

        OutputRef ref(int k) {
            return new OutputRef(issues.get(k / PER_ISSUE), k % PER_ISSUE);
        }

        /** {@code n} distinct coins not spent yet, uniformly at random; marked spent. */
        int[] pickUnspent(int n, SplittableRandom random) {
            int[] out = new int[n];
            for (int i = 0; i < n; i++) {
                int k;
                do {
                    k = random.nextInt((int) coins);
                } while (spent.get(k));
                spent.set(k);
                out[i] = k;
            }
            return out;
        }
    }

    private static void makeAccounts(TestParties parties, int n, List<TestParties.Party> owners, List<AccountNumber> accounts)
            throws Exception {
        ExecutorService setup = Executors.newFixedThreadPool(8);
        try {
            List<Future<Object[]>> made = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int k = i;
                made.add(setup.submit(() -> {
                    TestParties.Party p = parties.client("Holder " + k);
                    return new Object[] {p, parties.clientAccount(p)};
                }));
            }
            for (var f : made) {
                owners.add((TestParties.Party) f.get()[0]);
                accounts.add((AccountNumber) f.get()[1]);
            }
        } finally {
            setup.shutdown();
        }
    }

    /** Issues at least {@code outputs} coins (whole issue transactions of 32) through the ledger; returns how many. */
    private static long fill(Ledger ledger, TestParties parties, List<AccountNumber> accounts, Population pop, long outputs)
            throws Exception {
        if (outputs <= 0) {
            return 0;
        }
        long txs = (outputs + PER_ISSUE - 1) / PER_ISSUE;
        int chunk = 4_096;
        for (long start = 0; start < txs; start += chunk) {
            int n = (int) Math.min(chunk, txs - start);
            long base = pop.coins;
            SignedTransaction[] signed = new SignedTransaction[n];
            IntStream.range(0, n).parallel().forEach(t -> {
                List<Output> outs = new ArrayList<>(PER_ISSUE);
                for (int i = 0; i < PER_ISSUE; i++) {
                    long k = base + (long) t * PER_ISSUE + i;
                    outs.add(Output.standard(accounts.get((int) (k % accounts.size())), COIN));
                }
                Transaction tx = new Transaction(TxType.ISSUE, "store-size-issue-" + UUID.randomUUID(), List.of(), outs);
                signed[t] = new SignedTransaction(tx, List.of(parties.issuer.sign(tx)));
            });
            List<CompletableFuture<CommittedTransaction>> pending = new ArrayList<>(n);
            for (SignedTransaction s : signed) {
                pending.add(ledger.submit(s));
            }
            for (var f : pending) {
                pop.issues.add(f.get(300, TimeUnit.SECONDS).id());
            }
            pop.coins += (long) n * PER_ISSUE;
        }
        return txs * PER_ISSUE;
    }

    /** Each picked coin spent by its owner: 300 tiyn to another account, 700 back. */
    private static List<SignedTransaction> transfers(List<TestParties.Party> owners, List<AccountNumber> accounts,
                                                     Population pop, int[] picks) {
        SignedTransaction[] out = new SignedTransaction[picks.length];
        int n = accounts.size();
        IntStream.range(0, picks.length).parallel().forEach(i -> {
            int k = picks[i];
            int a = k % n;
            int payee = (a + 1 + (i % (n - 1))) % n;
            out[i] = TestParties.transfer(owners.get(a), List.of(pop.ref(k)),
                    List.of(Output.standard(accounts.get(payee), 300), Output.standard(accounts.get(a), COIN - 300)),
                    "store-size-pay-" + UUID.randomUUID());
        });
        return List.of(out);
    }

    private record Pass(Result result, AtomicLong refused) {
    }

    private static Pass pass(Ledger ledger, List<SignedTransaction> signed, int warmup, BenchConfig cfg, String name) {
        AtomicLong refused = new AtomicLong();
        LoadDriver.AsyncOp submit = seq -> ledger.submit(signed.get((int) seq)).whenComplete((r, e) -> {
            if (e != null) {
                refused.incrementAndGet();
            }
        });
        Duration cap = Duration.ofMinutes(10);
        if (warmup > 0) {
            LoadDriver.run("warm-up", cfg.transferInFlight, Duration.ZERO, cap, warmup, submit);
        }
        Result r = LoadDriver.run(name, cfg.transferInFlight, Duration.ZERO, cap, signed.size() - warmup, seq -> submit.start(seq + warmup));
        return new Pass(r, refused);
    }

    private static long heapAfterGc() {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return rt.totalMemory() - rt.freeMemory();
    }

    private static long outputRows(HikariDataSource ds) throws SQLException {
        return single(ds, "select count(*) from outputs");
    }

    private static long outputTableBytes(HikariDataSource ds) throws SQLException {
        return single(ds, "select pg_total_relation_size('outputs')");
    }

    private static long single(HikariDataSource ds, String sql) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
