package kz.digitaltenge.bench.faults;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import kz.digitaltenge.bench.faults.ClusterEnv.Answer;
import kz.digitaltenge.canonical.id.AccountNumber;
import kz.digitaltenge.canonical.id.PartyId;
import kz.digitaltenge.hub.api.TransactionJson;
import kz.digitaltenge.hub.api.TransactionJson.InputJson;
import kz.digitaltenge.hub.api.TransactionJson.OutputJson;
import kz.digitaltenge.hub.api.TransactionJson.SignatureJson;
import kz.digitaltenge.hub.api.TransactionJson.TransactionRequest;
import kz.digitaltenge.ledger.crypto.Keys;
import kz.digitaltenge.ledger.crypto.SignatureAlgorithm;

/**
 * The suite's money: its parties and accounts (registered through the load balancer), coins of 100.00 issued to the
 * client 32 to an ISSUE, and for every coin its contenders (C different signed transfers of it, one to each of the
 * payee's accounts in turn, so C different transaction ids) and its sweep (one more, kept for the checker). Each
 * coin is written to the history ({@code kind: coin}) before any of its transfers is sent. The driver signs in its
 * own JVM (ledger-core's {@code Keys}, the hub's {@code TransactionJson}, as {@code bin/ledger-tool} does).
 *
 * <p>In the fast mode every coin is issued and signed before the workload starts ({@link #issueAhead}); in the soak a
 * mint thread keeps a stock of coins ahead of the workload ({@link #startMint}), so a run of any length needs no
 * up-front sizing and no million signatures in memory.
 */
final class Coins {
    static final String ISSUER_PARTY = "940400000010";     // the smoke's and the API tour's issuer (NBRKKZKX)
    static final String BANK_PARTY = "940400000020";       // and bank (HSBKKZKX)
    private static final int PAYEE_ACCOUNTS = 4;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** One coin (an issued output) and the transfers that spend it: C contenders, and one sweep for the checker. */
    record Coin(int n, String txId, int index, List<String> contenderIds, List<String> contenderBodies, String sweepId, String sweepBody) {
        String key() {
            return txId + ":" + index;
        }
    }

    private final ClusterEnv env;
    private final History history;
    private final Client client;
    private final String run;
    final int contenders;
    private final BlockingQueue<Coin> stock = new LinkedBlockingQueue<>();
    private int issued;                  // ISSUE transactions made
    private int coinCount;               // coins made
    private volatile boolean minting;
    private volatile String mintProblem;

    private String keyId;
    private KeyPair issuerKeys;
    private KeyPair clientKeys;
    private String clientKeyId;
    String clientAccount;
    private final List<String> payees = new ArrayList<>();
    private String sweepPayee;

    Coins(ClusterEnv env, History history, Client client, String run, int contenders) {
        this.env = env;
        this.history = history;
        this.client = client;
        this.run = run;
        this.contenders = contenders;
    }

    static String partyId() {
        while (true) {
            String first11 = String.format("%011d", Math.floorMod(RANDOM.nextLong(), 100_000_000_000L));
            int check = PartyId.checkDigit(first11);
            if (check >= 0) {
                return first11 + check;
            }
        }
    }

    static String accountNumber() {
        return AccountNumber.of("601", String.format("%013d", Math.floorMod(RANDOM.nextLong(), 10_000_000_000_000L))).value();
    }

    /** A registration through the load balancer: 201, or 409 when made already (an earlier run); else it fails. */
    void register(String path, String body) {
        for (int i = 0; i < 5; i++) {
            Answer a = env.post(env.lb, "/api/ledger/" + path, "admin", body, Duration.ofSeconds(30));
            ObjectNode n = History.line("request").put("op", "register").put("path", path);
            client.record(n, env.lb, a);
            if (a.http() == 200 || a.http() == 201 || a.http() == 409) {
                return;
            }
        }
        throw new IllegalStateException("registration " + path + " failed; see the history");
    }

    /** The issuer (with a key of this run), the bank, the client with its key and delegated account, the payee. */
    void setUp() {
        issuerKeys = Keys.generate(SignatureAlgorithm.ED25519);
        clientKeys = Keys.generate(SignatureAlgorithm.ED25519);
        keyId = run + "-nbk";
        clientKeyId = run + "-client";
        register("participants", "{\"partyId\":\"" + ISSUER_PARTY + "\",\"name\":\"National Bank of Kazakhstan\",\"roles\":[\"ISSUER\"],\"bic\":\"NBRKKZKX\"}");
        register("participants/" + ISSUER_PARTY + "/keys", "{\"keyId\":\"" + keyId + "\",\"algorithm\":\"ED25519\",\"publicKey\":\""
                + Keys.base64(issuerKeys.getPublic().getEncoded()) + "\"}");
        register("accounts", "{\"number\":\"KZ456010000000000001\",\"owner\":\"" + ISSUER_PARTY + "\",\"kind\":\"ISSUER\",\"servicer\":\"NBRKKZKX\"}");
        register("participants", "{\"partyId\":\"" + BANK_PARTY + "\",\"name\":\"Halyk Bank\",\"roles\":[\"BANK\"],\"bic\":\"HSBKKZKX\"}");
        String party = partyId();
        register("participants", "{\"partyId\":\"" + party + "\",\"name\":\"Fault suite client " + run + "\",\"roles\":[]}");
        register("participants/" + party + "/keys", "{\"keyId\":\"" + clientKeyId + "\",\"publicKey\":\""
                + Keys.base64(clientKeys.getPublic().getEncoded()) + "\"}");
        clientAccount = accountNumber();
        register("accounts", "{\"number\":\"" + clientAccount + "\",\"owner\":\"" + party + "\",\"kind\":\"COMPANY\",\"servicer\":\"HSBKKZKX\"}");
        register("accounts/" + clientAccount + "/delegations", "{\"delegate\":\"" + BANK_PARTY + "\"}");
        String payee = partyId();
        register("participants", "{\"partyId\":\"" + payee + "\",\"name\":\"Fault suite payee " + run + "\"}");
        for (int j = 0; j <= PAYEE_ACCOUNTS; j++) {
            String acc = accountNumber();
            register("accounts", "{\"number\":\"" + acc + "\",\"owner\":\"" + payee + "\",\"kind\":\"PERSON\",\"servicer\":\"HSBKKZKX\"}");
            if (j < PAYEE_ACCOUNTS) {
                payees.add(acc);
            } else {
                sweepPayee = acc;
            }
        }
    }

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

