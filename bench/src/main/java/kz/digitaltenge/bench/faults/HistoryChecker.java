package kz.digitaltenge.bench.faults;

import static kz.digitaltenge.bench.faults.FaultSuite.say;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
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

    private void fail(String s) {
        failures.add(s);
        say("  FAIL: " + s);
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
            KafkaCheck kafka = new KafkaCheck(this::fail);
            kafka.settle(db, lines);
            PaymentChecker payments = new PaymentChecker(env, h, this::fail);
            int resent = payments.settle(lines);
            if (resent > 0) {
                say("== payments: " + resent + " orders without a definite answer sent again by their clients");
            }
            new ReservationCheck(env, client, this::fail).sweep(db, coins, contended, lease);
            lines = History.read(file);                      // with the sweeps and the orders sent again
            storeChecks(db, coins, contended, txCoin, lines);
            payments.check(db, run, lines);
            kafka.check(db, lines);
            audit();
            evidence();
            new FaultReport(this::fail).report(lines);
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

    static long count(Connection db, String sql, Object... args) throws Exception {
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
            String marker = ReservationCheck.spender(db, c.ref());
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
        List<JsonNode> resentCommitted = reqs.stream()
                .filter(r -> r.path("attempt").asInt() > 1 && "COMMITTED".equals(r.path("outcome").asText())).toList();
        long resentCommits = resentCommitted.size();
        long idempotent = resentCommitted.stream()
                .filter(r -> storeAt.containsKey(r.path("tx").asText()) && storeAt.get(r.path("tx").asText()) < r.path("sent").asLong())
                .count();
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

}
