package kz.digitaltenge.hub;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import kz.digitaltenge.hub.security.HubRole;
import kz.digitaltenge.canonical.ReasonCode;
import org.junit.jupiter.api.Test;

/**
 * The hostile-request suite (docs/security.md): a table of malformed, oversized, mis-typed and poisoned requests, each
 * sent as a role the endpoint admits. For every one: no 5xx; a 4xx carries a reason code from the documented list and a
 * message that names no internals (classes, Java types, database text); what the row expects; and where the hub takes a
 * document, nothing accepted is lost (it is a fact, an order or a quarantine entry).
 */
class HostileRequestsTest extends DigitalVatTestBase {
    /** The one documented list: canonical's ReasonCode, served by GET /api/reasons. */
    static final Set<String> REASONS = Arrays.stream(ReasonCode.values()).map(Enum::name).collect(Collectors.toSet());
    private static final Pattern INTERNALS = Pattern.compile("\\$[A-Z]|Exception|java\\.|javax\\.|jakarta\\.|kz\\.digitaltenge|"
            + "org\\.(springframework|apache|postgresql)|com\\.fasterxml|PSQL|ERROR: |SQL state|\\bat [a-z]+\\.[a-z]+\\.|StreamReadConstraints");
    private static final String ADMIN = userOf(HubRole.ADMIN);

    private record Row(String name, String user, String method, String path, String contentType, byte[] body, Set<Integer> expected) {
    }

    private static Row row(String name, String user, String method, String path, String contentType, String body, Integer... expected) {
        return new Row(name, user, method, path, contentType, body == null ? null : body.getBytes(StandardCharsets.UTF_8), Set.of(expected));
    }

    private static Row row(String name, String user, String method, String path, String contentType, byte[] body, Integer... expected) {
        return new Row(name, user, method, path, contentType, body, Set.of(expected));
    }