    /**
     * One ISSUE of 32 coins, committed (resent on errors for up to {@code withinMs}), and every coin's transfers signed;
     * the coins go to the stock. False when it did not commit in time.
     */
    private boolean issueBatch(long withinMs) {
        int i = issued++;
        List<OutputJson> outs = new ArrayList<>();
        for (int k = 0; k < 32; k++) {
            outs.add(new OutputJson(clientAccount, "100.00"));
        }
        TransactionRequest req = new TransactionRequest("ISSUE", run + "-issue-" + i, List.of(), outs, null);
        String id = txId(req);
        if (!commitIssue(req, sign(req, issuerKeys, keyId), 3, withinMs)) {
            return false;
        }
        for (int k = 0; k < 32; k++) {
            int n = coinCount++;
            List<String> ids = new ArrayList<>();
            List<String> bodies = new ArrayList<>();
            for (int j = 0; j < contenders; j++) {
                TransactionRequest t = new TransactionRequest("TRANSFER", run + "-c" + n + "-" + j,
                        List.of(new InputJson(id, k)), List.of(new OutputJson(payees.get(j % payees.size()), "100.00")), null);
                ids.add(txId(t));
                bodies.add(sign(t, clientKeys, clientKeyId));
            }
            TransactionRequest sweep = new TransactionRequest("TRANSFER", run + "-s" + n,
                    List.of(new InputJson(id, k)), List.of(new OutputJson(sweepPayee, "100.00")), null);
            Coin c = new Coin(n, id, k, ids, bodies, txId(sweep), sign(sweep, clientKeys, clientKeyId));
            ObjectNode line = History.line("coin").put("n", c.n()).put("coin", c.key());
            ArrayNode arr = line.putArray("contenders");
            ids.forEach(arr::add);
            line.put("sweep", c.sweepId()).put("sweepBody", c.sweepBody());
            history.write(line);
            stock.add(c);
        }
        return true;
    }

    /** An ISSUE of the issuer (e.g. the buyers' funds), committed through the load balancer, or it fails. */
    void issue(TransactionRequest req) {
        if (!commitIssue(req, sign(req, issuerKeys, keyId), 10, 0)) {
            throw new IllegalStateException("the issue " + req.reference() + " did not commit; see the history");
        }
    }

    /**
     * Sends a signed ISSUE through the load balancer until it is answered COMMITTED: at least {@code minAttempts}
     * times, and on while {@code withinMs} have not passed; false when it never was.
     */
    private boolean commitIssue(TransactionRequest req, String body, int minAttempts, long withinMs) {
        String id = txId(req);
        long deadline = System.currentTimeMillis() + withinMs;
        for (int a = 1; a <= minAttempts || System.currentTimeMillis() < deadline; a++) {
            Answer ans = env.post(env.lb, "/api/ledger/transactions", "issuer", body, Client.REQUEST_TIMEOUT);
            ObjectNode n = History.line("request").put("op", "issue").put("tx", id).put("attempt", a).put("outputs", req.outputs().size());
            if (client.record(n, env.lb, ans).equals("COMMITTED")) {
                return true;
            }
            Client.pause(1000);
        }
        return false;
    }

    /** Issues and signs {@code count} coins (rounded up to 32) now; fails when an issue does not commit. */
    void issueAhead(int count) {
        while (stock.size() < count) {
            if (!issueBatch(60_000)) {
                throw new IllegalStateException("an issue did not commit; see the history");
            }
        }
    }

    /** A thread that keeps at least {@code low} coins in stock until {@link #stopMint}. */
    void startMint(int low) {
        minting = true;
        Thread t = new Thread(() -> {
            while (minting) {
                if (stock.size() >= low) {
                    Client.pause(100);
                } else if (!issueBatch(600_000)) {
                    mintProblem = "an issue did not commit within 10 minutes";
                    return;
                }
            }
        }, "mint");
        t.setDaemon(true);
        t.start();
    }

    void stopMint() {
        minting = false;
    }

    /** The next coin, waiting (bounded) for the mint; null when none came. */
    Coin next(long waitMs) {
        try {
            Coin c = stock.poll(waitMs, TimeUnit.MILLISECONDS);
            if (c == null && mintProblem != null) {
                throw new IllegalStateException(mintProblem);
            }
            return c;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** Up to {@code count} coins out of the stock now (the orphans of the fast mode, set aside before the workload). */
    List<Coin> take(int count) {
        List<Coin> out = new ArrayList<>();
        stock.drainTo(out, count);
        return out;
    }

    int made() {
        return coinCount;
    }
}
