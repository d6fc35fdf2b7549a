package kz.digitaltenge.bench.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import kz.digitaltenge.bench.faults.ClusterEnv.Answer;
import kz.digitaltenge.bench.faults.ClusterEnv.Target;
import kz.digitaltenge.canonical.id.AccountNumber;
import kz.digitaltenge.canonical.id.PartyId;
import kz.digitaltenge.hub.api.TransactionJson;
import kz.digitaltenge.hub.api.TransactionJson.InputJson;
import kz.digitaltenge.hub.api.TransactionJson.OutputJson;
import kz.digitaltenge.hub.api.TransactionJson.SignatureJson;
import kz.digitaltenge.hub.api.TransactionJson.TransactionRequest;
import kz.digitaltenge.ledger.crypto.Keys;
import kz.digitaltenge.ledger.crypto.SignatureAlgorithm;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The fault suite's driver (bin/fault-suite; docs/reliability.md): against the running local cluster, conflicting
 * spends of pre-signed coins sent to every hub's own port and through the load balancer, a few Kafka intake records,
 * and the faults (kill -9 of a hub and its restart, a network partition isolating one hub's Hazelcast member, in the
 * soak also a PostgreSQL restart and a kill -9 of the Kafka broker) injected while the workload runs. Every request
 * and answer goes to {@code cluster-data/faults/history.jsonl}; then {@link HistoryChecker} checks the history
 * against the store and the API.
 *
 * <pre>
 * FaultSuite --fast            one kill -9 and one partition (CI-sized)
 * FaultSuite --soak=MINUTES    fault cycles (kill, partition, PostgreSQL restart, Kafka kill) for that long
 * FaultSuite --check-only      only the checker, on the existing history
 * </pre>
 */
