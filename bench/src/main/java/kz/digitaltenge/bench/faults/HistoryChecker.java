package kz.digitaltenge.bench.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import kz.digitaltenge.bench.faults.ClusterEnv.Answer;
import kz.digitaltenge.bench.faults.ClusterEnv.Target;
import kz.digitaltenge.ledger.tx.CanonicalDecoder;
import kz.digitaltenge.ledger.tx.OutputRef;
import kz.digitaltenge.ledger.tx.Transaction;

/**
 * Checks a fault suite's history ({@code cluster-data/faults/history.jsonl}) against the store (JDBC, the cluster's
 * database credentials) and the hubs' API, after the faults:
 * <ul>
 *   <li>no output spent twice: per coin at most one committed transaction spends it, and the spent marker names it;
 *       and no input of any committed transaction in the whole store is an input of another;</li>
 *   <li>every transfer answered COMMITTED is in the store exactly once (with the answered seq); every other one is
 *       absent or there once;</li>
 *   <li>the refusals counted by reason; the supply audit consistent on every hub (and the same on each); the evidence
 *       chain intact (online on every hub, and the export through {@code bin/evidence-verify});</li>
 *   <li>every Kafka record produced is one fact or one quarantine entry, none lost, none doubled;</li>
 *   <li>nothing stays reserved: after the lease a fresh transfer (pre-signed: the sweep) commits for every coin no
 *       committed transaction spent, and a spent coin's sweep is refused;</li>
 *   <li>per fault: the RTO (from the fault to the first commit answered afterwards, for a request sent after it, on a
 *       surviving hub) and what the clients saw.</li>
 * </ul>
 * Exit code 0 when every invariant holds, 1 otherwise.
 */
final class HistoryChecker {
    private final ClusterEnv env;
    private final Path file;
    private final List<String> failures = new ArrayList<>();
    private History history;            // the checker's own requests (sweeps) are appended to the history too
    private Client client;              // the same client as the workload's, for the sweeps

    HistoryChecker(ClusterEnv env, Path file) {
        this.env = env;
        this.file = file;
    }

    private static void say(String s) {
        System.out.println(s);
        System.out.flush();
    }

    private void fail(String s) {
        failures.add(s);
        say("  FAIL: " + s);
    }

    private static String iso(long ms) {
        return Instant.ofEpochMilli(ms).toString();
    }

    record CoinPlan(int n, String key, List<String> contenders, String sweep, String sweepBody) {
        OutputRef ref() {
            return OutputRef.parse(key);
        }
    }

    int check() throws Exception {
        long started = System.currentTimeMillis();
        List<JsonNode> lines = History.read(file);
        JsonNode runLine = lines.stream().filter(l -> "run".equals(l.path("kind").asText())).findFirst().orElse(null);
        if (runLine == null) {
            say("FAIL: no run in " + file);
            return 1;
        }
        String run = runLine.path("run").asText();
        Duration lease = parseDuration(runLine.path("lease").asText("30s"));
        say("== check of run " + run + " (" + file + ")");
        Map<String, CoinPlan> coins = new LinkedHashMap<>();
        Map<String, String> txCoin = new HashMap<>();          // tx id -> coin key
        for (JsonNode l : lines) {
            if ("coin".equals(l.path("kind").asText())) {
                List<String> c = new ArrayList<>();
                l.path("contenders").forEach(x -> c.add(x.asText()));
                CoinPlan p = new CoinPlan(l.path("n").asInt(), l.path("coin").asText(), c, l.path("sweep").asText(), l.path("sweepBody").asText());
                coins.put(p.key(), p);
                c.forEach(t -> txCoin.put(t, p.key()));
                txCoin.put(p.sweep(), p.key());
            }
        }
        List<JsonNode> transfers = lines.stream().filter(l -> "request".equals(l.path("kind").asText())
                && "transfer".equals(l.path("op").asText())).toList();
        Set<String> contended = transfers.stream().map(l -> l.path("coin").asText()).collect(Collectors.toSet());

        try (History h = new History(file, true);
             Connection db = DriverManager.getConnection(env.dbUrl(), "hub", env.dbPassword())) {
            this.history = h;
            this.client = new Client(env, h);
            kafkaSettle(db, lines);
            PaymentChecker payments = new PaymentChecker(env, h, this::fail);
            int resent = payments.settle(lines);
            if (resent > 0) {
                say("== payments: " + resent + " orders without a definite answer sent again by their clients");
            }
            sweep(db, coins, contended, lease);
            lines = History.read(file);                      // with the sweeps and the orders sent again
            storeChecks(db, coins, contended, txCoin, lines);
            payments.check(db, run, lines);
            kafkaChecks(db, lines);
            audit();
            evidence();
            faults(lines);
        }
        say("");
        say(failures.isEmpty() ? "fault suite: PASSED (check took " + (System.currentTimeMillis() - started) / 1000.0 + " s)"
                : "fault suite: FAILED, " + failures.size() + " invariant(s): " + String.join("; ", failures));
        return failures.isEmpty() ? 0 : 1;
    }

