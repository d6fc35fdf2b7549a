package kz.digitaltenge.hub.quarantine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import kz.digitaltenge.hub.HubTestBase;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The quarantine through its API on the shared test hub (real embedded PostgreSQL): messages are put through the
 * {@link Quarantine} service as a route would, everything else goes over HTTP. Sources and reason codes carry a
 * random suffix so the test does not depend on what other tests stored.
 */
class QuarantineApiTest extends HubTestBase {
    /** The back office works the quarantine: every call of this test is made as its user. */
    private static final String BACK_OFFICE = userOf(kz.digitaltenge.hub.security.HubRole.BACK_OFFICE);

    @Override
    protected Response get(String path) {
        return sendAs(BACK_OFFICE, java.net.http.HttpRequest.newBuilder(uri(path)).GET());
    }

    @Override
    protected Response post(String path, Object body) {
        try {
            String text = body instanceof String s ? s : new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(body);
            return sendAs(BACK_OFFICE, java.net.http.HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString(text)));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final Charset CP1251 = Charset.forName("windows-1251");

    @Autowired
    Quarantine quarantine;
    @Autowired
    DataSource dataSource;

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final String source = "qtest-erp-" + run;
    private final String otherSource = "other-" + run;
    private final String schemaInvalid = "SCHEMA_INVALID_" + run;
    private final String unknownRef = "UNKNOWN_REFERENCE_" + run;

    private long put(String src, String messageId, String reason, String contentType, Map<String, String> headers,
                     byte[] body) {
        return quarantine.put(QuarantinedMessage.of(src, messageId, "route-" + src, reason, "failed: " + reason,
                contentType, headers, body));
    }

    @Test
    void quarantineLifecycleThroughTheApi() {
        String invoiceText = "<invoice><number>СФ-1</number><buyer>ТОО «Ромашка»</buyer></invoice>";
        byte[] cp1251 = invoiceText.getBytes(CP1251);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("JMSMessageID", "ID:42");
        headers.put("X-Source-File", "счёт.xml");
        long a = put(source, "m-a", schemaInvalid, "application/xml; charset=windows-1251", headers, cp1251);
        long b = put(source, "m-b", schemaInvalid, "application/json", Map.of(), "{\"amount\": BROKEN".getBytes(StandardCharsets.UTF_8));
        byte[] binary = {0, 1, 2, (byte) 0xff, (byte) 0xfe, 0, 'x'};
        long c = put(source, "m-c", unknownRef, "application/octet-stream", Map.of("k", "v"), binary);
        long d = put(otherSource, "m-d", unknownRef, "text/plain", null, "ref 77".getBytes(StandardCharsets.UTF_8));

        // list and filter
        assertThat(ids(get("/api/quarantine/messages?source=" + source))).containsExactly(a, b, c);
        assertThat(ids(get("/api/quarantine/messages?reason=" + unknownRef))).containsExactly(c, d);
        assertThat(ids(get("/api/quarantine/messages?status=QUARANTINED&source=" + source + "&reason=" + schemaInvalid)))
                .containsExactly(a, b);
        assertThat(ids(get("/api/quarantine/messages?route=route-" + otherSource))).containsExactly(d);
        assertThat(ids(get("/api/quarantine/messages?source=" + source + "&page=1&size=2"))).containsExactly(c);
        assertThat(get("/api/quarantine/messages?source=" + source + "&size=2").body().get("total").asLong()).isEqualTo(3);
        Instant later = Instant.now().plusSeconds(3600);
        assertThat(ids(get("/api/quarantine/messages?source=" + source + "&from=" + later))).isEmpty();
        assertThat(ids(get("/api/quarantine/messages?source=" + source + "&to=" + later))).hasSize(3);
        assertThat(get("/api/quarantine/messages?status=LOST").reason()).isEqualTo("MALFORMED");
        assertThat(get("/api/quarantine/groups?status=LOST").reason()).isEqualTo("MALFORMED");
        // an unknown audit target type is a typo, not an empty log
        Response badType = get("/api/quarantine/audit?targetType=quarantines");
        assertThat(badType.status()).as(badType.raw()).isEqualTo(400);
        assertThat(badType.reason()).isEqualTo("MALFORMED");
        assertThat(badType.body().get("message").asText()).contains("quarantine", "quarantine-group");

        // groups
        JsonNode groups = get("/api/quarantine/groups").body();
        assertThat(count(groups.get("byReason"), schemaInvalid)).isEqualTo(2);
        assertThat(count(groups.get("byReason"), unknownRef)).isEqualTo(2);
        assertThat(count(groups.get("bySource"), source)).isEqualTo(3);
        assertThat(count(groups.get("bySource"), otherSource)).isEqualTo(1);

        // view: the original bytes exactly, text decoded with the declared charset, headers as received
        Response viewA = get("/api/quarantine/messages/" + a);
        assertThat(viewA.status()).as(viewA.raw()).isEqualTo(200);
        assertThat(Base64.getDecoder().decode(viewA.body().get("bodyBase64").asText())).isEqualTo(cp1251);
        assertThat(viewA.body().get("bodyText").asText()).isEqualTo(invoiceText);
        assertThat(viewA.body().get("headers").get("X-Source-File").asText()).isEqualTo("счёт.xml");
        assertThat(viewA.body().get("sourceMessageId").asText()).isEqualTo("m-a");
        assertThat(viewA.body().get("routeId").asText()).isEqualTo("route-" + source);
        assertThat(viewA.body().get("reasonMessage").asText()).isEqualTo("failed: " + schemaInvalid);
        assertThat(viewA.body().get("receivedAt").asText()).isNotBlank();
        JsonNode viewC = get("/api/quarantine/messages/" + c).body();
        assertThat(Base64.getDecoder().decode(viewC.get("bodyBase64").asText())).isEqualTo(binary);
        assertThat(viewC.get("bodyText").isNull()).isTrue();
        assertThat(get("/api/quarantine/messages/999999999").reason()).isEqualTo("NOT_FOUND");
        assertThat(get("/api/quarantine/messages/999999999").status()).isEqualTo(404);

        // retry as stored: the replay fails again → still QUARANTINED with the new reason
        Response retryB = post("/api/quarantine/messages/" + b + "/retry", "");
        assertThat(retryB.status()).as(retryB.raw()).isEqualTo(200);
        assertThat(retryB.body().get("outcome").get("result").asText()).isEqualTo("FAILED");
        assertThat(retryB.body().get("entry").get("status").asText()).isEqualTo("QUARANTINED");
        assertThat(retryB.body().get("entry").get("reasonCode").asText()).isEqualTo("STILL_INVALID");
        assertThat(retryB.body().get("entry").get("attempts").asInt()).isEqualTo(1);
        // no replay route for the other source → QUARANTINED with a note
        Response retryD = post("/api/quarantine/messages/" + d + "/retry", "");
        assertThat(retryD.body().get("outcome").get("result").asText()).isEqualTo("NO_ROUTE");
        assertThat(retryD.body().get("entry").get("status").asText()).isEqualTo("QUARANTINED");
        assertThat(retryD.body().get("entry").get("reasonCode").asText()).isEqualTo(unknownRef);
        assertThat(retryD.body().get("entry").get("resolutionNote").asText()).isEqualTo("no replay route for source " + otherSource);

        // edit-and-retry: a new linked entry RESOLVED; the original kept byte for byte, RETRIED
        JsonNode beforeEdit = get("/api/quarantine/messages/" + b).body();
        // headers are what the transport and the source stated: an edit never changes them
        Response headerEdit = post("/api/quarantine/messages/" + b + "/edit-and-retry",
                Map.of("text", "{\"amount\": \"FIXED\"}", "headers", Map.of("edited", "yes")));
        assertThat(headerEdit.status()).as(headerEdit.raw()).isEqualTo(403);
        assertThat(headerEdit.body().get("reason").asText()).isEqualTo("NOT_AUTHORIZED");
        assertThat(get("/api/quarantine/messages/" + b).body().get("status").asText()).isEqualTo("QUARANTINED");
        Response edit = post("/api/quarantine/messages/" + b + "/edit-and-retry", Map.of("text", "{\"amount\": \"FIXED\"}"));
        assertThat(edit.status()).as(edit.raw()).isEqualTo(200);
        JsonNode copy = edit.body().get("copy");
        JsonNode original = edit.body().get("original");
        long copyId = copy.get("id").asLong();
        assertThat(edit.body().get("outcome").get("result").asText()).isEqualTo("REPLAYED");
        assertThat(copy.get("status").asText()).isEqualTo("RESOLVED");
        assertThat(copy.get("retryOf").asLong()).isEqualTo(b);
        assertThat(copy.get("producedRef").asText()).isEqualTo("fact:m-b");
        assertThat(copy.get("bodyText").asText()).isEqualTo("{\"amount\": \"FIXED\"}");
        assertThat(copy.get("headers")).isEqualTo(beforeEdit.get("headers"));
        assertThat(original.get("status").asText()).isEqualTo("RETRIED");
        assertThat(original.get("retriedAs").asLong()).isEqualTo(copyId);
        for (String field : List.of("bodyBase64", "headers", "reasonCode", "reasonMessage", "contentType",
                "receivedAt", "sourceMessageId")) {
            assertThat(original.get(field)).as(field).isEqualTo(beforeEdit.get(field));
        }
        assertThat(post("/api/quarantine/messages/" + b + "/retry", "").status()).isEqualTo(409);

        // reject: a reason is required
        Response noReason = post("/api/quarantine/messages/" + a + "/reject", Map.of("reason", "  "));
        assertThat(noReason.status()).isEqualTo(400);
        assertThat(noReason.reason()).isEqualTo("MALFORMED");
        assertThat(post("/api/quarantine/messages/" + a + "/reject", Map.of()).reason()).isEqualTo("MALFORMED");
        Response rejectA = post("/api/quarantine/messages/" + a + "/reject",
                Map.of("reason", "duplicate of invoice СФ-1 already booked"));
        assertThat(rejectA.status()).as(rejectA.raw()).isEqualTo(200);
        assertThat(rejectA.body().get("status").asText()).isEqualTo("REJECTED");
        assertThat(rejectA.body().get("resolutionNote").asText()).isEqualTo("duplicate of invoice СФ-1 already booked");

        // acting on a rejected entry → 409 CONFLICT
        for (Response r : List.of(post("/api/quarantine/messages/" + a + "/retry", ""),
                post("/api/quarantine/messages/" + a + "/reject", Map.of("reason", "again")),
                post("/api/quarantine/messages/" + a + "/edit-and-retry", Map.of("text", "FIXED")))) {
            assertThat(r.status()).as(r.raw()).isEqualTo(409);
            assertThat(r.reason()).isEqualTo("CONFLICT");
        }
        assertThat(get("/api/quarantine/messages/" + a).body().get("status").asText()).isEqualTo("REJECTED");

        // bulk reject of a group
        assertThat(post("/api/quarantine/groups/reject", Map.of("reasonCode", unknownRef)).reason()).isEqualTo("MALFORMED");
        Response bulk = post("/api/quarantine/groups/reject", Map.of("reasonCode", unknownRef,
                "reason", "reference data fixed at source; resent"));
        assertThat(bulk.status()).as(bulk.raw()).isEqualTo(200);
        assertThat(bulk.body().get("done").asInt()).isEqualTo(2);
        assertThat(ids(get("/api/quarantine/messages?status=REJECTED&reason=" + unknownRef))).containsExactly(c, d);
        assertThat(count(get("/api/quarantine/groups").body().get("byReason"), unknownRef)).isZero();
        // by ids: the rejected one is skipped and reported
        Response bulkIds = post("/api/quarantine/groups/reject", Map.of("ids", List.of(c), "reason", "again"));
        assertThat(bulkIds.body().get("done").asInt()).isZero();
        assertThat(bulkIds.body().get("items").get(0).get("error").asText()).isEqualTo("CONFLICT");

        // the audit log: each step with actor and time, in order
        assertAudit(a, "system:QUARANTINE", "only-back-office:REJECT");
        assertAudit(b, "system:QUARANTINE", "only-back-office:RETRY", "only-back-office:EDIT_REFUSED",
                "only-back-office:EDIT_AND_RETRY");
        assertAudit(copyId, "only-back-office:QUARANTINE", "only-back-office:RETRY");
        assertAudit(c, "system:QUARANTINE", "only-back-office:REJECT");
        assertAudit(d, "system:QUARANTINE", "only-back-office:RETRY", "only-back-office:REJECT");
        JsonNode group = get("/api/quarantine/audit?target=reason:" + unknownRef).body().get("items");
        assertThat(group).hasSize(1);
        assertThat(group.get(0).get("action").asText()).isEqualTo("BULK_REJECT");
        assertThat(group.get(0).get("detail").asText()).contains("2 done").contains("resent");
        assertThat(get("/api/quarantine/audit?target=" + b).body().get("items").get(1).get("detail").asText())
                .contains("STILL_INVALID");
        assertThat(get("/api/quarantine/audit?actor=only-back-office&from=" + later).body().get("total").asLong()).isZero();
    }

    @Test
    void bulkRetryOfAGroup() {
        String reason = "BUSINESS_RULE_" + run;
        long x = put(source, "m-x", reason, "text/plain", Map.of(), "FIXED upstream".getBytes(StandardCharsets.UTF_8));
        long y = put(source, "m-y", reason, "text/plain", Map.of(), "still broken".getBytes(StandardCharsets.UTF_8));
        Response r = post("/api/quarantine/groups/retry", Map.of("reasonCode", reason));
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        assertThat(r.body().get("selected").asInt()).isEqualTo(2);
        assertThat(get("/api/quarantine/messages/" + x).body().get("status").asText()).isEqualTo("RESOLVED");
        assertThat(get("/api/quarantine/messages/" + x).body().get("producedRef").asText()).isEqualTo("fact:m-x");
        JsonNode yView = get("/api/quarantine/messages/" + y).body();
        assertThat(yView.get("status").asText()).isEqualTo("QUARANTINED");
        assertThat(yView.get("reasonCode").asText()).isEqualTo("STILL_INVALID");
        assertThat(get("/api/quarantine/audit?target=reason:" + reason).body().get("items").get(0).get("action")
                .asText()).isEqualTo("BULK_RETRY");
        assertThat(post("/api/quarantine/groups/retry", Map.of()).reason()).isEqualTo("MALFORMED");
        assertThat(post("/api/quarantine/groups/retry", Map.of("reasonCode", reason, "ids", List.of(x))).reason())
                .isEqualTo("MALFORMED");
    }

    @Test
    void auditLogIsAppendOnlyInTheDatabase() throws Exception {
        put(source, "m-z", "ANY_" + run, null, null, new byte[0]);
        try (Connection conn = dataSource.getConnection(); Statement s = conn.createStatement()) {
            assertThatThrownBy(() -> s.executeUpdate("update audit_log set actor = 'x'")).hasMessageContaining("append-only");
            assertThatThrownBy(() -> s.executeUpdate("delete from audit_log")).hasMessageContaining("append-only");
        }
        try (Connection conn = dataSource.getConnection(); Statement s = conn.createStatement();
             var rs = s.executeQuery("select version, success from hub_schema_history where version = '1'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getBoolean(2)).isTrue();
        }
    }

    @Test
    void openApiListsTheQuarantine() {
        JsonNode paths = get("/v3/api-docs").body().get("paths");
        assertThat(paths.has("/api/quarantine/messages/{id}/edit-and-retry")).isTrue();
        assertThat(paths.has("/api/quarantine/groups/reject")).isTrue();
    }

    private void assertAudit(long target, String... actorActions) {
        Response r = get("/api/quarantine/audit?target=" + target);
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        List<String> seen = new ArrayList<>();
        long lastId = 0;
        Instant lastAt = Instant.EPOCH;
        for (JsonNode e : r.body().get("items")) {
            seen.add(e.get("actor").asText() + ":" + e.get("action").asText());
            assertThat(e.get("targetType").asText()).isEqualTo("quarantine");
            assertThat(e.get("id").asLong()).isGreaterThan(lastId);
            Instant at = Instant.parse(e.get("at").asText());
            assertThat(at).isAfterOrEqualTo(lastAt);
            lastId = e.get("id").asLong();
            lastAt = at;
        }
        assertThat(seen).as("audit of #" + target).containsExactly(actorActions);
    }

    private static List<Long> ids(Response r) {
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        List<Long> ids = new ArrayList<>();
        r.body().get("items").forEach(i -> ids.add(i.get("id").asLong()));
        return ids;
    }

    private static long count(JsonNode groups, String key) {
        for (JsonNode g : groups) {
            if (g.get("key").asText().equals(key)) {
                return g.get("count").asLong();
            }
        }
        return 0;
    }
}
