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
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import kz.digitaltenge.ledger.Ledger;
import kz.digitaltenge.canonical.LedgerException;
import kz.digitaltenge.canonical.id.AccountNumber;
import kz.digitaltenge.ledger.notary.HazelcastSpentSet;
import kz.digitaltenge.ledger.notary.NotaryCluster;
import kz.digitaltenge.ledger.registry.Registry;
import kz.digitaltenge.ledger.tx.CommittedTransaction;
import kz.digitaltenge.ledger.store.LedgerStore;
import kz.digitaltenge.ledger.query.SupplyAudit;
import kz.digitaltenge.ledger.testing.TestParties;
import kz.digitaltenge.ledger.tx.Output;
import kz.digitaltenge.ledger.tx.OutputRef;
import kz.digitaltenge.ledger.tx.SignedTransaction;
import kz.digitaltenge.ledger.tx.Transaction;
import kz.digitaltenge.ledger.tx.TxType;

/**
 * Full signed transfers through {@link Ledger#submit}: structure, input load, Ed25519 verification,
 * authority, conservation, Hazelcast reserve, group commit on a durable PostgreSQL (fsync on), finalize.
 *
 * <p>Setup (not timed): {@code accounts} client parties with Ed25519 keys and one account each; issue
 * transactions (32 outputs each) giving {@code warmupTransfers + transfers} coins of 1,000 tiyn round-robin to
 * the accounts; every transfer pre-signed by the coin owner: 1 input → 300 tiyn to another account + 700
 * change. Then a warm-up pass (not counted) and the measured pass, both with {@code transferInFlight} bounded
 * concurrency. Afterwards: the store's audit and the number of committed transfers in the database.
 */
public final class TransferScenario {
    public record Outcome(Result result, String verification, boolean verified) {
    }

    private static final long COIN = 1_000;

    private TransferScenario() {
    }