    static Duration parseDuration(String s) {
        if (s == null || s.isBlank() || s.equals("null")) {
            return Duration.ofSeconds(30);
        }
        s = s.trim();
        if (s.endsWith("ms")) {
            return Duration.ofMillis(Long.parseLong(s.substring(0, s.length() - 2)));
        }
        if (s.endsWith("s")) {
            return Duration.ofSeconds(Long.parseLong(s.substring(0, s.length() - 1)));
        }
        if (s.endsWith("m")) {
            return Duration.ofMinutes(Long.parseLong(s.substring(0, s.length() - 1)));
        }
        return Duration.parse(s);
    }

    private static long count(Connection db, String sql, Object... args) throws Exception {
        try (PreparedStatement ps = db.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static byte[] hex(String h) {
        return HexFormat.of().parseHex(h);
    }

    // ------------------------------------------------------------------------------------------------------- Kafka

    private List<JsonNode> kafkaAcked(List<JsonNode> lines) {
        return lines.stream().filter(l -> "kafka".equals(l.path("kind").asText()) && "ACKED".equals(l.path("outcome").asText())).toList();
    }

    private boolean kafkaArrived(Connection db, JsonNode k) throws Exception {
        byte[] body = k.path("body").asText().getBytes(StandardCharsets.UTF_8);
        if (k.path("poison").asBoolean()) {
            return count(db, "select count(*) from quarantine where body = ?", body) > 0;
        }
        return count(db, "select count(*) from intake_messages where source_system = 'einvoice' and message_id = ? and fact_id is not null",
                k.path("messageId").asText()) > 0
                || count(db, "select count(*) from quarantine where source_message_id = ? and source_system = 'einvoice'",
                k.path("messageId").asText()) > 0;
    }

    /** Waits (bounded: a consumer group's rebalance after a killed hub takes up to its session timeout) for every record. */
    private void kafkaSettle(Connection db, List<JsonNode> lines) throws Exception {
        List<JsonNode> acked = kafkaAcked(lines);
        long t0 = System.currentTimeMillis();
        long deadline = t0 + 180_000;
        List<JsonNode> pending = new ArrayList<>(acked);
        while (!pending.isEmpty() && System.currentTimeMillis() < deadline) {
            List<JsonNode> still = new ArrayList<>();
            for (JsonNode k : pending) {
                if (!kafkaArrived(db, k)) {
                    still.add(k);
                }
            }
            pending = still;
            if (!pending.isEmpty()) {
                Thread.sleep(500);
            }
        }
        say("== Kafka: " + acked.size() + " records acknowledged by the broker; " + (acked.size() - pending.size())
                + " processed by the hubs within " + (System.currentTimeMillis() - t0) / 1000.0 + " s of the check's start");
    }

    private void kafkaChecks(Connection db, List<JsonNode> lines) throws Exception {
        List<JsonNode> all = lines.stream().filter(l -> "kafka".equals(l.path("kind").asText())).toList();
        int facts = 0, quarantined = 0, lost = 0, doubled = 0, unackedThere = 0, unackedAbsent = 0;
        for (JsonNode k : all) {
            String id = k.path("messageId").asText();
            byte[] body = k.path("body").asText().getBytes(StandardCharsets.UTF_8);
            long intake = count(db, "select count(*) from intake_messages where source_system = 'einvoice' and message_id = ?", id);
            long fact = k.path("poison").asBoolean() ? 0
                    : count(db, "select count(*) from facts where type = 'INVOICE_REGISTERED' and subject = ?", k.path("subject").asText());
            long quar = count(db, "select count(*) from quarantine where source_system = 'einvoice' and (body = ? or source_message_id = ?)", body, id);
            long total = fact + quar;
            boolean acked = "ACKED".equals(k.path("outcome").asText());
            if (intake > 1 || fact > 1 || quar > 1 || total > 1) {
                doubled++;
                fail("Kafka record " + id + " doubled: intake " + intake + ", facts " + fact + ", quarantine " + quar);
            } else if (total == 0) {
                if (acked) {
                    lost++;
                    fail("Kafka record " + id + " acknowledged by the broker but neither a fact nor in quarantine (lost)");
                } else {
                    unackedAbsent++;
                }
            } else {
                if (!acked) {
                    unackedThere++;
                }
                if (fact == 1) {
                    facts++;
                } else {
                    quarantined++;
                }
            }
        }
        say("== Kafka intake (topic " + KafkaLoad.EINVOICE_TOPIC + "): " + all.size() + " records produced ("
                + all.stream().filter(l -> l.path("poison").asBoolean()).count() + " poison), "
                + all.stream().filter(l -> "ACKED".equals(l.path("outcome").asText())).count() + " acknowledged; "
                + facts + " facts, " + quarantined + " in quarantine, lost " + lost + ", doubled " + doubled
                + (unackedThere + unackedAbsent > 0 ? ", unacknowledged: " + unackedThere + " there, " + unackedAbsent + " absent" : ""));
    }

    // ------------------------------------------------------------------------------------------------------- sweep

    private String spender(Connection db, OutputRef ref) throws Exception {
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
    private void sweep(Connection db, Map<String, CoinPlan> coins, Set<String> contended, Duration lease) throws Exception {
        List<CoinPlan> unspent = new ArrayList<>();
        List<CoinPlan> spent = new ArrayList<>();
        for (CoinPlan c : coins.values()) {
            if (!contended.contains(c.key())) {
                continue;
            }
            (spender(db, c.ref()) == null ? unspent : spent).add(c);
        }
        List<CoinPlan> sample = new ArrayList<>();
        for (int i = 0; i < spent.size() && sample.size() < 16; i += Math.max(1, spent.size() / 16)) {
            sample.add(spent.get(i));
        }
        long t0 = System.currentTimeMillis();
        long deadline = t0 + lease.toMillis() + 20_000;
        Map<String, String> result = new ConcurrentHashMap<>();
        Map<String, Long> tookMs = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(12);
        List<Future<?>> fs = new ArrayList<>();
        List<CoinPlan> all = new ArrayList<>(unspent);
        all.addAll(sample);
        for (CoinPlan c : all) {
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
        for (CoinPlan c : unspent) {
            String r = result.get(c.key());
            if ("COMMITTED".equals(r)) {
                committed++;
                maxMs = Math.max(maxMs, tookMs.get(c.key()));
            } else {
                if ("INPUT_RESERVED".equals(r)) {
                    reserved++;
                }
                fail("coin " + c.n() + " (" + c.key() + ") unspent by any commit, but its fresh transfer was answered " + r
                        + " after " + tookMs.get(c.key()) / 1000.0 + " s (left reserved?)");
            }
        }
        int refused = 0;
        for (CoinPlan c : sample) {
            String r = result.get(c.key());
            if ("ALREADY_SPENT".equals(r)) {
                refused++;
            } else {
                fail("coin " + c.n() + " was spent, yet a fresh transfer of it was answered " + r);
            }
        }
        say("== reservations after recovery (lease " + lease.toSeconds() + " s): " + unspent.size()
                + " contended coins no transaction committed; a fresh transfer of each: " + committed + " committed (the last "
                + maxMs / 1000.0 + " s after the check began), " + reserved + " still reserved; " + refused + " of " + sample.size()
                + " spent coins' fresh transfers refused ALREADY_SPENT");
    }

    // ------------------------------------------------------------------------------------------------------- store

    private void storeChecks(Connection db, Map<String, CoinPlan> coins, Set<String> contended, Map<String, String> txCoin,
                             List<JsonNode> lines) throws Exception {
        List<JsonNode> reqs = lines.stream().filter(l -> "request".equals(l.path("kind").asText())
                && Set.of("transfer", "sweep").contains(l.path("op").asText())).toList();
        // what the clients were told, per transaction id
        Map<String, Long> ackedSeq = new HashMap<>();

        Map<String, String> finalOutcome = new HashMap<>();
        Map<String, Integer> byReason = new TreeMap<>();
        Map<String, Integer> attemptOutcomes = new TreeMap<>();
        int transferRequests = 0;
        for (JsonNode r : reqs) {
            String tx = r.path("tx").asText();
            String o = r.path("outcome").asText();
            String label = o.equals("REFUSED") ? "REFUSED " + r.path("reason").asText()
                    : o.equals("HTTP_ERROR") ? "HTTP " + r.path("http").asInt() : o;
            if (r.path("op").asText().equals("transfer")) {
                transferRequests++;
                attemptOutcomes.merge(label, 1, Integer::sum);
            }
            if (o.equals("COMMITTED")) {
                Long prev = ackedSeq.put(tx, r.path("seq").asLong());
                if (prev != null && prev != r.path("seq").asLong()) {
                    fail("transaction " + tx + " answered COMMITTED with seq " + prev + " and with seq " + r.path("seq").asLong());
                }
            }
            finalOutcome.put(tx, label);                     // the last answer the client got for it
        }
        // the committed transactions the suite knows (contenders and sweeps), from the store
        Map<String, Long> storeSeq = new HashMap<>();
        Map<String, Long> storeAt = new HashMap<>();
        Map<String, List<String>> spendersOfCoin = new HashMap<>();
        List<String> known = new ArrayList<>(txCoin.keySet());
        for (int i = 0; i < known.size(); i += 500) {
            List<String> chunk = known.subList(i, Math.min(known.size(), i + 500));
            try (PreparedStatement ps = db.prepareStatement("select tx_id, seq, body, (extract(epoch from committed_at) * 1000)::bigint"
                    + " from transactions where tx_id = any(?)")) {
                ps.setArray(1, db.createArrayOf("bytea", chunk.stream().map(HistoryChecker::hex).toArray(byte[][]::new)));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        String id = HexFormat.of().formatHex(rs.getBytes(1));
                        storeSeq.put(id, rs.getLong(2));
                        storeAt.put(id, rs.getLong(4));
                        Transaction tx = CanonicalDecoder.decode(rs.getBytes(3));
                        for (OutputRef in : tx.inputs()) {
                            spendersOfCoin.computeIfAbsent(in.key(), k -> new ArrayList<>()).add(id);
                        }
                    }
                }
            }
        }
        int doubleSpends = 0, markerMismatch = 0, spentCoins = 0;
        for (CoinPlan c : coins.values()) {
            if (!contended.contains(c.key())) {
                continue;
            }
            List<String> sp = spendersOfCoin.getOrDefault(c.ref().key(), List.of());
            String marker = spender(db, c.ref());
            if (sp.size() > 1) {
                doubleSpends++;
                fail("coin " + c.n() + " (" + c.key() + ") spent by " + sp.size() + " committed transactions: " + sp);
            }
            if (sp.stream().anyMatch(t -> !t.equals(c.sweep()))) {
                spentCoins++;
            }
            if ((marker == null) != sp.isEmpty() || (marker != null && !sp.contains(marker))) {
                markerMismatch++;
                fail("coin " + c.n() + ": spent marker " + marker + ", committed spenders " + sp);
            }
        }
        // the whole store: no input of a committed transaction is an input of another
        Map<String, Integer> inputs = new HashMap<>();
        long all = 0;
        try (PreparedStatement ps = db.prepareStatement("select body from transactions"); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                all++;
                for (OutputRef in : CanonicalDecoder.decode(rs.getBytes(1)).inputs()) {
                    inputs.merge(in.key(), 1, Integer::sum);
                }
            }
        }
        long globalDoubles = inputs.values().stream().filter(v -> v > 1).count();
        if (globalDoubles > 0) {
            fail(globalDoubles + " outputs are inputs of more than one committed transaction in the store");
        }
        long markers = count(db, "select count(*) from spent_outputs");
        if (markers != inputs.size()) {
            fail("the store has " + markers + " spent markers for " + inputs.size() + " distinct spent inputs");
        }
        // acknowledged: exactly once, with the answered seq; unacknowledged: absent or once
        int lost = 0, seqMismatch = 0, unackCommitted = 0, unackAbsent = 0;
        for (Map.Entry<String, Long> e : ackedSeq.entrySet()) {
            Long s = storeSeq.get(e.getKey());
            if (s == null) {
                lost++;
                fail("transaction " + e.getKey() + " answered COMMITTED (seq " + e.getValue() + ") is not in the store (lost)");
            } else if (!s.equals(e.getValue())) {
                seqMismatch++;
                fail("transaction " + e.getKey() + " answered seq " + e.getValue() + ", stored with seq " + s);
            }
        }
        int refused = 0, refusedCommitted = 0;
        for (Map.Entry<String, String> e : finalOutcome.entrySet()) {
            String tx = e.getKey();
            if (ackedSeq.containsKey(tx)) {
                continue;
            }
            boolean definitive = e.getValue().startsWith("REFUSED ") && !e.getValue().equals("REFUSED UNAVAILABLE");
            if (definitive) {
                refused++;
                if (storeSeq.containsKey(tx)) {
                    refusedCommitted++;
                    fail("transaction " + tx + " was refused (" + e.getValue() + ") but is committed");
                }
            } else if (storeSeq.containsKey(tx)) {
                unackCommitted++;
            } else {
                unackAbsent++;
            }
        }
        long dupRefs = count(db, "select count(*) from (select reference from transactions where reference like ? group by reference having count(*) > 1) d",
                lines.stream().filter(l -> "run".equals(l.path("kind").asText())).findFirst().orElseThrow().path("run").asText() + "-%");
        if (dupRefs > 0) {
            fail(dupRefs + " references of this run committed more than once");
        }
        for (Map.Entry<String, String> e : finalOutcome.entrySet()) {
            if (txCoin.containsKey(e.getKey()) && !e.getKey().equals(coins.get(txCoin.get(e.getKey())).sweep())) {
                byReason.merge(e.getValue(), 1, Integer::sum);
            }
        }
        Map<String, Set<String>> sentPerCoin = new HashMap<>();
        for (JsonNode r : reqs) {
            if (r.path("op").asText().equals("transfer")) {
                sentPerCoin.computeIfAbsent(r.path("coin").asText(), k -> new java.util.HashSet<>()).add(r.path("tx").asText());
            }
        }
        int contenders = sentPerCoin.values().stream().mapToInt(Set::size).sum();
        int conflicting = sentPerCoin.values().stream().mapToInt(x -> x.size() - 1).sum();
        long orphans = reqs.stream().filter(r -> r.path("phase").asText().startsWith("orphan")).count();
        long contenderCommits = storeSeq.keySet().stream().filter(t -> !coins.get(txCoin.get(t)).sweep().equals(t)).count();
        say("== ledger: " + contended.size() + " coins, " + contenders + " signed transfers sent (" + conflicting
                + " of them conflicting with another of the same coin; " + orphans + " orphans: sent once to a hub just before"
                + " its kill), " + transferRequests + " requests (with resends)");
        say("  commits: " + contenderCommits + " (coins spent by a contender: " + spentCoins + "; sweeps committed: "
                + (storeSeq.size() - contenderCommits) + ")");
        say("  double spends: " + doubleSpends + " (whole store, " + all + " transactions: " + globalDoubles + "); spent markers not"
                + " naming the committed spender: " + markerMismatch);
        say("  acknowledged (answered COMMITTED): " + ackedSeq.size() + ", lost " + lost + ", duplicated " + (dupRefs + seqMismatch)
                + "; refused: " + refused + " (committed nonetheless: " + refusedCommitted + "); no definite answer (the last try an"
                + " error, a timeout or UNAVAILABLE): " + (unackCommitted + unackAbsent) + ", of them committed " + unackCommitted
                + ", absent " + unackAbsent);
        // a resend answered COMMITTED for a transaction the store had committed before the resend was sent: the try
        // that failed at the client (timeout, lost connection) had committed it, and the resend got the original answer
        long idempotent = reqs.stream().filter(r -> r.path("attempt").asInt() > 1 && "COMMITTED".equals(r.path("outcome").asText()))
                .filter(r -> storeAt.containsKey(r.path("tx").asText()) && storeAt.get(r.path("tx").asText()) < r.path("sent").asLong())
                .count();
        long resentCommits = reqs.stream().filter(r -> r.path("attempt").asInt() > 1 && "COMMITTED".equals(r.path("outcome").asText())).count();
        say("  resends answered COMMITTED: " + resentCommits + ", of them for a transaction already committed by the try that"
                + " failed at the client (answered idempotently, with its original seq): " + idempotent);
        say("  each transfer's last answer: " + byReason);
        say("  every request's answer:      " + attemptOutcomes);
    }

    // --------------------------------------------------------------------------------------------- audit, evidence

    private void audit() {
        List<String> seen = new ArrayList<>();
        String first = null;
        for (Target h : env.hubs) {
            Answer a = env.get(h, "/api/ledger/supply/audit", "admin", Duration.ofSeconds(30));
            JsonNode j = a.json();
            boolean ok = a.http() == 200 && j != null && j.path("consistent").asBoolean();
            seen.add(h.name() + " " + (j == null ? a.http() + " " + a.error() : j.toString()));
            if (!ok) {
                fail("supply audit on " + h.name() + ": " + a.http() + " " + a.body());
            }
            String s = j == null ? null : j.toString();
            if (first == null) {
                first = s;
            } else if (s != null && !first.equals(s)) {
                fail("the hubs' supply audits differ: " + first + " vs " + s);
            }
        }
        say("== supply audit (GET /api/ledger/supply/audit on each hub): " + seen.get(0).substring(5)
                + (seen.stream().map(x -> x.substring(5)).distinct().count() == 1 ? " (the same on all three)" : " " + seen));
    }

    private void evidence() throws Exception {
        StringBuilder online = new StringBuilder();
        for (Target h : env.hubs) {
            Answer a = env.get(h, "/api/oracle/evidence/verify", "auditor", Duration.ofSeconds(60));
            JsonNode j = a.json();
            boolean ok = a.http() == 200 && j != null && j.path("intact").asBoolean();
            online.append(h.name()).append(ok ? " intact " + j.path("entries").asLong() + " entries" : " " + a.http() + " " + a.body()).append("; ");
            if (!ok) {
                fail("evidence verify on " + h.name() + ": " + a.http() + " " + a.body());
            }
        }
        Path export = env.faultsDir.resolve("evidence.jsonl");
        Answer ex = env.get(env.lb, "/api/oracle/evidence/export", "auditor", Duration.ofSeconds(60));
        Answer cps = env.get(env.lb, "/api/oracle/evidence/checkpoints", "auditor", Duration.ofSeconds(30));
        String offline;
        if (ex.http() != 200) {
            fail("evidence export: " + ex.http() + " " + ex.error());
            offline = "export failed";
        } else {
            Files.writeString(export, ex.body());
            List<String> cmd = new ArrayList<>(List.of("bin/evidence-verify", export.toString()));
            JsonNode cp = cps.json();
            if (cps.http() == 200 && cp != null && cp.size() > 0) {
                Path cpFile = env.faultsDir.resolve("checkpoints.json");
                Files.writeString(cpFile, cps.body());
                cmd.add("--checkpoint");
                cmd.add(cpFile.toString());
            }
            int rc = env.run(120, cmd.toArray(String[]::new));
            offline = "bin/evidence-verify exit " + rc + (cmd.size() > 2 ? " (with the hub's checkpoints)" : " (no checkpoint yet)");
            if (rc != 0) {
                fail("bin/evidence-verify over the export: exit " + rc + " (see " + env.faultsDir.resolve("commands.log") + ")");
            }
        }
        say("== evidence chain: " + online + "export of " + ex.body().lines().count() + " lines, " + offline);
    }

    // ------------------------------------------------------------------------------------------------------ faults

    /** p50, p99 and max of durations in ms, as text. */
    static String percentiles(List<Long> ms) {
        if (ms.isEmpty()) {
            return "-";
        }
        long[] v = ms.stream().mapToLong(Long::longValue).sorted().toArray();
        return "p50 " + v[(v.length - 1) / 2] + " ms, p99 " + v[(int) Math.min(v.length - 1, Math.ceil(v.length * 0.99) - 1)] + " ms, max "
                + v[v.length - 1] + " ms";
    }

    /** A transfer request as the RTO needs it. */
    private record Req(long sent, long answered, String target, String servedBy, String label, boolean committed) {
        static Req of(JsonNode r) {
            String o = r.path("outcome").asText();
            String label = o.equals("REFUSED") ? r.path("reason").asText()
                    : o.equals("HTTP_ERROR") ? "HTTP " + r.path("http").asInt()
                    : o.equals("CONN_ERROR") ? "connection error" : o.equals("TIMEOUT") ? "timeout" : o;
            return new Req(r.path("sent").asLong(), r.path("answered").asLong(), r.path("target").asText(),
                    r.path("servedBy").asText(null), label, o.equals("COMMITTED"));
        }
    }

    /**
     * Per fault: the RTO (from the fault to the first COMMITTED answer to a request sent after it, on a hub other than
     * the one the fault hit; for faults of the database, the broker or the whole cluster on any hub), the phases, and
     * what the clients saw until the recovery.
     */
    private void faults(List<JsonNode> lines) {
        List<JsonNode> faults = lines.stream().filter(l -> "fault".equals(l.path("kind").asText())).toList();
        List<Req> reqs = lines.stream().filter(l -> "request".equals(l.path("kind").asText())
                && "transfer".equals(l.path("op").asText())).map(Req::of).sorted(java.util.Comparator.comparingLong(Req::sent)).toList();
        long[] sentAt = reqs.stream().mapToLong(Req::sent).toArray();
        say("== faults (RTO: from the fault to the first COMMITTED answer to a request sent after it, on a surviving hub)");
        Map<String, List<Long>> rtos = new TreeMap<>();
        for (JsonNode f : faults) {
            if (!"start".equals(f.path("phase").asText())) {
                continue;
            }
            String kind = f.path("fault").asText();
            String target = f.path("target").asText();
            long at = f.path("at").asLong();
            JsonNode recovered = faults.stream().filter(x -> x.path("fault").asText().equals(kind) && x.path("target").asText().equals(target)
                    && x.path("at").asLong() >= at && "recovered".equals(x.path("phase").asText())).findFirst().orElse(null);
            long end = recovered == null ? Long.MAX_VALUE : recovered.path("at").asLong();
            boolean hubFault = target.startsWith("hub");
            // a restart of the whole cluster is down once everything has stopped: its RTO counts from there
            long from0 = faults.stream().filter(x -> x.path("fault").asText().equals(kind) && x.path("target").asText().equals(target)
                    && x.path("at").asLong() >= at && x.path("at").asLong() <= end && "stopped".equals(x.path("phase").asText()))
                    .mapToLong(x -> x.path("at").asLong()).findFirst().orElse(at);
            int from = java.util.Arrays.binarySearch(sentAt, at);
            from = from < 0 ? -from - 1 : from;
            while (from > 0 && sentAt[from - 1] == at) {
                from--;
            }
            long rto = -1;
            Map<String, Map<String, Integer>> saw = new TreeMap<>();
            List<Long> answeredIn = new ArrayList<>();
            for (int i = from; i < reqs.size(); i++) {
                Req r = reqs.get(i);
                if (r.committed() && r.sent() >= from0 && (!hubFault || !target.equals(r.servedBy()))) {
                    long d = r.answered() - from0;
                    rto = rto < 0 ? d : Math.min(rto, d);
                }
                if (r.sent() <= end) {
                    answeredIn.add(r.answered() - r.sent());
                    saw.computeIfAbsent(r.target(), k -> new TreeMap<>()).merge(r.label(), 1, Integer::sum);
                } else if (rto >= 0 && r.sent() > end + 600_000) {
                    break;                                   // the RTO is found and the window is long past
                }
            }
            String rtoText = rto < 0 ? "none" : rto / 1000.0 + " s";
            if (rto >= 0) {
                rtos.computeIfAbsent(kind, k -> new ArrayList<>()).add(rto);
            }
            say("  " + kind + " " + target + " at " + iso(at) + ": RTO " + rtoText + (from0 != at ? " (from the moment all was stopped, "
                    + (from0 - at) / 1000.0 + " s after the fault began)" : "")
                    + (recovered == null ? ", not recovered" : ", recovered after " + (end - at) / 1000.0 + " s (" + recovered.path("detail").asText() + ")"));
            for (JsonNode x : faults) {
                if (x.path("fault").asText().equals(kind) && x.path("target").asText().equals(target) && x.path("at").asLong() >= at
                        && x.path("at").asLong() <= end && !Set.of("start", "recovered").contains(x.path("phase").asText())) {
                    say("    +" + (x.path("at").asLong() - at) / 1000.0 + " s " + x.path("phase").asText() + ": " + x.path("detail").asText());
                }
            }
            say("    clients saw (requests sent until the recovery, by target): " + saw + "; answered in " + percentiles(answeredIn));
            if (rto < 0) {
                fail("no commit on a surviving hub after " + kind + " " + target);
            }
            if (hubFault && kind.equals("kill")) {
                // the restarted hub commits again
                long back = -1;
                for (int i = from; i < reqs.size(); i++) {
                    Req r = reqs.get(i);
                    if (r.sent() >= end && r.committed() && target.equals(r.servedBy())) {
                        back = back < 0 ? r.answered() - end : Math.min(back, r.answered() - end);
                        break;
                    }
                }
                say("    first commit on the restarted " + target + ": " + (back < 0 ? "none in the workload" : back / 1000.0 + " s after it rejoined"));
            }
        }
        long firstFault = faults.stream().filter(f -> "start".equals(f.path("phase").asText())).mapToLong(f -> f.path("at").asLong())
                .min().orElse(Long.MAX_VALUE);
        say("  without a fault (requests sent before the first): answered in "
                + percentiles(reqs.stream().filter(r -> r.sent() < firstFault).map(r -> r.answered() - r.sent()).toList()));
        StringBuilder b = new StringBuilder();
        rtos.forEach((k, v) -> b.append(k).append(' ').append(v.size()).append("x: max ")
                .append(v.stream().mapToLong(Long::longValue).max().orElse(0) / 1000.0).append(" s; "));
        say("  RTO by fault: " + b);
    }
}
