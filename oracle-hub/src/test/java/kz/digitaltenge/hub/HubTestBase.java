package kz.digitaltenge.hub;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.KeyPair;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import kz.digitaltenge.hub.api.TransactionJson;
import kz.digitaltenge.hub.api.TransactionJson.InputJson;
import kz.digitaltenge.hub.api.TransactionJson.OutputJson;
import kz.digitaltenge.hub.api.TransactionJson.SignatureJson;
import kz.digitaltenge.hub.api.TransactionJson.TransactionRequest;
import kz.digitaltenge.hub.security.HubRole;
import kz.digitaltenge.hub.security.UsersFile;
import kz.digitaltenge.ledger.crypto.Keys;
import kz.digitaltenge.ledger.crypto.SignatureAlgorithm;
import kz.digitaltenge.ledger.testing.MutableClock;
import kz.digitaltenge.ledger.testing.TestParties;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.bean.override.convention.TestBean;

/**
 * One hub per test JVM (all subclasses share the Spring context): embedded PostgreSQL in a fresh directory
 * under target/, a Hazelcast member on a random port in a cluster of its own. Fixtures are registered through
 * the HTTP API, with keys generated at test time.
 *
 * <p>API users are configured through {@code hub.security.users} with passwords generated here (bcrypt cost 4, to
 * keep the suite fast): {@code operator} (ADMIN and BANK: registers, submits, signs facts, runs releases) makes
 * every call unless a test says otherwise, and one user per {@link HubRole} holding only that role.
 */
