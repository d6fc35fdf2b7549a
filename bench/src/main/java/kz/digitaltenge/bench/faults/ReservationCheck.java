package kz.digitaltenge.bench.faults;

import static kz.digitaltenge.bench.faults.FaultSuite.say;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import kz.digitaltenge.bench.faults.ClusterEnv.Answer;
import kz.digitaltenge.bench.faults.ClusterEnv.Target;
import kz.digitaltenge.ledger.tx.OutputRef;

/**
 * Nothing stays reserved after recovery: every contended coin no committed transaction spent is spent afresh by its
 * pre-signed sweep (resent while refused INPUT_RESERVED until the lease and a margin have passed), and a sample of
 * spent coins' sweeps must be refused ALREADY_SPENT.
 */
final class ReservationCheck {
    private final ClusterEnv env;
    private final Client client;
    private final Consumer<String> fail;

    ReservationCheck(ClusterEnv env, Client client, Consumer<String> fail) {
        this.env = env;
        this.client = client;
        this.fail = fail;
    }


    static String spender(Connection db, OutputRef ref) throws Exception {
        try (PreparedStatement ps = db.prepareStatement("select spent_by from spent_outputs where tx_id = ? and idx = ?")) {
            ps.setBytes(1, ref.txId().bytes());
            ps.setInt(2, ref.index());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? HexFormat.of().formatHex(rs.getBytes(1)) : null;
            }
        }
    }

    /**
     * Nothing stays reserved: every coin no committed transaction spent gets its sweep (a fresh transfer), resent while
     * it is refused INPUT_RESERVED until the lease and a margin have passed, and must commit; a sample of spent coins'
     * sweeps must be refused as spent.
     */
    void sweep(Connection db, Map<String, HistoryChecker.CoinPlan> coins, Set<String> contended, Duration lease) throws Exception {
        List<HistoryChecker.CoinPlan> unspent = new ArrayList<>();
        List<HistoryChecker.CoinPlan> spent = new ArrayList<>();
        for (HistoryChecker.CoinPlan c : coins.values()) {
            if (!contended.contains(c.key())) {
                continue;
            }
            (spender(db, c.ref()) == null ? unspent : spent).add(c);
        }
        List<HistoryChecker.CoinPlan> sample = new ArrayList<>();
        for (int i = 0; i < spent.size() && sample.size() < 16; i += Math.max(1, spent.size() / 16)) {
            sample.add(spent.get(i));
        }
        long t0 = System.currentTimeMillis();
        long deadline = t0 + lease.toMillis() + 20_000;
        Map<String, String> result = new ConcurrentHashMap<>();
        Map<String, Long> tookMs = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(12);
        List<Future<?>> fs = new ArrayList<>();
        List<HistoryChecker.CoinPlan> all = new ArrayList<>(unspent);
        all.addAll(sample);
        for (HistoryChecker.CoinPlan c : all) {
            fs.add(pool.submit(() -> {
                int a = 0;
                String last;
                while (true) {
                    a++;
                    Target t = env.all.get((c.n() + a) % env.all.size());
                    Answer ans = env.post(t, "/api/ledger/transactions", "bank", c.sweepBody(), Client.REQUEST_TIMEOUT);
                    ObjectNode n = History.line("request").put("op", "sweep").put("coin", c.key()).put("n", c.n())
                            .put("tx", c.sweep()).put("attempt", a).put("phase", "check");
                    last = client.record(n, t, ans);
                    boolean again = Client.again(last, n) || (last.equals("REFUSED") && "INPUT_RESERVED".equals(n.path("reason").asText()));
                    if (!again || System.currentTimeMillis() > deadline) {
                        result.put(c.key(), last.equals("REFUSED") ? n.path("reason").asText() : last);
                        tookMs.put(c.key(), System.currentTimeMillis() - t0);
                        return;
                    }
                    Client.pause(1000);
                }
            }));
        }
        for (Future<?> f : fs) {
            f.get();
        }
        pool.shutdown();
        int committed = 0, reserved = 0;
        long maxMs = 0;
        for (HistoryChecker.CoinPlan c : unspent) {
            String r = result.get(c.key());
            if ("COMMITTED".equals(r)) {
                committed++;
                maxMs = Math.max(maxMs, tookMs.get(c.key()));
            } else {
                if ("INPUT_RESERVED".equals(r)) {
                    reserved++;
                }
                fail.accept("coin " + c.n() + " (" + c.key() + ") unspent by any commit, but its fresh transfer was answered " + r
                        + " after " + tookMs.get(c.key()) / 1000.0 + " s (left reserved?)");
            }
        }
        int refused = 0;
        for (HistoryChecker.CoinPlan c : sample) {
            String r = result.get(c.key());
            if ("ALREADY_SPENT".equals(r)) {
                refused++;
            } else {
                fail.accept("coin " + c.n() + " was spent, yet a fresh transfer of it was answered " + r);
            }
        }
        say("== reservations after recovery (lease " + lease.toSeconds() + " s): " + unspent.size()
                + " contended coins no transaction committed; a fresh transfer of each: " + committed + " committed (the last "
                + maxMs / 1000.0 + " s after the check began), " + reserved + " still reserved; " + refused + " of " + sample.size()
                + " spent coins' fresh transfers refused ALREADY_SPENT");
    }
}
