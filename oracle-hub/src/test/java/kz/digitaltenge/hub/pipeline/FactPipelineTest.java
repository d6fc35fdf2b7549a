package kz.digitaltenge.hub.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import kz.digitaltenge.hub.HubTestBase;
import kz.digitaltenge.hub.security.HubRole;
import org.junit.jupiter.api.Test;

/**
 * The fact pipeline end to end over HTTP: a source system's canonical message becomes a signed, logged fact;
 * a redelivery answers the same fact; every kind of bad message lands in quarantine with its reason and the route
 * that failed, and comes out again by retry or edit-and-retry.
 */
class FactPipelineTest extends HubTestBase {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TAX = userOf(HubRole.TAX_AUTHORITY);
    private static final String EVENTS = userOf(HubRole.EVENT_PROVIDER);
    private static final String BACK_OFFICE = userOf(HubRole.BACK_OFFICE);

    private Response intake(String user, String source, String body) {
        return sendAs(user, HttpRequest.newBuilder(uri("/api/intake/" + source)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private Response asBackOffice(String path, String jsonBody) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path));
        if (jsonBody == null) {
            b.GET();
        } else {
            b.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(jsonBody));
        }
        return sendAs(BACK_OFFICE, b);
    }

    private static String message(String id, String type, String subject, Map<String, String> terms) throws Exception {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("sourceMessageId", id);
        m.put("type", type);
        m.put("subject", subject);
        m.put("terms", terms);
        m.put("occurredAt", "2026-11-25T10:00:00Z");
        return JSON.writeValueAsString(m);
    }

    @org.springframework.beans.factory.annotation.Autowired
    javax.sql.DataSource db;

    private long factsCounted(String source) throws Exception {
        return single("select coalesce((select facts from intake_fact_counts where source_system = '" + source + "'), 0)");
    }

    private long single(String sql) throws Exception {
        try (java.sql.Connection c = db.getConnection(); java.sql.Statement st = c.createStatement();
             java.sql.ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static Map<String, String> invoice(long net, long vat) {
        return Map.of("sellerTin", "123456789013", "buyerTin", "000000000011", "net", Long.toString(net),
                "vat", Long.toString(vat), "gross", Long.toString(net + vat), "currency", "KZT", "status", "CREATED");
    }

    @Test
    void aMessageBecomesASignedLoggedFactOnceAndBadOnesAreQuarantined() throws Exception {
        String reg = "ESF-" + UUID.randomUUID();
        String body = message("msg-" + reg, "INVOICE_REGISTERED", reg, invoice(100_000, 12_000));
        long factsBefore = factsCounted("einvoice");
        Response first = intake(TAX, "einvoice", body);
        assertThat(first.status()).as(first.raw()).isEqualTo(202);
        assertThat(first.body().get("status").asText()).isEqualTo("ACCEPTED");
        String factId = first.body().get("factId").asText();
        Response fact = get("/api/oracle/facts/" + factId);
        assertThat(fact.status()).as(fact.raw()).isEqualTo(200);
        assertThat(fact.body().get("subject").asText()).isEqualTo(reg);
        assertThat(fact.body().get("keyId").asText()).isEqualTo("oracle-hub-1");
        assertThat(get("/api/oracle/evidence/verify").body().get("intact").asBoolean()).isTrue();

        // a redelivery (same bytes) answers the same fact; the same id with other content is quarantined
        Response again = intake(TAX, "einvoice", body);
        assertThat(again.body().get("status").asText()).isEqualTo("DUPLICATE");
        assertThat(again.body().get("factId").asText()).isEqualTo(factId);
        // the source's running count of facts made (what the flows' totals and the meters read): one, not two
        assertThat(factsCounted("einvoice")).isEqualTo(factsBefore + 1);
        assertThat(factsCounted("einvoice")).as("the count agrees with the messages that have a fact")
                .isEqualTo(single("select count(*) from intake_messages where source_system = 'einvoice' and fact_id is not null"));
        String other = message("msg-" + reg, "INVOICE_REGISTERED", reg, invoice(100_000, 13_000));
        Response conflict = intake(TAX, "einvoice", other);
        assertThat(conflict.status()).as(conflict.raw()).isEqualTo(422);
        assertThat(conflict.body().get("reason").asText()).isEqualTo("DUPLICATE_DIFFERENT_CONTENT");
        Response kept = asBackOffice("/api/quarantine/messages/" + conflict.body().get("quarantineId").asLong(), null);
        assertThat(kept.body().get("bodyText").asText()).isEqualTo(other);
        assertThat(kept.body().get("sourceSystem").asText()).isEqualTo("einvoice");
        assertThat(kept.body().get("routeId").asText()).startsWith("intake");

        // not JSON at all
        Response garbage = intake(TAX, "einvoice", "<invoice>not canonical</invoice>");
        assertThat(garbage.status()).isEqualTo(422);
        assertThat(garbage.body().get("reason").asText()).isEqualTo("MALFORMED");

        // a caller that may not speak for the source, or an unknown source: refused, nothing stored
        assertThat(intake(EVENTS, "einvoice", body).status()).isEqualTo(403);
        assertThat(intake(TAX, "nowhere", body).status()).isEqualTo(403);
    }

    @Test
    void quarantinedMessagesComeBackByRetryAndEditAndRetry() throws Exception {
        String event = "EV-" + UUID.randomUUID();
        // an occurrence of an event nobody registered yet
        String occurred = message("occ-" + event, "EVENT_OCCURRED", event, Map.of("occurrence", "animals re-registered", "amount", "5000"));
        Response early = intake(EVENTS, "events-test", occurred);
        assertThat(early.status()).as(early.raw()).isEqualTo(422);
        assertThat(early.body().get("reason").asText()).isEqualTo("UNKNOWN_REFERENCE");
        long earlyId = early.body().get("quarantineId").asLong();

        // the event arrives; the back office retries the occurrence, which now goes through
        Response registered = intake(EVENTS, "events-test", message("reg-" + event, "EVENT_REGISTERED", event, Map.of(
                "sender", "KZ456010000000000001", "recipient", "KZ186010000000000002", "amount", "5000",
                "validUntil", "2027-01-01T00:00:00Z", "holdType", "SINGLE")));
        assertThat(registered.status()).as(registered.raw()).isEqualTo(202);
        Response retried = asBackOffice("/api/quarantine/messages/" + earlyId + "/retry", "{}");
        assertThat(retried.status()).as(retried.raw()).isEqualTo(200);
        assertThat(retried.body().get("outcome").get("result").asText()).isEqualTo("REPLAYED");
        String producedFact = retried.body().get("outcome").get("producedRef").asText();
        assertThat(get("/api/oracle/facts/" + producedFact).body().get("type").asText()).isEqualTo("EVENT_OCCURRED");
        assertThat(retried.body().get("entry").get("status").asText()).isEqualTo("RESOLVED");

        // a message in a wrong format is fixed by the back office: the original is kept, the edited copy resolves
        String fixed = message("occ2-" + event, "EVENT_OCCURRED", event, Map.of("occurrence", "second lot", "amount", "2000"));
        String misformatted = fixed.replace("2026-11-25T10:00:00Z", "25.11.2026 10:00");
        Response bad = intake(EVENTS, "events-test", misformatted);
        assertThat(bad.body().get("reason").asText()).as(bad.raw()).isEqualTo("MALFORMED");
        long badId = bad.body().get("quarantineId").asLong();
        // what it says is not the back office's to change: another amount is refused, and nothing is made
        String otherAmount = fixed.replace("\"2000\"", "\"9000\"");
        Response changed = asBackOffice("/api/quarantine/messages/" + badId + "/edit-and-retry",
                JSON.writeValueAsString(Map.of("text", otherAmount)));
        assertThat(changed.status()).as(changed.raw()).isEqualTo(403);
        assertThat(changed.body().get("reason").asText()).isEqualTo("NOT_AUTHORIZED");
        assertThat(changed.body().get("message").asText()).contains("terms.amount");
        assertThat(asBackOffice("/api/quarantine/messages/" + badId, null).body().get("status").asText()).isEqualTo("QUARANTINED");
        Response edited = asBackOffice("/api/quarantine/messages/" + badId + "/edit-and-retry",
                JSON.writeValueAsString(Map.of("text", fixed)));
        assertThat(edited.status()).as(edited.raw()).isEqualTo(200);
        assertThat(edited.body().get("outcome").get("result").asText()).as(edited.raw()).isEqualTo("REPLAYED");
        assertThat(edited.body().get("original").get("status").asText()).isEqualTo("RETRIED");
        assertThat(asBackOffice("/api/quarantine/messages/" + badId, null).body().get("bodyText").asText()).isEqualTo(misformatted);
        // and the source's own redelivery of the fixed message is a duplicate of the fact the replay made
        Response redelivered = intake(EVENTS, "events-test", fixed);
        assertThat(redelivered.body().get("status").asText()).isEqualTo("DUPLICATE");
        assertThat(redelivered.body().get("factId").asText()).isEqualTo(edited.body().get("outcome").get("producedRef").asText());

        // an approval is the oracle's own: from a source it is refused NOT_AUTHORIZED and quarantined, whatever its terms
        Response approval = intake(EVENTS, "events-test", message("rel-" + event, "RELEASE_APPROVED", event, Map.of()));
        assertThat(approval.status()).as(approval.raw()).isEqualTo(422);
        assertThat(approval.body().get("reason").asText()).isEqualTo("NOT_AUTHORIZED");
        assertThat(approval.body().get("quarantineId").isNumber()).isTrue();
    }

    @Test
    void aSourceThatMustSignIsVerifiedOnEveryDeliveryAndReplay() throws Exception {
        // the signing source's key, registered like any participant key
        java.security.KeyPair kp = kz.digitaltenge.ledger.crypto.Keys.generate(kz.digitaltenge.ledger.crypto.SignatureAlgorithm.ED25519);
        String party = kz.digitaltenge.ledger.testing.TestParties.newPartyId().value();
        assertThat(post("/api/ledger/participants", Map.of("partyId", party, "name", "Procurement portal", "roles", java.util.List.of()))
                .status()).isIn(200, 201);
        assertThat(post("/api/ledger/participants/" + party + "/keys", Map.of("keyId", "signed-test-1",
                "publicKey", kz.digitaltenge.ledger.crypto.Keys.base64(kp.getPublic().getEncoded()))).status()).isIn(200, 201);
        String number = "PROC-" + UUID.randomUUID();
        String body = message("c-" + number, "CONTRACT_REGISTERED", number, Map.of("sender", "KZ456010000000000001",
                "recipient", "KZ186010000000000002", "maxTransfer", "100000", "maxCashOut", "0",
                "validFrom", "2026-01-01T00:00:00Z", "validTo", "2027-01-01T00:00:00Z"));
        java.util.function.Function<String, String> sign = text -> {
            try {
                byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                return "signed-test-1:" + kz.digitaltenge.ledger.crypto.Keys.base64(kz.digitaltenge.ledger.crypto.Keys.sign(
                        kz.digitaltenge.ledger.crypto.SignatureAlgorithm.ED25519, kp.getPrivate(), FactIntake.SOURCE_DOMAIN, digest));
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        };

        // unsigned: quarantined as a bad signature; a signature over other bytes: the same
        Response unsigned = intake(EVENTS, "signed-test", body);
        assertThat(unsigned.status()).as(unsigned.raw()).isEqualTo(422);
        assertThat(unsigned.body().get("reason").asText()).isEqualTo("BAD_SIGNATURE");
        Response forged = sendAs(EVENTS, HttpRequest.newBuilder(uri("/api/intake/signed-test")).header("Content-Type", "application/json")
                .header("X-Source-Signature", sign.apply(body + " ")).POST(HttpRequest.BodyPublishers.ofString(body)));
        assertThat(forged.body().get("reason").asText()).isEqualTo("BAD_SIGNATURE");
        // a retry by the back office verifies again: an unsigned message does not become a fact that way
        Response retried = asBackOffice("/api/quarantine/messages/" + unsigned.body().get("quarantineId").asLong() + "/retry", "{}");
        assertThat(retried.body().get("outcome").get("result").asText()).isEqualTo("FAILED");
        assertThat(retried.body().get("outcome").get("reasonCode").asText()).isEqualTo("BAD_SIGNATURE");

        // signed over the exact bytes: accepted
        Response signed = sendAs(EVENTS, HttpRequest.newBuilder(uri("/api/intake/signed-test")).header("Content-Type", "application/json")
                .header("X-Source-Signature", sign.apply(body)).POST(HttpRequest.BodyPublishers.ofString(body)));
        assertThat(signed.status()).as(signed.raw()).isEqualTo(202);
        assertThat(get("/api/oracle/facts/" + signed.body().get("factId").asText()).body().get("subject").asText()).isEqualTo(number);
    }
}
