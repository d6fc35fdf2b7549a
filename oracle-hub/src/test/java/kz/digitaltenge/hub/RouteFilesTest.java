package kz.digitaltenge.hub;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import kz.digitaltenge.hub.security.HubRole;
import kz.digitaltenge.ledger.testing.TestParties;
import org.junit.jupiter.api.Test;

/**
 * Sources without Java: the test hub starts with hub.routes.dir holding two route files (src/test/resources/routefiles)
 * — a JSON webhook mapped by JSONata and an XML notice mapped by XSLT 3 — and two broken ones. Each loaded source
 * gets the guarantees of a module's: its role, its fact types, deduplication, the oracle's signature, the evidence
 * log, and the quarantine with the original bytes; the broken files are refused, named with their line, and the hub
 * starts without them.
 */
class RouteFilesTest extends HubTestBase {
    private static final String EVENTS = userOf(HubRole.EVENT_PROVIDER);

    private Response post(String user, String source, String contentType, String body) {
        return sendAs(user, HttpRequest.newBuilder(uri("/api/intake/" + source)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private static String webhook(String grant, String amount) {
        return "{\"grant\":{\"id\":\"" + grant + "\",\"amount\":\"" + amount + "\",\"validUntil\":\"2027-06-30T00:00:00Z\"},"
                + "\"payer\":{\"account\":\"" + TestParties.newAccountNumber().value() + "\"},"
                + "\"farmer\":{\"account\":\"" + TestParties.newAccountNumber().value() + "\"},"
                + "\"approvedAt\":\"2026-11-30T09:00:00Z\"}";
    }

    @Test
    void aJsonWebhookRouteFileMakesSignedFactsWithEveryGuaranteeOfAModule() {
        String grant = UUID.randomUUID().toString().substring(0, 8);
        String body = webhook(grant, "1500.00");
        // curl's default type or text: the source's own format, translated by its route file
        Response first = post(EVENTS, "grants-webhook", "text/plain", body);
        assertThat(first.status()).as(first.raw()).isEqualTo(202);
        String factId = first.body().get("factId").asText();
        JsonNode fact = get("/api/oracle/facts/" + factId).body();
        assertThat(fact.get("type").asText()).isEqualTo("EVENT_REGISTERED");
        assertThat(fact.get("subject").asText()).isEqualTo("GRANT-" + grant);
        assertThat(fact.get("terms").get("amount").asText()).isEqualTo("150000");
        assertThat(fact.get("keyId").asText()).isEqualTo("oracle-hub-1");
        assertThat(get("/api/oracle/evidence/verify").body().get("intact").asBoolean()).isTrue();
        // deduplicated: the same webhook again is the same fact
        Response again = post(EVENTS, "grants-webhook", "text/plain", body);
        assertThat(again.body().get("status").asText()).isEqualTo("DUPLICATE");
        assertThat(again.body().get("factId").asText()).isEqualTo(factId);
        // its role only
        assertThat(post(userOf(HubRole.BANK), "grants-webhook", "text/plain", webhook("x" + grant, "1.00")).status()).isEqualTo(403);
    }

    @Test
    void whatTheMappingCannotMakeIsQuarantinedWithTheOriginalBytes() {
        // the mapping refuses a webhook without a grant id; an amount that is not a two-decimal string becomes a term
        // the ledger refuses; both are quarantined as sent
        String noGrant = "{\"payer\":{}}";
        Response refused = post(EVENTS, "grants-webhook", "text/plain", noGrant);
        assertThat(refused.status()).as(refused.raw()).isEqualTo(422);
        assertThat(refused.body().get("reason").asText()).isEqualTo("SCHEMA_INVALID");
        JsonNode kept = sendAs(userOf(HubRole.BACK_OFFICE), HttpRequest.newBuilder(uri("/api/quarantine/messages/"
                + refused.body().get("quarantineId").asLong())).GET()).body();
        assertThat(kept.get("bodyText").asText()).isEqualTo(noGrant);
        assertThat(kept.get("sourceSystem").asText()).isEqualTo("grants-webhook");
        Response badAmount = post(EVENTS, "grants-webhook", "text/plain", webhook(UUID.randomUUID().toString(), "1E3"));
        assertThat(badAmount.status()).as(badAmount.raw()).isEqualTo(422);
        assertThat(badAmount.body().get("reason").asText()).isIn("MALFORMED", "SCHEMA_INVALID");
        // the source's own format is JSON: a body sent as application/json is translated by its mapping too, so a
        // canonical message smuggled in its place is not taken as one (it names no grant: refused by the mapping)
        String smuggled = "{\"sourceMessageId\":\"c-" + UUID.randomUUID() + "\",\"type\":\"INVOICE_REGISTERED\",\"subject\":\"X\",\"terms\":{}}";
        Response notCanonical = post(EVENTS, "grants-webhook", "application/json", smuggled);
        assertThat(notCanonical.body().get("reason").asText()).as(notCanonical.raw()).isEqualTo("SCHEMA_INVALID");
        Response asJson = post(EVENTS, "grants-webhook", "application/json", webhook(UUID.randomUUID().toString(), "2.00"));
        assertThat(asJson.status()).as(asJson.raw()).isEqualTo(202);
    }

    @Test
    void anXmlNoticeRouteFileMapsThroughXsltToAContractFact() {
        String number = "T-" + UUID.randomUUID().toString().substring(0, 8);
        String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><notice number=\"" + number + "\" published=\"2026-11-30T09:00:00Z\">"
                + "<customer account=\"" + TestParties.newAccountNumber().value() + "\"/>"
                + "<supplier account=\"" + TestParties.newAccountNumber().value() + "\"/>"
                + "<contract number=\"C-" + number + "\" sum=\"250000.00\" cashOut=\"50000.00\" from=\"2026-12-01T00:00:00Z\""
                + " to=\"2027-12-01T00:00:00Z\"/></notice>";
        Response r = post(EVENTS, "tender-notice", "application/xml", xml);
        assertThat(r.status()).as(r.raw()).isEqualTo(202);
        JsonNode fact = get("/api/oracle/facts/" + r.body().get("factId").asText()).body();
        assertThat(fact.get("type").asText()).isEqualTo("CONTRACT_REGISTERED");
        assertThat(fact.get("subject").asText()).isEqualTo("C-" + number);
        assertThat(fact.get("terms").get("maxTransfer").asText()).isEqualTo("25000000");
    }

    @Test
    void brokenRouteFilesAreRefusedByNameAndLineAndTheRestLoads() {
        Response r = sendAs(userOf(HubRole.ADMIN), HttpRequest.newBuilder(uri("/api/intake/sources")).GET());
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        r.body().get("sources").forEach(s -> ids.add(s.get("id").asText()));
        assertThat(ids).contains("grants-webhook", "tender-notice", "einvoice", "subsidy").doesNotContain("broken-source", "bad-yaml");
        List<String> refused = new ArrayList<>();
        r.body().get("refusedRouteFiles").forEach(f -> refused.add(f.asText()));
        assertThat(refused).hasSize(2);
        assertThat(refused).anySatisfy(f -> assertThat(f).startsWith("broken.camel.yaml:").contains("http"));
        assertThat(refused).anySatisfy(f -> assertThat(f).startsWith("bad-yaml.camel.yaml:"));
        // the refused file's source does not exist
        assertThat(post(EVENTS, "broken-source", "text/plain", "{}").status()).isEqualTo(403);
    }

    @Test
    void aFileDroppedIntoTheSourcesDirectoryBecomesAFactAndIsMovedAside() throws Exception {
        String grant = UUID.randomUUID().toString().substring(0, 8);
        java.nio.file.Path inbox = RouteFiles.dir().resolve("grants-inbox");
        java.nio.file.Files.createDirectories(inbox);
        java.nio.file.Path tmp = inbox.resolve("grant-" + grant + ".json~"); // written aside, then renamed: never read half-written
        java.nio.file.Files.writeString(tmp, webhook(grant, "12.00"));
        java.nio.file.Files.move(tmp, inbox.resolve("grant-" + grant + ".json"));
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() ->
                get("/api/oracle/facts?type=EVENT_REGISTERED&subject=GRANT-" + grant).status() == 200);
        JsonNode fact = get("/api/oracle/facts?type=EVENT_REGISTERED&subject=GRANT-" + grant).body();
        assertThat(fact.get("terms").get("amount").asText()).isEqualTo("1200");
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() ->
                java.nio.file.Files.exists(inbox.resolve(".done").resolve("grant-" + grant + ".json")));
    }
}
