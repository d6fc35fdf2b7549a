package kz.digitaltenge.hub.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kz.digitaltenge.canonical.id.AccountNumber;
import kz.digitaltenge.canonical.id.PartyId;
import kz.digitaltenge.hub.api.TransactionJson;
import kz.digitaltenge.hub.api.TransactionJson.SignatureJson;
import kz.digitaltenge.hub.api.TransactionJson.TransactionRequest;
import kz.digitaltenge.ledger.crypto.Keys;
import kz.digitaltenge.ledger.crypto.SignatureAlgorithm;
import kz.digitaltenge.ledger.tx.Transaction;

/**
 * What the demos do through the hub's public API only: register parties with keys generated for the run, accounts,
 * signed transactions, and the JSON calls of the demo profile's users; and how they print their steps.
 */
public final class DemoClient {
    static final ObjectMapper JSON = new ObjectMapper();
    static final SecureRandom RANDOM = new SecureRandom();
    /** The demo profile's users (name, password). */
    static final String[] ADMIN = {"admin", "demo-admin"};
    static final String[] ISSUER = {"issuer", "demo-issuer"};
    static final String[] EVENTS = {"events", "demo-events"};
    static final String[] TREASURY = {"treasury", "demo-treasury"};
    static final String[] BANK = {"bank", "demo-bank"};

    /** Who a demo speaks as, by role: the demo profile's users, or a test hub's. */
    public record Users(String[] admin, String[] issuer, String[] events, String[] treasury) {
        public static Users demo() {
            return new Users(ADMIN, ISSUER, EVENTS, TREASURY);
        }
    }

    /** A registered party and the key it signs with. */
    public record Party(PartyId id, String keyId, KeyPair keys) {
    }

    /** The answer of one call. */
    public record HttpResult(int status, byte[] body) {
        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (java.io.IOException e) {
                throw new IllegalStateException("not JSON: " + text(), e);
            }
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI base;
    private final PrintStream out;
    private final Users users;

    public DemoClient(URI base, PrintStream out) {
        this(base, out, Users.demo());
    }

    public DemoClient(URI base, PrintStream out, Users users) {
        this.base = base;
        this.out = out;
        this.users = users;
    }

    Users users() {
        return users;
    }

    URI base() {
        return base;
    }

    public Party party(String name, List<String> roles, String bic) throws Exception {
        PartyId id = newPartyId();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("partyId", id.value());
        body.put("name", name);
        body.put("roles", roles);
        if (bic != null) {
            body.put("bic", bic);
        }
        call("POST", "/api/ledger/participants", users.admin(), "application/json", json(body), 200);
        KeyPair keys = Keys.generate(SignatureAlgorithm.ED25519);
        String keyId = "demo-" + id.value();
        call("POST", "/api/ledger/participants/" + id.value() + "/keys", users.admin(), "application/json",
                json(Map.of("keyId", keyId, "algorithm", "ED25519", "publicKey", Keys.base64(keys.getPublic().getEncoded()))), 200);
        return new Party(id, keyId, keys);
    }

    /**
     * A party with a fixed BIN/IIN (one an API user is bound to, e.g. a general contractor's system): registered when the
     * hub does not know it yet, and given a new key for this run either way.
     */
    public Party partyWithId(PartyId id, String name, List<String> roles) throws Exception {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("partyId", id.value());
        body.put("name", name);
        body.put("roles", roles);
        HttpResult r = call("POST", "/api/ledger/participants", users.admin(), "application/json", json(body), 0);
        expect(r.status() / 100 == 2 || r.status() == 409, "register " + name + ": " + r.status() + " " + r.text());
        KeyPair keys = Keys.generate(SignatureAlgorithm.ED25519);
        String keyId = "demo-" + id.value() + "-" + Long.toString(Math.abs(RANDOM.nextLong()) % 1_000_000_000L, 36);
        call("POST", "/api/ledger/participants/" + id.value() + "/keys", users.admin(), "application/json",
                json(Map.of("keyId", keyId, "algorithm", "ED25519", "publicKey", Keys.base64(keys.getPublic().getEncoded()))), 200);
        return new Party(id, keyId, keys);
    }

    /** A new account number (valid IIK) for this run. */
    public static String newAccountNumber() {
        return AccountNumber.of("601", String.format("%013d", Math.abs(RANDOM.nextLong()) % 10_000_000_000_000L)).value();
    }

    public String account(PartyId owner, String kind, String servicerBic) throws Exception {
        String number = AccountNumber.of("601", String.format("%013d", Math.abs(RANDOM.nextLong()) % 10_000_000_000_000L)).value();
        call("POST", "/api/ledger/accounts", users.admin(), "application/json",
                json(Map.of("number", number, "owner", owner.value(), "kind", kind, "servicer", servicerBic)), 200);
        return number;
    }

    public HttpResult submit(String[] user, TransactionRequest request, Party signer) throws Exception {
        return submit(user, request, 200, signer);
    }

    /** A transaction signed by each of {@code signers}; {@code expected} as for {@link #call}. */
    public HttpResult submit(String[] user, TransactionRequest request, int expected, Party... signers) throws Exception {
        Transaction tx = TransactionJson.toTransaction(request);
        TransactionRequest signed = request;
        for (Party signer : signers) {
            byte[] signature = Keys.sign(SignatureAlgorithm.ED25519, signer.keys().getPrivate(), tx.id().bytes());
            signed = signed.withSignature(new SignatureJson(signer.keyId(), Base64.getEncoder().encodeToString(signature)));
        }
        return call("POST", "/api/ledger/transactions", user, "application/json", json(signed), expected);
    }

    public String balance(String account) throws Exception {
        return getJson("/api/ledger/accounts/" + account + "/balance", users.admin()).path("balance").asText();
    }

    public JsonNode getJson(String path, String[] user) throws Exception {
        return call("GET", path, user, null, null, 200).json();
    }

    public HttpResult call(String method, String path, String[] user, String contentType, byte[] body, int expected) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user[0] + ":" + user[1]).getBytes(StandardCharsets.UTF_8)));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        HttpResponse<byte[]> r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        HttpResult result = new HttpResult(r.statusCode(), r.body());
        boolean ok = expected == 200 ? r.statusCode() / 100 == 2 : r.statusCode() == expected;
        if (expected > 0 && !ok) {
            throw new IllegalStateException(method + " " + path + " answered " + r.statusCode() + ": " + result.text());
        }
        return result;
    }

    public static byte[] json(Object value) throws Exception {
        return JSON.writeValueAsBytes(value);
    }

    void step(String title) {
        out.println();
        out.println(title);
    }

    void say(String format, Object... args) {
        out.println("   " + String.format(format, args));
    }

    /** A step that did not behave as printed: the demo stops with a non-zero exit. */
    static void expect(boolean condition, String what) {
        if (!condition) {
            throw new IllegalStateException("not as expected: " + what);
        }
    }

    static PartyId newPartyId() {
        while (true) {
            String first11 = String.format("%011d", Math.abs(RANDOM.nextLong()) % 100_000_000_000L);
            int check = PartyId.checkDigit(first11);
            if (check >= 0) {
                return new PartyId(first11 + check);
            }
        }
    }

    public static String bic() {
        StringBuilder sb = new StringBuilder("D");
        for (int i = 0; i < 3; i++) {
            sb.append((char) ('A' + RANDOM.nextInt(26)));
        }
        return sb.append("KZKX").toString();
    }
}