public final class FaultSuite {
    static final int CONTENDERS = 4;                        // transfers spending each coin, one per target
    static final int ATTEMPTS = 4;
    static final int ORPHANS = 8;                           // single transfers sent to a hub just before its kill                          // a client's tries of one signed transfer (resent on errors)
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30); // above the notary's RESERVE_TIMEOUT (20 s)
    static final String ISSUER_PARTY = "940400000010";     // the smoke's and the API tour's issuer (NBRKKZKX)
    static final String BANK_PARTY = "940400000020";       // and bank (HSBKKZKX)
    static final String EINVOICE_TOPIC = "hub.intake.einvoice"; // routes-einvoice: canonical JSON on Kafka
    private static final SecureRandom RANDOM = new SecureRandom();

    final ClusterEnv env;
    final History history;
    final String run;
    final ExecutorService pool = Executors.newFixedThreadPool(64, r -> {
        Thread t = new Thread(r, "client");
        t.setDaemon(true);
        return t;
    });

    /** One coin (an issued output) and the transfers that spend it: C contenders, and one sweep for the checker. */
    record Coin(int n, String txId, int index, List<String> contenderIds, List<String> contenderBodies, String sweepId, String sweepBody) {
        String key() {
            return txId + ":" + index;
        }
    }

    FaultSuite(ClusterEnv env, History history, String run) {
        this.env = env;
        this.history = history;
        this.run = run;
    }

    public static void main(String[] args) throws Exception {
        String mode = "fast";
        int soakMinutes = 0;
        for (String a : args) {
            if (a.equals("--fast")) {
                mode = "fast";
            } else if (a.startsWith("--soak=")) {
                mode = "soak";
                soakMinutes = Integer.parseInt(a.substring(7));
            } else if (a.equals("--check-only")) {
                mode = "check";
            } else {
                System.err.println("usage: FaultSuite --fast | --soak=MINUTES | --check-only");
                System.exit(2);
            }
        }
        Path root = Path.of(System.getProperty("faults.root", ".")).toAbsolutePath().normalize();
        ClusterEnv env = new ClusterEnv(root);
        Path file = env.faultsDir.resolve("history.jsonl");
        int code;
        try {
            if (!mode.equals("check")) {
                String run = "fs" + Long.toString(System.currentTimeMillis() / 1000, 36);
                try (History h = new History(file, false)) {
                    FaultSuite s = new FaultSuite(env, h, run);
                    s.drive(mode, soakMinutes);
                }
            }
            code = new HistoryChecker(env, file).check();
        } catch (Exception e) {
            System.out.println("fault suite: FAILED, the suite itself stopped: " + e);
            e.printStackTrace();
            code = 1;
        }
        System.exit(code);
    }

    // ------------------------------------------------------------------------------------------------------ set-up

    private String keyId;
    private KeyPair clientKeys;
    private String clientKeyId;
    private String clientAccount;
    private final List<String> payees = new ArrayList<>();
    private String sweepPayee;

    private void say(String s) {
        System.out.println(s);
        System.out.flush();
    }

    private static String partyId() {
        while (true) {
            String first11 = String.format("%011d", Math.floorMod(RANDOM.nextLong(), 100_000_000_000L));
            int check = PartyId.checkDigit(first11);
            if (check >= 0) {
                return first11 + check;
            }
        }
    }

    private static String accountNumber() {
        return AccountNumber.of("601", String.format("%013d", Math.floorMod(RANDOM.nextLong(), 10_000_000_000_000L))).value();
    }

    /** A registration through the load balancer: 201, or 409 when made already (an earlier run); else it fails. */
    private void register(String path, String body) {
        for (int i = 0; i < 5; i++) {
            Answer a = env.post(env.lb, "/api/ledger/" + path, "admin", body, Duration.ofSeconds(30));
            ObjectNode n = History.line("request").put("op", "register").put("path", path);
            record(n, env.lb, a);
            if (a.http() == 200 || a.http() == 201 || a.http() == 409) {
                return;
            }
        }
        throw new IllegalStateException("registration " + path + " failed; see the history");
    }

    private void setUp() {
        KeyPair issuerKeys = Keys.generate(SignatureAlgorithm.ED25519);
        clientKeys = Keys.generate(SignatureAlgorithm.ED25519);
        keyId = run + "-nbk";
        clientKeyId = run + "-client";
        register("participants", "{\"partyId\":\"" + ISSUER_PARTY + "\",\"name\":\"National Bank of Kazakhstan\",\"roles\":[\"ISSUER\"],\"bic\":\"NBRKKZKX\"}");
        register("participants/" + ISSUER_PARTY + "/keys", "{\"keyId\":\"" + keyId + "\",\"algorithm\":\"ED25519\",\"publicKey\":\""
                + Keys.base64(issuerKeys.getPublic().getEncoded()) + "\"}");
        register("accounts", "{\"number\":\"KZ456010000000000001\",\"owner\":\"" + ISSUER_PARTY + "\",\"kind\":\"ISSUER\",\"servicer\":\"NBRKKZKX\"}");
        register("participants", "{\"partyId\":\"" + BANK_PARTY + "\",\"name\":\"Halyk Bank\",\"roles\":[\"BANK\"],\"bic\":\"HSBKKZKX\"}");
        String client = partyId();
        register("participants", "{\"partyId\":\"" + client + "\",\"name\":\"Fault suite client " + run + "\",\"roles\":[]}");
        register("participants/" + client + "/keys", "{\"keyId\":\"" + clientKeyId + "\",\"publicKey\":\""
                + Keys.base64(clientKeys.getPublic().getEncoded()) + "\"}");
        clientAccount = accountNumber();
        register("accounts", "{\"number\":\"" + clientAccount + "\",\"owner\":\"" + client + "\",\"kind\":\"COMPANY\",\"servicer\":\"HSBKKZKX\"}");
        register("accounts/" + clientAccount + "/delegations", "{\"delegate\":\"" + BANK_PARTY + "\"}");
        String payee = partyId();
        register("participants", "{\"partyId\":\"" + payee + "\",\"name\":\"Fault suite payee " + run + "\"}");
        for (int j = 0; j <= CONTENDERS; j++) {
            String acc = accountNumber();
            register("accounts", "{\"number\":\"" + acc + "\",\"owner\":\"" + payee + "\",\"kind\":\"PERSON\",\"servicer\":\"HSBKKZKX\"}");
            if (j < CONTENDERS) {
                payees.add(acc);
            } else {
                sweepPayee = acc;
            }
        }
        this.issuerKeys = issuerKeys;
    }

    private KeyPair issuerKeys;

    private String sign(TransactionRequest r, KeyPair keys, String kid) {
        byte[] sig = Keys.sign(SignatureAlgorithm.ED25519, keys.getPrivate(), TransactionJson.toTransaction(r).id().bytes());
        try {
            return History.JSON.writeValueAsString(r.withSignature(new SignatureJson(kid, Keys.base64(sig))));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String txId(TransactionRequest r) {
        return TransactionJson.toTransaction(r).id().hex();
    }

    /** Issues {@code count} coins of 100.00 to the client (32 a transaction) and pre-signs every transfer of them. */
    private List<Coin> issueAndSign(int count) {
        List<Coin> coins = new ArrayList<>();
        int issues = (count + 31) / 32;
        for (int i = 0; i < issues; i++) {
            List<OutputJson> outs = new ArrayList<>();
            for (int k = 0; k < 32; k++) {
                outs.add(new OutputJson(clientAccount, "100.00"));
            }
            TransactionRequest req = new TransactionRequest("ISSUE", run + "-issue-" + i, List.of(), outs, null);
            String id = txId(req);
            String body = sign(req, issuerKeys, keyId);
            boolean ok = false;
            for (int a = 1; a <= 10 && !ok; a++) {
                Answer ans = env.post(env.lb, "/api/ledger/transactions", "issuer", body, REQUEST_TIMEOUT);
                ObjectNode n = History.line("request").put("op", "issue").put("tx", id).put("attempt", a).put("outputs", 32);
                String outcome = record(n, env.lb, ans);
                ok = outcome.equals("COMMITTED");
            }
            if (!ok) {
                throw new IllegalStateException("the issue " + id + " did not commit; see the history");
            }
            for (int k = 0; k < 32 && coins.size() < count; k++) {
                List<String> ids = new ArrayList<>();
                List<String> bodies = new ArrayList<>();
                for (int j = 0; j < CONTENDERS; j++) {
                    TransactionRequest t = new TransactionRequest("TRANSFER", run + "-c" + coins.size() + "-" + j,
                            List.of(new InputJson(id, k)), List.of(new OutputJson(payees.get(j), "100.00")), null);
                    ids.add(txId(t));
                    bodies.add(sign(t, clientKeys, clientKeyId));
                }
                TransactionRequest sweep = new TransactionRequest("TRANSFER", run + "-s" + coins.size(),
                        List.of(new InputJson(id, k)), List.of(new OutputJson(sweepPayee, "100.00")), null);
                Coin c = new Coin(coins.size(), id, k, ids, bodies, txId(sweep), sign(sweep, clientKeys, clientKeyId));
                coins.add(c);
                ObjectNode n = History.line("coin").put("n", c.n()).put("coin", c.key());
                ArrayNode arr = n.putArray("contenders");
                ids.forEach(arr::add);
                n.put("sweep", c.sweepId()).put("sweepBody", c.sweepBody());
                history.write(n);
            }
        }
        return coins;
    }

    // ---------------------------------------------------------------------------------------------------- requests

    /** Writes one request line (what was sent where, and the answer); returns the outcome's name. */
    String record(ObjectNode n, Target t, Answer a) {
        n.put("target", t.name()).put("sent", a.sent()).put("answered", a.answered());
        String outcome;
        if (a.http() == 0) {
            outcome = a.timeout() ? "TIMEOUT" : "CONN_ERROR";
            n.put("error", a.error());
        } else {
            n.put("http", a.http());
            JsonNode j = a.json();
            if (a.servedBy() != null) {
                n.put("servedBy", a.servedBy());
            }
            if (a.http() == 200 && j != null && "COMMITTED".equals(j.path("status").asText())) {
                outcome = "COMMITTED";
                n.put("seq", j.path("seq").asLong());
            } else if (a.http() < 300) {
                outcome = "OK";
            } else if (j != null && j.hasNonNull("reason")) {
                outcome = "REFUSED";
                n.put("reason", j.path("reason").asText());
            } else {
                outcome = "HTTP_ERROR";
                String b = a.body() == null ? "" : a.body().replaceAll("\\s+", " ");
                n.put("error", b.length() > 160 ? b.substring(0, 160) : b);
            }
        }
        n.put("outcome", outcome);
        history.write(n);
        return outcome;
    }

    /** What a client does with one signed transfer: sends it, and again to the next target on an error or UNAVAILABLE. */
    String submit(String op, Coin c, int contender, String tx, String body, int firstTarget, String phase) {
        return submit(op, c, contender, tx, body, firstTarget, phase, ATTEMPTS);
    }

    String submit(String op, Coin c, int contender, String tx, String body, int firstTarget, String phase, int attempts) {
        String last = "NONE";
        for (int a = 1; a <= attempts; a++) {
            Target t = env.all.get((firstTarget + a - 1) % env.all.size());
            Answer ans = env.post(t, "/api/ledger/transactions", "bank", body, REQUEST_TIMEOUT);
            ObjectNode n = History.line("request").put("op", op).put("coin", c.key()).put("n", c.n())
                    .put("contender", contender).put("tx", tx).put("attempt", a).put("phase", phase);
            last = record(n, t, ans);
            boolean retry = last.equals("TIMEOUT") || last.equals("CONN_ERROR") || last.equals("HTTP_ERROR")
                    || (last.equals("REFUSED") && "UNAVAILABLE".equals(n.path("reason").asText()));
            if (!retry) {
                return last;
            }
            pause(300);
        }
        return last;
    }

    static void pause(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---------------------------------------------------------------------------------------------------- workload

    /** The stream of conflicting spends: coins started at a pace, each coin's contenders sent at once. */
    final class Workload implements Runnable {
        final List<Coin> coins;
        final AtomicInteger next = new AtomicInteger();
        final AtomicInteger done = new AtomicInteger();
        final Semaphore inFlight = new Semaphore(8);
        volatile double coinsPerSecond = 3;
        volatile boolean stopped;
        volatile String phase = "baseline";
        final Thread thread = new Thread(this, "workload");

        Workload(List<Coin> coins) {
            this.coins = coins;
        }

        @Override
        public void run() {
            while (!stopped) {
                int i = next.get();
                if (i >= coins.size()) {
                    say("  (workload: all " + coins.size() + " coins used)");
                    return;
                }
                try {
                    if (!inFlight.tryAcquire(500, TimeUnit.MILLISECONDS)) {
                        continue;
                    }
                } catch (InterruptedException e) {
                    return;
                }
                next.incrementAndGet();
                Coin c = coins.get(i);
                CountDownLatch gate = new CountDownLatch(1);
                AtomicInteger left = new AtomicInteger(CONTENDERS);
                String p = phase;
                for (int j = 0; j < CONTENDERS; j++) {
                    int jj = j;
                    pool.submit(() -> {
                        try {
                            gate.await();
                            submit("transfer", c, jj, c.contenderIds().get(jj), c.contenderBodies().get(jj), c.n() + jj, p);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        } finally {
                            if (left.decrementAndGet() == 0) {
                                done.incrementAndGet();
                                inFlight.release();
                            }
                        }
                    });
                }
                gate.countDown();
                pause((long) (1000 / coinsPerSecond));          // pacing of the load, not a synchronization
            }
        }

        /** Stops starting coins; waits (bounded) until the started ones are answered. */
        void stop() {
            stopped = true;
            try {
                thread.join(5000);
                long deadline = System.currentTimeMillis() + (REQUEST_TIMEOUT.toMillis() + 1000) * ATTEMPTS;
                while (done.get() < next.get() && System.currentTimeMillis() < deadline) {
                    Thread.sleep(100);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    // ------------------------------------------------------------------------------------------------------- Kafka

    private List<Coin> orphanCoins = new ArrayList<>();
    private KafkaProducer<byte[], byte[]> producer;
    private int kafkaSeq;

    private KafkaProducer<byte[], byte[]> producer() {
        if (producer == null) {
            Properties p = new Properties();
            p.put("bootstrap.servers", env.kafkaBrokers());
            p.put("key.serializer", ByteArraySerializer.class.getName());
            p.put("value.serializer", ByteArraySerializer.class.getName());
            p.put("acks", "all");
            p.put("enable.idempotence", "true");
            p.put("max.block.ms", "20000");
            p.put("request.timeout.ms", "10000");
            p.put("delivery.timeout.ms", "60000");
            producer = new KafkaProducer<>(p);
        }
        return producer;
    }

    /** Produces {@code count} invoice registrations (canonical JSON, each a unique message id) and {@code poison} bad records. */
    void produce(int count, int poison, String phase) {
        for (int i = 0; i < count + poison; i++) {
            int n = kafkaSeq++;
            String id = run + "-k" + n;
            String subject = run.toUpperCase() + "-INV-" + n;
            boolean bad = i >= count;
            String body = bad ? "{\"sourceMessageId\": \"" + id + "\", this is not json " + n
                    : "{\"sourceMessageId\":\"" + id + "\",\"type\":\"INVOICE_REGISTERED\",\"subject\":\"" + subject + "\","
                    + "\"terms\":{\"sellerTin\":\"123456789013\",\"buyerTin\":\"000000000011\",\"net\":\"50000\",\"vat\":\"6000\","
                    + "\"gross\":\"56000\",\"currency\":\"KZT\",\"status\":\"CREATED\"},\"occurredAt\":\"" + Instant.now() + "\"}";
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            long sent = System.currentTimeMillis();
            try {
                producer().send(new ProducerRecord<>(EINVOICE_TOPIC, bytes), (md, ex) -> {
                    ObjectNode l = History.line("kafka").put("messageId", id).put("topic", EINVOICE_TOPIC).put("poison", bad)
                            .put("subject", bad ? null : subject).put("body", body).put("phase", phase)
                            .put("sent", sent).put("answered", System.currentTimeMillis());
                    if (ex == null) {
                        l.put("outcome", "ACKED").put("partition", md.partition()).put("offset", md.offset());
                    } else {
                        l.put("outcome", "ERROR").put("error", ex.toString());
                    }
                    history.write(l);
                });
            } catch (Exception ex) {
                history.write(History.line("kafka").put("messageId", id).put("topic", EINVOICE_TOPIC).put("poison", bad)
                        .put("body", body).put("phase", phase).put("sent", sent).put("answered", System.currentTimeMillis())
                        .put("outcome", "ERROR").put("error", ex.toString()));
            }
        }
    }

    // ------------------------------------------------------------------------------------------------------ faults

    /** Polls (bounded) until {@code ok}; false when the time ran out. */
    static boolean until(long timeoutMs, long everyMs, java.util.function.BooleanSupplier ok) {
        long deadline = System.currentTimeMillis() + timeoutMs;
        while (System.currentTimeMillis() < deadline) {
            if (ok.getAsBoolean()) {
                return true;
            }
            pause(everyMs);
        }
        return ok.getAsBoolean();
    }

    private String membersLine() {
        StringBuilder b = new StringBuilder();
        for (Target h : env.hubs) {
            b.append(h.name()).append('=').append(env.members(h)).append(' ');
        }
        return b.toString().trim();
    }

    /** kill -9 of a hub (bin/cluster kill), the workload running; then its restart (bin/cluster restart). */
    void killAndRestart(Workload w, String hub, long keepDownMs) {
        say("== fault: kill -9 " + hub + " (workload running)");
        w.phase = "kill " + hub;
        // orphans: single transfers sent to the hub itself just before the kill, never resent: those it had reserved and
        // not committed are held by a dead member, which the survivors must release (the checker spends them afresh)
        List<java.util.concurrent.Future<?>> sent = new ArrayList<>();
        int hubIndex = env.all.indexOf(env.hub(hub));
        for (int i = 0; i < ORPHANS && !orphanCoins.isEmpty(); i++) {
            Coin c = orphanCoins.remove(0);
            sent.add(pool.submit(() -> submit("transfer", c, 0, c.contenderIds().get(0), c.contenderBodies().get(0), hubIndex,
                    "orphan " + hub, 1)));
        }
        pause(20);                                           // the orphans on their way: 20 ms, then the kill
        // SIGKILL from here, as bin/cluster kill does it (the recorded pid, only when its command line names the
        // cluster's directory), without the ~0.2 s of a shell's start that let every orphan commit first
        long pid = env.pid(hub);
        long t0 = System.currentTimeMillis();
        int rc;
        if (env.ours(pid)) {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
            rc = until(10_000, 50, () -> !env.ours(pid)) ? 0 : 1;
        } else {
            rc = env.run(30, "bin/cluster", "kill", hub);
        }
        history.fault("kill", hub, "start", t0, "kill -9 " + pid + " (" + hub + "), " + sent.size() + " orphan transfers sent to it 20 ms before");
        for (java.util.concurrent.Future<?> f : sent) {
            try {
                f.get(REQUEST_TIMEOUT.toSeconds() + 5, TimeUnit.SECONDS);
            } catch (Exception e) {
                // its answer (or error) is in the history either way
            }
        }
        long t1 = System.currentTimeMillis();
        history.fault("kill", hub, "done", t1, rc == 0 ? "process gone" : "still there? " + rc);
        say("  killed at " + Instant.ofEpochMilli(t0) + " (kill -9 " + pid + ", gone after " + (t1 - t0) + " ms)");
        produce(4, 1, "kill " + hub);
        pause(keepDownMs);                                   // the workload runs against the surviving hubs meanwhile
        say("  restarting " + hub + " (bin/cluster restart " + hub + ")");
        double pace = w.coinsPerSecond;
        w.coinsPerSecond = Math.min(pace, 1);                // a restart takes 20-150 s here: a slower stream meanwhile
        long r0 = System.currentTimeMillis();
        history.fault("kill", hub, "restart", r0, "bin/cluster restart " + hub);
        int rrc = env.run(400, "bin/cluster", "restart", hub);
        long r1 = System.currentTimeMillis();
        boolean joined = until(120_000, 1000, () -> env.members(env.hub(hub)) == 3);
        long r2 = System.currentTimeMillis();
        history.fault("kill", hub, "recovered", r2, "restart exit " + rrc + ", UP after " + (r1 - r0) + " ms, members "
                + membersLine());
        w.coinsPerSecond = pace;
        say("  " + hub + " UP " + (r1 - r0) / 1000.0 + " s after bin/cluster restart (exit " + rrc + "), "
                + (joined ? "in the cluster of 3" : "NOT back in the cluster of 3") + " after " + (r2 - r0) / 1000.0 + " s");
        if (rrc != 0 || !joined) {
            throw new IllegalStateException(hub + " did not come back; see " + env.dir.resolve("logs/" + hub + ".log"));
        }
    }

    private List<String[]> rules(String hub) {
        String port = env.hubArg(hub, "hub.hazelcast.port");
        String outbound = env.hubArg(hub, "hub.hazelcast.outbound-ports");
        if (port == null || outbound == null || outbound.isBlank()) {
            throw new IllegalStateException(hub + " runs without --hub.hazelcast.outbound-ports (a cluster started by an older"
                    + " bin/cluster?): its outgoing member connections cannot be told apart by port; bin/cluster stop, then rerun");
        }
        String range = outbound.replace('-', ':');
        String tag = System.getenv().getOrDefault("FAULTS_IPTABLES_TAG", "fault-suite");
        List<String[]> rules = new ArrayList<>();
        // every packet to or from the member's own port (connections the others opened to it) and to or from its
        // outbound ports (connections it opened to the others); loopback traffic passes INPUT once per packet
        for (String[] m : new String[][] {{"--dport", port}, {"--sport", port}, {"--dport", range}, {"--sport", range}}) {
            rules.add(new String[] {"INPUT", "-i", "lo", "-p", "tcp", m[0], m[1], "-m", "comment", "--comment", tag, "-j", "DROP"});
        }
        return rules;
    }

    private int iptables(String op, String[] rule) {
        String[] cmd = new String[rule.length + 3];
        cmd[0] = "iptables";
        cmd[1] = "-w";
        cmd[2] = op;
        System.arraycopy(rule, 0, cmd, 3, rule.length);
        return env.run(30, cmd);
    }

    /** A partition: the hub's Hazelcast member cut off from the other two (iptables on loopback), then healed. */
    void partition(Workload w, String hub, long keepCutMs) {
        say("== fault: network partition, " + hub + "'s Hazelcast member cut off from the other two (workload running)");
        List<String[]> rules = rules(hub);
        w.phase = "partition " + hub;
        long t0 = System.currentTimeMillis();
        history.fault("partition", hub, "start", t0, "iptables: " + rules.size() + " DROP rules");
        List<String[]> added = new ArrayList<>();
        try {
            for (String[] r : rules) {
                if (iptables("-I", r) != 0) {
                    throw new IllegalStateException("iptables -I " + String.join(" ", r) + " failed; see " + env.faultsDir.resolve("commands.log"));
                }
                added.add(r);
            }
            say("  cut at " + Instant.ofEpochMilli(t0) + ": " + String.join(" ", rules.get(0)) + " ... (" + rules.size() + " rules)");
            List<Target> others = env.hubs.stream().filter(h -> !h.name().equals(hub)).toList();
            boolean seen = until(40_000, 500, () -> others.stream().allMatch(h -> env.members(h) == 2));
            long t1 = System.currentTimeMillis();
            history.fault("partition", hub, "detected", t1, "majority sees 2: " + seen + "; " + membersLine());
            say("  the majority removed " + hub + " after " + (t1 - t0) / 1000.0 + " s (" + (seen ? "" : "NOT SEEN; ") + membersLine() + ")");
            produce(4, 1, "partition " + hub);
            boolean alone = until(keepCutMs, 500, () -> env.members(env.hub(hub)) == 1);
            long t2 = System.currentTimeMillis();
            history.fault("partition", hub, "minority", t2, "isolated member sees 1: " + alone);
            say("  " + hub + " " + (alone ? "sees itself alone" : "still sees others") + " after " + (t2 - t0) / 1000.0 + " s");
            pause(Math.max(0, keepCutMs - (t2 - t1)));       // the workload runs on both sides of the cut meanwhile
        } finally {
            long h0 = System.currentTimeMillis();
            for (String[] r : added) {
                iptables("-D", r);
            }
            history.fault("partition", hub, "heal", h0, "removed " + added.size() + " rules");
            say("  healed at " + Instant.ofEpochMilli(h0) + " (" + added.size() + " rules removed)");
        }
        long h0 = System.currentTimeMillis();
        boolean merged = until(120_000, 500, () -> env.hubs.stream().allMatch(h -> env.members(h) == 3));
        long h1 = System.currentTimeMillis();
        history.fault("partition", hub, "recovered", h1, "merged: " + merged + "; " + membersLine());
        say("  " + (merged ? "merged back into one cluster of 3" : "NOT merged") + " " + (h1 - h0) / 1000.0 + " s after the heal");
        if (!merged) {
            throw new IllegalStateException("the cluster did not merge after the partition");
        }
    }

    /** PostgreSQL fast restart (bin/cluster restart postgres), the workload running. */
    void restartPostgres(Workload w) {
        say("== fault: PostgreSQL fast restart (workload running)");
        w.phase = "restart postgres";
        long t0 = System.currentTimeMillis();
        history.fault("restart-postgres", "postgres", "start", t0, null);
        int rc = env.run(120, "bin/cluster", "restart", "postgres");
        long t1 = System.currentTimeMillis();
        boolean up = until(120_000, 1000, () -> env.hubs.stream().allMatch(env::up));
        history.fault("restart-postgres", "postgres", "recovered", System.currentTimeMillis(), "exit " + rc + ", hubs UP " + up);
        say("  PostgreSQL back after " + (t1 - t0) / 1000.0 + " s (exit " + rc + "); hubs UP: " + up);
    }

    /** kill -9 of the Kafka broker and its restart, the workload and the producer running. */
    void killKafka(Workload w) {
        say("== fault: kill -9 of the Kafka broker (workload running)");
        w.phase = "kill kafka";
        long t0 = System.currentTimeMillis();
        history.fault("kill-kafka", "kafka", "start", t0, null);
        int rc = env.run(30, "bin/cluster", "kill", "kafka");
        produce(3, 0, "kill kafka");                        // sent while the broker is down: the producer retries
        pause(3000);
        int rrc = env.run(300, "bin/cluster", "restart", "kafka");
        history.fault("kill-kafka", "kafka", "recovered", System.currentTimeMillis(), "kill exit " + rc + ", restart exit " + rrc);
        say("  broker back after " + (System.currentTimeMillis() - t0) / 1000.0 + " s (restart exit " + rrc + ")");
    }

    // ------------------------------------------------------------------------------------------------------- drive

    void drive(String mode, int soakMinutes) throws Exception {
        long start = System.currentTimeMillis();
        history.write(History.line("run").put("run", run).put("mode", mode).put("soakMinutes", soakMinutes).put("at", start)
                .put("lease", env.hubArg("hub1", "hub.notary.lease")).put("contenders", CONTENDERS));
        say("== set-up (run " + run + "): registrations through the load balancer, issue, pre-signing");
        setUp();
        int coinCount = mode.equals("soak") ? Math.max(400, soakMinutes * 60 * 3) : 384;
        List<Coin> coins = issueAndSign(coinCount);
        say("  " + coins.size() + " coins of 100.00 issued to " + clientAccount + ", " + coins.size() * CONTENDERS
                + " conflicting transfers (" + CONTENDERS + " a coin, to hub1, hub2, hub3 and the load balancer in turn) and "
                + coins.size() + " sweeps signed ahead, " + (System.currentTimeMillis() - start) / 1000.0 + " s");
        orphanCoins = new ArrayList<>(coins.subList(coins.size() - 64, coins.size()));
        Workload w = new Workload(coins.subList(0, coins.size() - 64));
        long t0 = System.currentTimeMillis();
        w.thread.start();
        produce(3, 0, "baseline");
        boolean base = until(60_000, 200, () -> w.done.get() >= 10);
        say("== baseline: " + w.done.get() + " coins contended without a fault in " + (System.currentTimeMillis() - t0) / 1000.0
                + " s" + (base ? "" : " (slow)"));
        String[] hubs = {"hub1", "hub2", "hub3"};
        if (mode.equals("fast")) {
            killAndRestart(w, "hub2", 8000);
            partition(w, "hub3", 12_000);
        } else {
            long end = start + soakMinutes * 60_000L;
            int cycle = 0;
            while (System.currentTimeMillis() < end && w.next.get() < coins.size()) {
                killAndRestart(w, hubs[cycle % 3], 8000);
                partition(w, hubs[(cycle + 2) % 3], 12_000);
                restartPostgres(w);
                killKafka(w);
                cycle++;
                say("  (soak: cycle " + cycle + " done, " + (System.currentTimeMillis() - start) / 60000 + " of " + soakMinutes + " min)");
            }
        }
        w.phase = "after";
        produce(3, 0, "after");
        int before = w.done.get();
        until(30_000, 200, () -> w.done.get() >= before + 5);
        w.stop();
        if (producer != null) {
            producer.flush();
            producer.close(Duration.ofSeconds(30));
        }
        say("== workload stopped: " + w.next.get() + " coins contended, " + w.next.get() * CONTENDERS + " transfers, in "
                + (System.currentTimeMillis() - t0) / 1000.0 + " s");
        history.write(History.line("workload-end").put("coins", w.next.get()).put("at", System.currentTimeMillis()));
        pool.shutdownNow();
    }

    static Map<String, String> map(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }
}
