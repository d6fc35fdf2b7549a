package kz.digitaltenge.bench;

import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
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
import java.util.concurrent.ThreadLocalRandom;
import kz.digitaltenge.ledger.notary.HazelcastSpentSet;
import kz.digitaltenge.ledger.notary.NotaryCluster;
import kz.digitaltenge.ledger.notary.ReserveOutcome;
import kz.digitaltenge.ledger.tx.OutputRef;
import kz.digitaltenge.ledger.tx.TxId;

/**
 * The notary workload, three ways. One "spend" = a fresh transaction id spending two fresh output ids
 * (random 32-byte ids; the notary needs nothing else): reserve both, then mark them spent.
 */
public final class NotaryScenarios {
    private NotaryScenarios() {
    }

    /** The ids one spend needs, made on the load thread the same way for every scenario. */
    record Spend(TxId tx, List<OutputRef> inputs) {
        static Spend fresh() {
            TxId tx = randomId();
            TxId prev = randomId();
            return new Spend(tx, List.of(new OutputRef(prev, 0), new OutputRef(prev, 1)));
        }
    }

    static TxId randomId() {
        byte[] b = new byte[32];
        ThreadLocalRandom.current().nextBytes(b);
        return TxId.of(b);
    }

    // ------------------------------------------------------------------ Hazelcast

    /**
     * {@code members} in-JVM Hazelcast members on 127.0.0.1 (NotaryCluster.memberConfig, split-brain protection
     * at a majority), one HazelcastSpentSet per member as each ledger node has; the load is spread round-robin
     * over the spent-sets. Each spend: reserve(tx, 2 inputs), and on RESERVED finalizeSpent(tx, inputs), exactly
     * as Ledger does after the durable commit (finalize is asynchronous there too). After the window the run
     * waits until no reservation is left, so finalization that fell behind is visible as "drain".
     */
    public static Result hazelcast(int members, BenchConfig cfg) {
        String cluster = "bench-" + UUID.randomUUID();
        int port = 25701 + ThreadLocalRandom.current().nextInt(2000);
        List<String> peers = new ArrayList<>();
        for (int i = 0; i < members; i++) {
            peers.add("127.0.0.1:" + (port + i));
        }
        int quorum = members / 2 + 1;
        List<HazelcastInstance> instances = new ArrayList<>();
        List<HazelcastSpentSet> sets = new ArrayList<>();
        try {
            for (int i = 0; i < members; i++) {
                instances.add(Hazelcast.newHazelcastInstance(
                        NotaryCluster.memberConfig(cluster, "127.0.0.1", port + i, peers, quorum)));
            }
            waitForClusterSize(instances, members);
            for (HazelcastInstance hz : instances) {
                // no durable store behind this notary-only run: nothing is ever orphaned for more than the lease
                sets.add(new HazelcastSpentSet(hz, refs -> Map.of(), Duration.ofSeconds(60), Duration.ofSeconds(1)));
            }
            String name = "hazelcast notary, " + members + " member" + (members > 1 ? "s" : "");
            Result r = LoadDriver.run(name, cfg.notaryInFlight, cfg.warmup, cfg.duration, Long.MAX_VALUE, seq -> {
                HazelcastSpentSet set = sets.get((int) (seq % sets.size()));
                Spend s = Spend.fresh();
                return set.reserve(s.tx(), s.inputs()).thenApply(o -> {
                    if (o.kind() != ReserveOutcome.Kind.RESERVED) {
                        throw new IllegalStateException("fresh ids must reserve, got " + o);
                    }
                    set.finalizeSpent(s.tx(), s.inputs());
                    return o;
                });
            });
            long drainStart = System.nanoTime();
            long left = -1;
            for (int i = 0; i < 600; i++) {
                left = sets.get(0).reservedCount();
                if (left == 0) {
                    break;
                }
                sleep(100);
            }
            long drainMs = (System.nanoTime() - drainStart) / 1_000_000;
            long entries = sets.get(0).spentCount() + sets.get(0).reservedCount();
            return r.withNote(members + " member(s), " + cfg.notaryInFlight + " in flight, spent-set entries " + entries
                    + ", reservations left " + left + " (drained in " + drainMs + " ms)");
        } finally {
            sets.forEach(HazelcastSpentSet::close);
            instances.forEach(hz -> hz.getLifecycleService().terminate());
        }
    }