// metrics export (/actuator/prometheus) stays on, as in the running hub: Boot switches it off in tests otherwise
@org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability(tracing = false)
@SpringBootTest(classes = {OracleHubApplication.class, PolledTestSource.class, HeldTestSource.class}, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class HubTestBase {
    /**
     * The ledger's clock in every hub test: the real time plus an offset that only a test moves ({@link MutableClock}),
     * so expiry is reached by advancing it, never by sleeping. Unmoved it reads the real now, so the tests sharing this
     * context see the system clock; a test that advances it moves it back when done.
     */
    protected static final MutableClock CLOCK = new MutableClock();

    /** Replaces the hub's {@code ledgerClock} bean (the system clock in production) with {@link #CLOCK}. */
    @TestBean(name = "ledgerClock", methodName = "testLedgerClock")
    java.time.Clock ledgerClock;

    static java.time.Clock testLedgerClock() {
        return CLOCK;
    }

    protected static final ObjectMapper JSON = new ObjectMapper();
    static final Path DATA_DIR = Path.of("target", "test-hub-data", UUID.randomUUID().toString()).toAbsolutePath();
    static final Path ERP1C_INBOX = DATA_DIR.resolve("erp1c-inbox");

    /** The route files of src/test/resources/routefiles, copied to a directory of the test hub before it starts. */
    static final class RouteFiles {
        private static Path dir;

        static synchronized Path dir() {
            if (dir == null) {
                try {
                    dir = java.nio.file.Files.createDirectories(DATA_DIR.resolve("routes"));
                    for (String name : List.of("grants-webhook.camel.yaml", "grants-webhook.jsonata", "tender-notice.camel.xml",
                            "tender-notice.xsl", "broken.camel.yaml", "bad-yaml.camel.yaml")) {
                        try (var in = HubTestBase.class.getResourceAsStream("/routefiles/" + name)) {
                            java.nio.file.Files.copy(in, dir.resolve(name));
                        }
                    }
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
            return dir;
        }
    }

    /**
     * The procurement portal's API (OWS v3) as the shared hub sees it ({@code hub.procurement.base-url}): one
     * {@link kz.digitaltenge.routes.procurement.testing.FakePortal} for the test JVM, started on first use, accepting
     * {@link #TOKEN} only (made for this JVM). Empty until a test scripts it (its lists answer empty pages), and the
     * hub's own poll waits 10 minutes: ProcurementPortalPollTest polls itself ({@code PollIntakeRoutes.pollOnce}).
     */
    static final class ProcurementPortal {
        static final String TOKEN = "ows-" + UUID.randomUUID().toString().replace("-", "");
        static final kz.digitaltenge.routes.procurement.testing.FakePortal INSTANCE =
                new kz.digitaltenge.routes.procurement.testing.FakePortal(TOKEN);

        private ProcurementPortal() {
        }
    }

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    /** The default caller of the helpers. */
    protected static final String OPERATOR = "operator";
    private static final Map<String, String> PASSWORDS = new LinkedHashMap<>();
    private static final Map<String, List<String>> ROLES = new LinkedHashMap<>();
    /**
     * A bank in {@code hub.payments.confirming-banks}: payment orders from the accounts it services wait for its
     * confirmation. Random per JVM; a test that needs it registers a participant with this BIC.
     */
    protected static final String CONFIRMING_BANK_BIC = randomBic();

    /** A TAXPAYER user bound to one participant (its BIN, registered by the test that uses it). */
    protected static final String BOUND_TAXPAYER = "taxpayer-bound";
    protected static final String BOUND_TAXPAYER_BIN = kz.digitaltenge.ledger.testing.TestParties.newPartyId().value();

    /** A BANK user bound to the confirming bank's participant (registered by the tests with this BIN). */
    protected static final String BOUND_BANK = "bank-bound";
    protected static final String CONFIRMING_BANK_PARTY = kz.digitaltenge.ledger.testing.TestParties.newPartyId().value();

    /** The contract demos' contractors' systems: TAXPAYER users bound to the BINs their scenarios use. */
    protected static final Map<String, String> CONTRACTORS = Map.of(
            "contractor", kz.digitaltenge.hub.demo.RailwayScenario.CONTRACTOR_BIN,
            "sub-a", kz.digitaltenge.hub.demo.RailwayScenario.SUB_A_BIN,
            "sub-b", kz.digitaltenge.hub.demo.RailwayScenario.SUB_B_BIN);

    static {
        ROLES.put(OPERATOR, List.of("ADMIN", "BANK"));
        CONTRACTORS.keySet().forEach(name -> ROLES.put(name, List.of("TAXPAYER")));
        ROLES.put(BOUND_TAXPAYER, List.of("TAXPAYER"));
        ROLES.put(BOUND_BANK, List.of("BANK"));
        for (HubRole role : HubRole.values()) {
            ROLES.put(userOf(role), List.of(role.name()));
        }
        ROLES.keySet().forEach(name -> PASSWORDS.put(name, UsersFile.generatePassword()));
    }

    /** The test user holding only {@code role}. */
    protected static String userOf(HubRole role) {
        return "only-" + role.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    /** A test user's password (generated for this JVM), for the admin UI's sign-in form. */
    protected static String password(String user) {
        return PASSWORDS.get(user);
    }

    /** {@code Authorization} header value of a test user. */
    protected static String basic(String user) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + PASSWORDS.get(user))
                .getBytes(StandardCharsets.UTF_8));
    }

    @DynamicPropertySource
    static void hubProperties(DynamicPropertyRegistry registry) {
        registry.add("hub.data-dir", DATA_DIR::toString);
        registry.add("hub.hazelcast.port", () -> 20000 + ThreadLocalRandom.current().nextInt(20000));
        registry.add("hub.hazelcast.cluster-name", () -> "hub-test-" + UUID.randomUUID());
        registry.add("hub.notary.sweep-interval", () -> "500ms");
        registry.add("hub.flows.metrics-refresh", () -> "200ms");
        // the schedule starts, but tests run the expiry pass themselves (POST /api/programmable/holds/expiry/run)
        registry.add("hub.holds.expiry-interval", () -> "10m");
        registry.add("hub.holds.settlement-interval", () -> "10m"); // the tests sweep themselves
        // likewise the evidence checkpoints: EvidenceCheckpointTest makes them itself
        registry.add("hub.evidence.checkpoint-interval", () -> "10m");
        // a source of canonical contract messages that must sign what it sends (FactPipelineTest registers the key at
        // test time); procurement itself is routes-procurement's, which translates the portal's own JSON
        registry.add("hub.intake.sources.signed-test", () -> "EVENT_PROVIDER");
        registry.add("hub.intake.fact-types.signed-test[0]", () -> "CONTRACT_REGISTERED");
        registry.add("hub.intake.signed-sources.signed-test[0]", () -> "signed-test-1");
        // a source of canonical event messages with no hold rules of its own (subsidy and livestock are modules now)
        registry.add("hub.intake.sources.events-test", () -> "EVENT_PROVIDER");
        registry.add("hub.intake.fact-types.events-test[0]", () -> "EVENT_REGISTERED");
        registry.add("hub.intake.fact-types.events-test[1]", () -> "EVENT_OCCURRED");
        registry.add("hub.payments.confirming-banks[0]", () -> CONFIRMING_BANK_BIC);
        // statuses go to a fake e-invoice IS; two quick attempts, so a test of the IS being down does not wait long
        registry.add("hub.payments.einvoice-status-url", FakeEinvoiceIs.INSTANCE::url);
        registry.add("hub.payments.einvoice-status-attempts", () -> "2");
        registry.add("hub.payments.einvoice-status-retry-delay", () -> "50ms");
        // 1C files dropped here are paid as uploads are (PaymentOrdersApiTest)
        registry.add("hub.payments.erp1c-inbox", () -> ERP1C_INBOX.toString());
        registry.add("hub.routes.dir", () -> RouteFiles.dir().toString());
        // the procurement portal is a fake (empty until a test scripts it); its poll's timer first fires 10 minutes after
        // the start, so ProcurementPortalPollTest polls itself; the client's own rate limit at its highest
        registry.add("hub.procurement.base-url", () -> ProcurementPortal.INSTANCE.baseUrl().toString());
        registry.add("hub.procurement.token", () -> ProcurementPortal.TOKEN);
        registry.add("hub.procurement.poll-interval", () -> "10m");
        registry.add("hub.procurement.requests-per-second", () -> "100");
        BCryptPasswordEncoder fast = new BCryptPasswordEncoder(4);
        int i = 0;
        for (Map.Entry<String, List<String>> user : ROLES.entrySet()) {
            String prefix = "hub.security.users[" + i++ + "].";
            String hash = fast.encode(PASSWORDS.get(user.getKey()));
            registry.add(prefix + "name", user::getKey);
            registry.add(prefix + "roles", () -> String.join(",", user.getValue()));
            registry.add(prefix + "password-hash", () -> hash);
            if (BOUND_TAXPAYER.equals(user.getKey())) {
                registry.add(prefix + "party", () -> BOUND_TAXPAYER_BIN);
            }
            if (CONTRACTORS.containsKey(user.getKey())) {
                registry.add(prefix + "party", () -> CONTRACTORS.get(user.getKey()));
            }
            if (BOUND_BANK.equals(user.getKey())) {
                registry.add(prefix + "party", () -> CONFIRMING_BANK_PARTY);
            }
        }
    }

    @LocalServerPort
    protected int port;

    public record Response(int status, JsonNode body, String raw) {
        public String reason() {
            return body == null ? null : body.path("reason").asText(null);
        }
    }

    /** A participant registered through the API with one generated key. */
    public record Party(String id, String keyId, KeyPair keys, String bic) {
        public SignatureJson sign(TransactionRequest request) {
            byte[] value = Keys.sign(SignatureAlgorithm.ED25519, keys.getPrivate(),
                    TransactionJson.toTransaction(request).id().bytes());
            return new SignatureJson(keyId, Keys.base64(value));
        }
    }

    protected Response get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET().build());
    }

    protected Response post(String path, Object body) {
        try {
            String text = body instanceof String s ? s : JSON.writeValueAsString(body);
            return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(text)).build());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Sends as {@link #OPERATOR} unless the request carries its own Authorization header. */
    protected Response send(HttpRequest request) {
        if (request.headers().firstValue("Authorization").isPresent()) {
            return sendUnchanged(request);
        }
        return sendUnchanged(HttpRequest.newBuilder(request, (n, v) -> true).header("Authorization", basic(OPERATOR)).build());
    }

    /** Sends as {@code user}; null sends no credentials. */
    protected Response sendAs(String user, HttpRequest.Builder request) {
        if (user != null) {
            request.header("Authorization", basic(user));
        }
        return sendUnchanged(request.build());
    }

    private Response sendUnchanged(HttpRequest request) {
        try {
            HttpResponse<String> r = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            JsonNode body = null;
            try {
                body = r.body().isEmpty() ? null : JSON.readTree(r.body());
            } catch (Exception notJson) {
                // left null; raw keeps the text
            }
            return new Response(r.statusCode(), body, r.body());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    protected URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    protected static String randomBic() {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 4; i++) {
            b.append((char) ('A' + ThreadLocalRandom.current().nextInt(26)));
        }
        return b.append("KZKX").toString();
    }

    protected Party party(String name, List<String> roles, boolean withBic) {
        String id = TestParties.newPartyId().value();
        String bic = withBic ? randomBic() : null;
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("partyId", id);
        p.put("name", name);
        p.put("roles", roles);
        p.put("bic", bic);
        Response r = post("/api/ledger/participants", p);
        assertThat(r.status()).as(r.raw()).isEqualTo(201);
        KeyPair kp = Keys.generate(SignatureAlgorithm.ED25519);
        String keyId = name.toLowerCase().replace(' ', '-') + "-" + id;
        Response k = post("/api/ledger/participants/" + id + "/keys", Map.of("keyId", keyId, "algorithm", "ED25519",
                "publicKey", Keys.base64(kp.getPublic().getEncoded())));
        assertThat(k.status()).as(k.raw()).isEqualTo(201);
        return new Party(id, keyId, kp, bic);
    }

    protected String account(Party owner, String kind, Party servicer) {
        String number = TestParties.newAccountNumber().value();
        Response r = post("/api/ledger/accounts", Map.of("number", number, "owner", owner.id(), "kind", kind,
                "servicer", servicer.bic()));
        assertThat(r.status()).as(r.raw()).isEqualTo(201);
        return number;
    }

    protected static TransactionRequest request(String type, String reference, List<InputJson> inputs,
                                                List<OutputJson> outputs) {
        return new TransactionRequest(type, reference, inputs, outputs, null);
    }

    protected static TransactionRequest signed(TransactionRequest request, Party... signers) {
        TransactionRequest r = request;
        for (Party p : signers) {
            r = r.withSignature(p.sign(request));
        }
        return r;
    }

    protected static List<OutputJson> outputs(String... accountAmountPairs) {
        List<OutputJson> list = new ArrayList<>();
        for (int i = 0; i < accountAmountPairs.length; i += 2) {
            list.add(new OutputJson(accountAmountPairs[i], accountAmountPairs[i + 1]));
        }
        return list;
    }

    protected static InputJson input(String txId, int index) {
        return new InputJson(txId, index);
    }

    protected String balance(String account) {
        Response r = get("/api/ledger/accounts/" + account + "/balance");
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        return r.body().get("balance").asText();
    }

    protected JsonNode supply() {
        Response r = get("/api/ledger/supply");
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        return r.body();
    }

    protected static String reference() {
        return "ref-" + UUID.randomUUID();
    }
}