    public static Outcome run(DurablePostgres pg, BenchConfig cfg) throws Exception {
        int members = cfg.ledgerMembers;
        String cluster = "bench-ledger-" + UUID.randomUUID();
        int port = 28701 + ThreadLocalRandom.current().nextInt(2000);
        List<String> peers = new ArrayList<>();
        for (int i = 0; i < members; i++) {
            peers.add("127.0.0.1:" + (port + i));
        }
        List<HazelcastInstance> instances = new ArrayList<>();
        HazelcastSpentSet spentSet = null;
        Ledger ledger = null;
        try (HikariDataSource ds = pg.newDatabase("ledger_bench", 32)) {
            for (int i = 0; i < members; i++) {
                instances.add(Hazelcast.newHazelcastInstance(
                        NotaryCluster.memberConfig(cluster, "127.0.0.1", port + i, peers, members / 2 + 1)));
            }
            LedgerStore store = new LedgerStore(ds);
            store.migrate();
            Registry registry = new Registry(store.registry());
            spentSet = new HazelcastSpentSet(instances.get(0), store, Duration.ofSeconds(30), Duration.ofMillis(500));
            ledger = new Ledger(store, registry, spentSet, cfg.validatorThreads, cfg.commitThreads);

            long t0 = System.nanoTime();
            TestParties parties = new TestParties(registry);
            List<TestParties.Party> owners = new ArrayList<>(cfg.accounts);
            List<AccountNumber> accounts = new ArrayList<>(cfg.accounts);
            ExecutorService setup = Executors.newFixedThreadPool(8);
            try {
                List<Future<Map.Entry<TestParties.Party, AccountNumber>>> made = new ArrayList<>();
                for (int i = 0; i < cfg.accounts; i++) {
                    int n = i;
                    made.add(setup.submit(() -> {
                        TestParties.Party p = parties.client("Client " + n);
                        return Map.entry(p, parties.clientAccount(p));
                    }));
                }
                for (var f : made) {
                    owners.add(f.get().getKey());
                    accounts.add(f.get().getValue());
                }
            } finally {
                setup.shutdown();
            }
            long t1 = System.nanoTime();

            int coins = cfg.warmupTransfers + cfg.transfers;
            List<SignedTransaction> issues = new ArrayList<>();
            List<Integer> ownerOfCoin = new ArrayList<>(coins);
            for (int c = 0; c < coins; c += 32) {
                List<Output> outs = new ArrayList<>(32);
                for (int k = c; k < Math.min(coins, c + 32); k++) {
                    int a = k % cfg.accounts;
                    outs.add(Output.standard(accounts.get(a), COIN));
                    ownerOfCoin.add(a);
                }
                Transaction tx = new Transaction(TxType.ISSUE, "bench-issue-" + c, List.of(), outs);
                issues.add(new SignedTransaction(tx, List.of(parties.issuer.sign(tx))));
            }
            List<CommittedTransaction> issued = new ArrayList<>(issues.size());
            List<CompletableFuture<CommittedTransaction>> pending = new ArrayList<>();
            for (SignedTransaction s : issues) {
                pending.add(ledger.submit(s));
                if (pending.size() >= 256) {
                    for (var f : pending) {
                        issued.add(f.get(120, TimeUnit.SECONDS));
                    }
                    pending.clear();
                }
            }
            for (var f : pending) {
                issued.add(f.get(120, TimeUnit.SECONDS));
            }
            long t2 = System.nanoTime();

            // pre-sign every transfer (in parallel), in coin order
            SignedTransaction[] transfers = new SignedTransaction[coins];
            IntStream.range(0, coins).parallel().forEach(k -> {
                int a = ownerOfCoin.get(k);
                int payee = (a + 1 + (k % (cfg.accounts - 1))) % cfg.accounts;
                OutputRef coin = new OutputRef(issued.get(k / 32).id(), k % 32);
                transfers[k] = TestParties.transfer(owners.get(a), List.of(coin),
                        List.of(Output.standard(accounts.get(payee), 300), Output.standard(accounts.get(a), COIN - 300)),
                        "bench-pay-" + k);
            });
            long t3 = System.nanoTime();
            System.out.printf("  transfers setup: %d accounts in %.1f s, %d coins issued in %d issue txs in %.1f s, %d transfers signed in %.1f s%n",
                    cfg.accounts, (t1 - t0) / 1e9, coins, issues.size(), (t2 - t1) / 1e9, coins, (t3 - t2) / 1e9);

            Map<String, AtomicLong> refusals = new ConcurrentHashMap<>();
            AtomicLong committedOk = new AtomicLong();
            Ledger l = ledger;
            LoadDriver.AsyncOp submitOne = seq -> l.submit(transfers[(int) seq]).whenComplete((r, e) -> {
                if (e == null) {
                    committedOk.incrementAndGet();
                } else {
                    Throwable c = e instanceof java.util.concurrent.CompletionException && e.getCause() != null ? e.getCause() : e;
                    String reason = c instanceof LedgerException le ? le.reason().name() : c.getClass().getSimpleName();
                    refusals.computeIfAbsent(reason, x -> new AtomicLong()).incrementAndGet();
                }
            });
            Duration cap = Duration.ofMinutes(10);
            if (cfg.warmupTransfers > 0) {
                LoadDriver.run("warm-up", cfg.transferInFlight, Duration.ZERO, cap, cfg.warmupTransfers, submitOne);
            }
            int offset = cfg.warmupTransfers;
            StatementCounts pgCounts = cfg.pgStatements ? new StatementCounts(ds) : null;
            if (pgCounts != null) {
                pgCounts.start();
            }
            Result r = LoadDriver.run("signed transfers via Ledger.submit", cfg.transferInFlight, Duration.ZERO, cap, cfg.transfers,
                    seq -> submitOne.start(seq + offset));
            if (pgCounts != null) {
                pgCounts.print("signed transfers", cfg.transfers);
            }

            // verification
            SupplyAudit audit = ledger.queries().audit();
            long inDb = countTransfers(ds);
            long submitted = coins;
            boolean verified = audit.consistent() && inDb == submitted && committedOk.get() == submitted;
            String verification = String.format("audit consistent=%s (%s); transfers submitted=%d (warm-up %d + measured %d),"
                            + " answered committed=%d, refused=%s, TRANSFER rows in database=%d -> %s",
                    audit.consistent(), audit, submitted, cfg.warmupTransfers, cfg.transfers, committedOk.get(), refusals, inDb,
                    verified ? "OK" : "MISMATCH");
            return new Outcome(r.withNote(members + " hazelcast member(s), " + cfg.validatorThreads + " validator + "
                    + cfg.commitThreads + " commit threads, " + cfg.transferInFlight + " in flight, " + cfg.accounts + " accounts"), verification, verified);
        } finally {
            if (ledger != null) {
                ledger.close();
            }
            if (spentSet != null) {
                spentSet.close();
            }
            instances.forEach(hz -> hz.getLifecycleService().terminate());
        }
    }

    private static long countTransfers(HikariDataSource ds) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select count(*) from transactions where type = 'TRANSFER'")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