    private Response send(Row r) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(r.path()));
        if (r.contentType() != null) {
            b.header("Content-Type", r.contentType());
        }
        b.method(r.method(), r.body() == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(r.body()));
        return sendAs(r.user(), b);
    }

    private static String tx(String amount, String reference, String extra) {
        return "{\"type\":\"ISSUE\",\"reference\":\"" + reference + "\",\"inputs\":[],\"outputs\":[{\"account\":"
                + "\"KZ456010000000000001\",\"amount\":\"" + amount + "\"}]" + extra + ",\"signatures\":[{\"keyId\":\"k\","
                + "\"value\":\"AA==\"}]}";
    }

    private void check(List<Row> rows) {
        List<String> failures = new ArrayList<>();
        for (Row r : rows) {
            Response answer = send(r);
            String what = r.name() + ": " + r.method() + " " + r.path() + " → " + answer.status() + " " + answer.raw();
            if (answer.status() >= 500) {
                failures.add("5xx " + what);
                continue;
            }
            if (!r.expected().isEmpty() && !r.expected().contains(answer.status())) {
                failures.add("expected " + r.expected() + ", " + what);
            }
            if (answer.status() >= 400) {
                JsonNode body = answer.body();
                // the API's error shape says "reason"; a document's outcome (a 1C file) says "reasonCode"
                String reason = body == null ? null : body.path("reason").asText(body.path("reasonCode").asText(null));
                String message = body == null ? "" : body.path("message").asText("");
                if (reason == null || !REASONS.contains(reason)) {
                    failures.add("undocumented reason, " + what);
                }
                if (message.isBlank() || INTERNALS.matcher(message).find()) {
                    failures.add("message names internals or is empty, " + what);
                }
            }
        }
        assertThat(failures).isEmpty();
    }

    @Test
    void moneyIsPlainAsciiDecimalsAndBodiesAreReadStrictly() {
        List<Row> rows = new ArrayList<>();
        for (String amount : List.of("1E10000000", "1E6", "١٠٠", "１００", "+100", "1e2", "1E-2", " 100", "100.001", "0x10", "NaN")) {
            rows.add(row("amount " + amount, BANK, "POST", "/api/ledger/transactions", "application/json", tx(amount, "r", ""), 400, 422));
        }
        rows.add(row("duplicate key", BANK, "POST", "/api/ledger/transactions", "application/json",
                tx("1.00", "r", ",\"outputs\":[]"), 400));
        rows.add(row("fraction for an index", BANK, "POST", "/api/ledger/transactions", "application/json",
                "{\"type\":\"TRANSFER\",\"reference\":\"r\",\"inputs\":[{\"txId\":\"" + "ab".repeat(32) + "\",\"index\":0.5}],"
                        + "\"outputs\":[{\"account\":\"KZ456010000000000001\",\"amount\":\"1.00\"}],\"signatures\":[]}", 400));
        rows.add(row("unknown field", BANK, "POST", "/api/ledger/transactions", "application/json", tx("1.00", "r", ",\"extra\":1"), 400));
        rows.add(row("trailing tokens", BANK, "POST", "/api/ledger/transactions", "application/json", tx("1.00", "r", "") + "{}", 400));
        rows.add(row("deep nesting", BANK, "POST", "/api/ledger/transactions", "application/json", "[".repeat(5000), 400));
        rows.add(row("not JSON", BANK, "POST", "/api/ledger/transactions", "application/json", "hello", 400));
        check(rows);
    }

    @Test
    void controlAndBidiCharactersAreRefusedAtTheEdge() {
        List<Row> rows = new ArrayList<>();
        for (String bad : List.of("\\u0000", "\\u202e", "\\u0007", "\\u001b")) {
            rows.add(row("reference " + bad, BANK, "POST", "/api/ledger/transactions", "application/json", tx("1.00", "x" + bad, ""), 400));
            rows.add(row("name " + bad, ADMIN, "POST", "/api/ledger/participants", "application/json",
                    "{\"partyId\":\"" + kz.digitaltenge.ledger.testing.TestParties.newPartyId().value() + "\",\"name\":\"A" + bad
                            + "\",\"roles\":[]}", 400));
            rows.add(row("sign " + bad, ADMIN, "POST", "/api/oracle/facts/sign", "application/json",
                    "{\"type\":\"EVENT_OCCURRED\",\"subject\":\"E" + bad + "\",\"terms\":{\"occurrence\":\"x\",\"amount\":\"1\"}}", 400, 422));
        }
        rows.add(row("long name", ADMIN, "POST", "/api/ledger/participants", "application/json", "{\"partyId\":\""
                + kz.digitaltenge.ledger.testing.TestParties.newPartyId().value() + "\",\"name\":\"" + "A".repeat(200_000) + "\",\"roles\":[]}",
                400, 413));
        rows.add(row("NUL in a fact query", BANK, "GET", "/api/oracle/facts?type=INVOICE_REGISTERED&subject=a%00b", null, (String) null, 400));
        rows.add(row("NUL in a quarantine query", BACK_OFFICE, "GET", "/api/quarantine/messages?source=a%00b", null, (String) null, 400));
        rows.add(row("bidi in a quarantine query", BACK_OFFICE, "GET", "/api/quarantine/messages?q=%E2%80%AEx", null, (String) null, 400));
        check(rows);
    }

    @Test
    void everyPostAnswersAReasonForAMultipartBodyAndJsonEndpointsRefuseForms() {
        List<Row> rows = new ArrayList<>();
        String multipart = "--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.txt\"\r\n\r\nhello\r\n--XyZ--\r\n";
        for (String path : List.of("/api/ledger/transactions", "/api/ledger/participants", "/api/ledger/accounts",
                "/api/oracle/facts", "/api/oracle/facts/sign", "/api/programmable/address-lists", "/api/intake/einvoice",
                "/api/einvoice/invoices?registrationNumber=ESF-1", "/api/erp-1c/payment-orders", "/api/quarantine/groups/retry",
                "/api/quarantine/groups/reject", "/api/quarantine/messages/1/retry", "/api/quarantine/messages/1/reject",
                "/api/quarantine/messages/1/edit-and-retry", "/api/payments/1/confirm", "/api/payments/1/decline",
                "/api/programmable/events/e/release", "/api/programmable/events/e/hold-approvals",
                "/api/programmable/holds/expiry/run", "/api/ledger/accounts/KZ456010000000000001/delegations")) {
            String user = path.startsWith("/api/quarantine") ? BACK_OFFICE : path.contains("einvoice") ? TAX
                    : path.startsWith("/api/payments") || path.startsWith("/api/erp-1c") || path.startsWith("/api/ledger/transactions") ? BANK
                    : ADMIN;
            rows.add(row("multipart " + path, user, "POST", path, "multipart/form-data; boundary=XyZ", multipart, 415));
        }
        rows.add(row("form to a JSON endpoint", BANK, "POST", "/api/ledger/transactions", "application/x-www-form-urlencoded",
                tx("1.00", "r", ""), 415));
        check(rows);
    }

    @Test
    void aOneCFileIsTheBytesSentWhateverTheContentTypeAndShortBodiesAreMalformed() {
        Taxpayer buyer = taxpayer("Curl Buyer");
        Taxpayer seller = taxpayer("Curl Seller");
        List<Row> rows = new ArrayList<>();
        for (String body : List.of("hello", "", "1CClientBankExchange", "1C", "x")) {
            rows.add(row("short body '" + body + "'", BANK, "POST", "/api/erp-1c/payment-orders", "text/plain", body, 422));
        }
        check(rows);
        // curl's default content type with a real file (cp1251, '%' and '&' and '+' in its purpose): read as the file
        for (String type : List.of("application/x-www-form-urlencoded", "application/octet-stream", "text/plain; charset=windows-1251")) {
            byte[] file = file(buyer, order("9" + Math.abs(type.hashCode() % 1000), 10_00, buyer, seller,
                    "оплата 100% & прочее + ещё по ЭСФ ESF-NONE-" + type.length()));
            Response r = sendAs(BANK, HttpRequest.newBuilder(uri("/api/erp-1c/payment-orders")).header("Content-Type", type)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(file)));
            assertThat(r.status()).as(type + " " + r.raw()).isEqualTo(200);
            JsonNode doc = r.body().get("documents").get(0);
            // refused (no such invoice) and kept: the quarantined text is the document as 1C wrote it
            assertThat(doc.get("reasonCode").asText()).as(r.raw()).isEqualTo("UNKNOWN_REFERENCE");
            JsonNode kept = quarantined(doc.get("quarantineId").asLong());
            assertThat(kept.get("bodyText").asText()).contains("оплата 100% & прочее + ещё");
        }
        // NUL and a right-to-left override in an order's fields: refused with a reason and kept, never a 5xx
        Response nulJson = postJson(jsonOrder("N-1", "10.00", buyer, seller, "ESF-NUL", null, "оплата\u0000"));
        assertThat(nulJson.status()).as(nulJson.raw()).isEqualTo(422);
        assertThat(nulJson.body().get("reasonCode").asText()).isEqualTo("MALFORMED");
        assertThat(nulJson.body().get("message").asText()).contains("U+0000");
        String utf8 = new String(file(buyer, order("N-2", 10_00, buyer, seller, "оплата по ЭСФ ESF-BIDI")),
                java.nio.charset.Charset.forName("windows-1251")).replace("Кодировка=Windows", "Кодировка=UTF-8");
        byte[] bidi = utf8.replace("оплата по", "оплата \u202Eпо").getBytes(StandardCharsets.UTF_8); // cp1251 has no U+202E
        Response bidiFile = postFile(bidi);
        assertThat(bidiFile.status()).as(bidiFile.raw()).isIn(200, 422);
        assertThat(bidiFile.raw()).contains("U+202E").contains("quarantineId");
        // a JSON order of curl's default type is a file that is not a 1C file: refused with a reason and kept
        Response json = sendAs(BANK, HttpRequest.newBuilder(uri("/api/erp-1c/payment-orders"))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString("{\"number\":\"1\"}")));
        assertThat(json.status()).as(json.raw()).isEqualTo(422);
        assertThat(quarantined(json.body().get("quarantineId").asLong()).get("bodyText").asText()).isEqualTo("{\"number\":\"1\"}");
    }

    @Test
    void sizeLimitsApplyByWhatTheBodyIsBeforeAnythingIsStored() {
        long before = quarantineTotal();
        byte[] bigJson = ("{\"number\":\"" + "9".repeat(2 * 1024 * 1024) + "\"}").getBytes(StandardCharsets.UTF_8);
        byte[] bigXml = ("<?xml version=\"1.0\"?><a>" + "x".repeat(2 * 1024 * 1024) + "</a>").getBytes(StandardCharsets.UTF_8);
        check(List.of(
                row("2 MiB JSON order", BANK, "POST", "/api/erp-1c/payment-orders", "application/json", bigJson, 413),
                row("2 MiB invoice", TAX, "POST", "/api/einvoice/invoices?registrationNumber=ESF-BIG", "application/xml", bigXml, 413),
                row("2 MiB canonical message", TAX, "POST", "/api/intake/einvoice", "application/json", bigJson, 413)));
        assertThat(quarantineTotal()).as("nothing oversized is stored").isEqualTo(before);
    }

    private long quarantineTotal() {
        Response r = sendAs(BACK_OFFICE, HttpRequest.newBuilder(uri("/api/quarantine/messages?size=1")).GET());
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        return r.body().get("total").asLong();
    }

    @Test
    void listFiltersAndRegistrationsAreStrict() {
        check(List.of(
                row("unknown payment status", BANK, "GET", "/api/payments?status=FOO", null, (String) null, 400),
                row("unknown quarantine status", BACK_OFFICE, "GET", "/api/quarantine/messages?status=FOO", null, (String) null, 400),
                row("bad limit", BANK, "GET", "/api/payments?limit=abc", null, (String) null, 400),
                row("bad path id", BANK, "GET", "/api/payments/abc", null, (String) null, 400),
                row("edit without a body", BACK_OFFICE, "POST", "/api/quarantine/messages/1/edit-and-retry", "application/json",
                        Map.of().toString(), 400, 404)));
    }
}