    private static void waitForClusterSize(List<HazelcastInstance> instances, int size) {
        for (int i = 0; i < 300; i++) {
            if (instances.stream().allMatch(hz -> hz.getCluster().getMembers().size() == size)) {
                return;
            }
            sleep(100);
        }
        throw new IllegalStateException("cluster did not form with " + size + " members");
    }

    // ------------------------------------------------------------------ PostgreSQL-only baseline

    /**
     * What a typical team builds first: the spent-set is a table with a primary key, one database transaction
     * per ledger transaction inserting its inputs (a duplicate is refused by the unique constraint). Blocking
     * JDBC on a pool of {@code pgPool} connections, {@code pgClients} client threads, fsync and
     * synchronous_commit ON.
     */
    public static Result postgres(DurablePostgres pg, BenchConfig cfg) {
        try (HikariDataSource ds = pg.newDatabase("notary_baseline", cfg.pgPool)) {
            try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
                s.execute("create table spent_outputs (tx_id bytea not null, idx integer not null,"
                        + " spent_by bytea not null, primary key (tx_id, idx))");
            }
            ExecutorService clients = Executors.newFixedThreadPool(cfg.pgClients, r -> {
                Thread t = new Thread(r, "pg-client");
                t.setDaemon(true);
                return t;
            });
            try {
                return LoadDriver.run("postgresql-only notary", cfg.pgClients, cfg.warmup, cfg.duration, Long.MAX_VALUE, seq -> {
                    Spend s = Spend.fresh();
                    return CompletableFuture.runAsync(() -> insertSpend(ds, s), clients);
                }).withNote(cfg.pgPool + " connections, " + cfg.pgClients + " client threads, 1 db transaction per spend");
            } finally {
                clients.shutdownNow();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void insertSpend(HikariDataSource ds, Spend s) {
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement(
                    "insert into spent_outputs(tx_id, idx, spent_by) values (?,?,?), (?,?,?)")) {
                byte[] by = s.tx().bytes();
                int p = 1;
                for (OutputRef in : s.inputs()) {
                    ps.setBytes(p++, in.txId().bytes());
                    ps.setInt(p++, in.index());
                    ps.setBytes(p++, by);
                }
                ps.executeUpdate();
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e; // 23505 unique_violation = double spend refused
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    // ------------------------------------------------------------------ in-process upper limit

    /**
     * The upper limit on this box: a ConcurrentHashMap in the same process, putIfAbsent per input (reserve, all
     * or none) then replace with a spent mark (finalize). No network, no backup, no durability.
     */
    public static Result hashSet(BenchConfig cfg) {
        ConcurrentHashMap<String, String> spent = new ConcurrentHashMap<>();
        return LoadDriver.run("in-process hash map notary", cfg.notaryInFlight, cfg.warmup, cfg.duration, Long.MAX_VALUE, seq -> {
            Spend s = Spend.fresh();
            String holder = s.tx().hex();
            List<String> taken = new ArrayList<>(2);
            for (OutputRef in : s.inputs()) {
                String key = in.key();
                if (spent.putIfAbsent(key, holder) != null) {
                    taken.forEach(spent::remove);
                    return CompletableFuture.failedFuture(new IllegalStateException("conflict on " + key));
                }
                taken.add(key);
            }
            for (String key : taken) {
                spent.replace(key, "S:" + holder);
            }
            return CompletableFuture.completedFuture(null);
        }).withNote("ConcurrentHashMap putIfAbsent + replace, map entries " + spent.size());
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
