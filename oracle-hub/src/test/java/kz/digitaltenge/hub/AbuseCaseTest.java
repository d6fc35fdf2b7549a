package kz.digitaltenge.hub;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import kz.digitaltenge.hub.security.HubRole;
import org.junit.jupiter.api.Test;

/**
 * What each role must not be able to do, tried through every path that could do it: the direct API, a retry, an
 * edit-and-retry and a bulk retry by the back office (docs/security.md, findings 1–5 of the probe). Each case checks
 * that no money moved and no fact was made, not only the status code.
 */
class AbuseCaseTest extends DigitalVatTestBase {
    private static final String EVENTS = userOf(HubRole.EVENT_PROVIDER);
    private static final Charset CP1251 = Charset.forName("windows-1251");

    private Response as(String user, String path, String contentType, String body) {
        return sendAs(user, HttpRequest.newBuilder(uri(path)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)));
    }

    private static String canonical(String id, String type, String subject, Map<String, String> terms, String occurredAt)
            throws Exception {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("sourceMessageId", id);
        m.put("type", type);
        m.put("subject", subject);
        m.put("terms", terms);
        m.put("occurredAt", occurredAt);
        return JSON.writeValueAsString(m);
    }

    /** An invoice of {@code seller} to {@code buyer} of one line, paid to the seller's account. */
    private static Invoice someInvoice(Taxpayer seller, Taxpayer buyer, long net, long vat) {
        return new Invoice(seller.tin(), seller.account(), buyer.tin()).line(net, vat);
    }

    // ------------------------------------------------------------------ 1. the back office moves nobody's money

    @Test
    void theBackOfficeCannotRedirectARefusedOrderToAnotherPayerPayeeOrAmount() {
        Taxpayer payer = taxpayer("Poor Payer");
        Taxpayer victim = taxpayer("Victim LLP");
        Taxpayer seller = taxpayer("Seller LLP");
        fund(victim.account(), "5000.00");
        String reg = registrationNumber();
        registerInvoice(reg, "CREATED", someInvoice(seller, payer, 1_000_00, 120_00));
        // the payer has nothing: its bank's JSON order is refused and quarantined
        Response refused = postJson(jsonOrder("A-" + UUID.randomUUID().toString().substring(0, 6), "1120.00", payer, seller, reg,
                null, "оплата по ЭСФ " + reg));
        assertThat(refused.body().get("reasonCode").asText()).as(refused.raw()).isEqualTo("INSUFFICIENT_FUNDS");
        long q = refused.body().get("quarantineId").asLong();
        String original = new String(java.util.Base64.getDecoder().decode(quarantined(q).get("bodyBase64").asText()),
                StandardCharsets.UTF_8);

        // the probe's edit: another payer (a delegated victim), another amount; and each change on its own
        for (String edited : List.of(
                original.replace(payer.account(), victim.account()).replace(payer.tin(), victim.tin()),
                original.replace(seller.account(), victim.account()),
                original.replace("1120.00", "3880.00"))) {
            Response r = backOffice("/api/quarantine/messages/" + q + "/edit-and-retry", Map.of("text", edited));
            assertThat(r.status()).as(r.raw()).isEqualTo(403);
            assertThat(r.body().get("reason").asText()).isEqualTo("NOT_AUTHORIZED");
        }
        assertThat(balance(victim.account())).isEqualTo("5000.00");
        assertThat(balance(seller.account())).isEqualTo("0.00");
        assertThat(quarantined(q).get("status").asText()).isEqualTo("QUARANTINED");
        // a correction of the format is the back office's: the number of the order (not money) may be fixed
        Response fixedFormat = backOffice("/api/quarantine/messages/" + q + "/edit-and-retry",
                Map.of("text", original.replace("\"number\":\"A-", "\"number\":\"B-")));
        assertThat(fixedFormat.status()).as(fixedFormat.raw()).isEqualTo(200);
        assertThat(fixedFormat.body().get("outcome").get("reasonCode").asText()).isEqualTo("INSUFFICIENT_FUNDS");
        assertThat(balance(victim.account())).isEqualTo("5000.00");
    }

    @Test
    void aRetryRunsAsTheUserWhoSentTheFileNotAsTheBackOffice() {
        // a taxpayer bound to its own party sends a file (unreadable as declared) holding an order from a victim's account
        Taxpayer victim = taxpayer("Victim Two LLP");
        Taxpayer seller = taxpayer("Seller Two LLP");
        fund(victim.account(), "5000.00");
        String reg = registrationNumber();
        registerInvoice(reg, "CREATED", someInvoice(seller, victim, 1_000_00, 120_00));
        byte[] cp1251 = file(victim, order("77", 1_120_00, victim, seller, "оплата по ЭСФ " + reg));
        String text = new String(cp1251, CP1251);
        byte[] mislabelled = text.getBytes(StandardCharsets.UTF_8); // declares Windows, is UTF-8
        Response sent = sendAs(BOUND_TAXPAYER, HttpRequest.newBuilder(uri("/api/erp-1c/payment-orders"))
                .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofByteArray(mislabelled)));
        assertThat(sent.status()).as(sent.raw()).isEqualTo(422);
        long q = sent.body().get("quarantineId").asLong();

        // the back office fixes the declared encoding (format, not money): the retry runs as the taxpayer, whose scope
        // refuses an order from another party's account
        Response edited = backOffice("/api/quarantine/messages/" + q + "/edit-and-retry",
                Map.of("text", text.replace("Кодировка=Windows", "Кодировка=UTF-8")));
        assertThat(edited.status()).as(edited.raw()).isEqualTo(200);
        JsonNode outcome = edited.body().get("outcome");
        assertThat(outcome.get("result").asText()).as(edited.raw()).isEqualTo("FAILED");
        assertThat(outcome.get("message").asText()).contains("NOT_AUTHORIZED");
        long copy = edited.body().get("copy").get("id").asLong();
        // a bulk retry of the copy is the same path: still refused
        Response bulk = backOffice("/api/quarantine/groups/retry", Map.of("ids", List.of(copy)));
        assertThat(bulk.status()).as(bulk.raw()).isEqualTo(200);
        assertThat(quarantined(copy).get("status").asText()).isEqualTo("QUARANTINED");
        assertThat(balance(victim.account())).isEqualTo("5000.00");
        assertThat(balance(seller.account())).isEqualTo("0.00");
    }

    // ------------------------------------------------------------------ 2 and 3. facts only of a source's declared types

    @Test
    void aSourceMakesOnlyItsDeclaredFactTypesOnEveryPath() throws Exception {
        String victimTin = taxpayer("Invoiced Victim").tin();
        Map<String, String> invoiceTerms = Map.of("sellerTin", "123456789013", "buyerTin", victimTin, "net", "100000",
                "vat", "12000", "gross", "112000", "currency", "KZT", "status", "CREATED");
        String reg = registrationNumber();
        // direct: an event provider posts an invoice to the subsidy source
        Response direct = as(EVENTS, "/api/intake/subsidy", "application/json",
                canonical("inv-" + reg, "INVOICE_REGISTERED", reg, invoiceTerms, "2026-11-25T10:00:00Z"));
        assertThat(direct.status()).as(direct.raw()).isEqualTo(422);
        assertThat(direct.body().get("reason").asText()).isEqualTo("NOT_AUTHORIZED");
        assertThat(quarantined(direct.body().get("quarantineId").asLong()).get("reasonCode").asText()).isEqualTo("NOT_AUTHORIZED");
        // a plain retry of it runs every check again
        Response retried = backOffice("/api/quarantine/messages/" + direct.body().get("quarantineId").asLong() + "/retry", "{}");
        assertThat(retried.body().get("outcome").get("reasonCode").asText()).as(retried.raw()).isEqualTo("NOT_AUTHORIZED");

        // edit-and-retry: a subsidy message quarantined for its format, edited into an invoice of the victim
        String event = "SUB-" + UUID.randomUUID();
        Response misformatted = as(EVENTS, "/api/intake/subsidy", "application/json", canonical("ev-" + event, "EVENT_OCCURRED",
                event, Map.of("occurrence", "approved", "amount", "100"), "yesterday"));
        long q = misformatted.body().get("quarantineId").asLong();
        Response edited = backOffice("/api/quarantine/messages/" + q + "/edit-and-retry", Map.of("text",
                canonical("ev-" + event, "INVOICE_REGISTERED", reg, invoiceTerms, "2026-11-25T10:00:00Z")));
        assertThat(edited.status()).as(edited.raw()).isEqualTo(403);
        assertThat(edited.body().get("message").asText()).contains("type").contains("subject");

        // approvals from a source, complete with every term; an event through the bank's 1C source
        Response approval = as(EVENTS, "/api/intake/livestock", "application/json", canonical("rel-" + event, "RELEASE_APPROVED",
                event, Map.of("occurrence", "ab".repeat(32), "amount", "100"), "2026-11-25T10:00:00Z"));
        assertThat(approval.body().get("reason").asText()).as(approval.raw()).isEqualTo("NOT_AUTHORIZED");
        Response bankEvent = as(BANK, "/api/intake/erp-1c", "application/json", canonical("e1c-" + event, "EVENT_REGISTERED",
                event, Map.of("sender", "KZ456010000000000001", "recipient", "KZ186010000000000002", "amount", "5000",
                        "validUntil", "2027-01-01T00:00:00Z", "holdType", "SINGLE"), "2026-11-25T10:00:00Z"));
        assertThat(bankEvent.body().get("reason").asText()).as(bankEvent.raw()).isEqualTo("NOT_AUTHORIZED");

        // none of it became a fact
        assertThat(get("/api/invoices/" + reg).status()).isEqualTo(404);
        assertThat(get("/api/oracle/facts?type=EVENT_REGISTERED&subject=" + event).status()).isEqualTo(404);
        assertThat(get("/api/oracle/facts?type=RELEASE_APPROVED&subject=" + event).status()).isEqualTo(404);
    }

    @Test
    void noCallerBringsAnApprovalFromOutsideNorHasTheHubSignOne() throws Exception {
        // a registered oracle key's holder (the tax authority, an event provider, the operator) posts a signed approval
        String event = "APR-" + UUID.randomUUID();
        java.security.KeyPair kp = kz.digitaltenge.ledger.crypto.Keys.generate(kz.digitaltenge.ledger.crypto.SignatureAlgorithm.ED25519);
        kz.digitaltenge.ledger.fact.Fact approval = kz.digitaltenge.ledger.fact.Fact.of(kz.digitaltenge.ledger.fact.FactType.HOLD_APPROVED,
                event, Map.of("amount", "100"), java.time.Instant.parse("2026-11-25T10:00:00Z"));
        String signature = kz.digitaltenge.ledger.crypto.Keys.base64(kz.digitaltenge.ledger.crypto.Keys.sign(
                kz.digitaltenge.ledger.crypto.SignatureAlgorithm.ED25519, kp.getPrivate(), kz.digitaltenge.ledger.crypto.Keys.FACT_DOMAIN,
                approval.id().bytes()));
        String body = JSON.writeValueAsString(Map.of("type", "HOLD_APPROVED", "subject", event, "terms", Map.of("amount", "100"),
                "issuedAt", "2026-11-25T10:00:00Z", "keyId", "some-oracle", "signature", signature));
        for (HubRole role : List.of(HubRole.TAX_AUTHORITY, HubRole.EVENT_PROVIDER, HubRole.ADMIN)) {
            Response r = as(userOf(role), "/api/oracle/facts", "application/json", body);
            assertThat(r.status()).as(role + " " + r.raw()).isEqualTo(403);
            assertThat(r.reason()).isEqualTo("NOT_AUTHORIZED");
        }
        Response sign = as(userOf(HubRole.ADMIN), "/api/oracle/facts/sign", "application/json",
                JSON.writeValueAsString(Map.of("type", "RELEASE_APPROVED", "subject", event, "terms",
                        Map.of("occurrence", "ab".repeat(32), "amount", "100"))));
        assertThat(sign.status()).as(sign.raw()).isEqualTo(403);
        assertThat(get("/api/oracle/facts?type=HOLD_APPROVED&subject=" + event).status()).isEqualTo(404);
        assertThat(get("/api/oracle/facts?type=RELEASE_APPROVED&subject=" + event).status()).isEqualTo(404);
    }

    // ------------------------------------------------------------------ 4. the payment channel's references

    @Test
    void nobodyButThePaymentAgentSignsAPaymentOrderReference() {
        Taxpayer buyer = taxpayer("Self Payer");
        String coin = fund(buyer.account(), "10.00");
        Response r = post("/api/ledger/transactions", signed(request("TRANSFER", "payment-order:" + 1_000_000,
                List.of(input(coin, 0)), outputs(buyer.account(), "10.00")), buyer.party()));
        assertThat(r.status()).as(r.raw()).isEqualTo(403);
        assertThat(r.reason()).isEqualTo("NOT_AUTHORIZED");
        assertThat(r.body().get("message").asText()).contains("payment agent");
        assertThat(balance(buyer.account())).isEqualTo("10.00");
    }

    // ------------------------------------------------------------------ 5. one scope rule for every read

    @Test
    void aTaxpayerReadsOnlyItsOwnPartysAccountsAndInvoicesOnEveryEndpoint() {
        Taxpayer other = taxpayer("Someone Else");
        Taxpayer seller = taxpayer("Their Seller");
        fund(other.account(), "100.00");
        String reg = registrationNumber();
        registerInvoice(reg, "CREATED", someInvoice(seller, other, 1_000_00, 120_00));
        for (String path : List.of("/api/programmable/invoices/" + reg + "/payments", "/api/programmable/invoices/" + reg,
                "/api/invoices/" + reg, "/api/ledger/accounts/" + other.account() + "/balance",
                "/api/ledger/accounts/" + other.account() + "/outputs",
                "/api/erp-1c/statements?account=" + other.account() + "&from=2026-01-01&to=2026-12-31")) {
            Response r = sendAs(BOUND_TAXPAYER, HttpRequest.newBuilder(uri(path)).GET());
            assertThat(r.status()).as(path + " " + r.raw()).isEqualTo(404);
            assertThat(r.raw()).as(path).doesNotContain(other.tin()).doesNotContain("100.00");
        }
        for (String path : List.of("/api/oracle/facts?type=INVOICE_REGISTERED&subject=" + reg, "/api/programmable/trace?contract=x",
                "/api/ledger/supply/audit")) {
            Response r = sendAs(BOUND_TAXPAYER, HttpRequest.newBuilder(uri(path)).GET());
            assertThat(r.status()).as(path + " " + r.raw()).isEqualTo(403);
        }
        // a bank bound to its participant reads its clients' accounts only
        Response bound = sendAs(BOUND_BANK, HttpRequest.newBuilder(uri("/api/erp-1c/statements?account=" + other.account()
                + "&from=2026-01-01&to=2026-12-31")).GET());
        assertThat(bound.status()).as(bound.raw()).isIn(403, 404);
        assertThat(bound.raw()).doesNotContain(other.tin());
    }

    @Test
    void aBoundBankAsksForHoldApprovalsOnlyForItsClientsEvents() throws Exception {
        Taxpayer client = taxpayer("Bound Bank Client", confirmingBank(), false); // serviced by the bank bound-bank acts for
        Taxpayer stranger = taxpayer("Another Bank Client"); // serviced by another bank
        String mine = "HA-" + UUID.randomUUID();
        String theirs = "HA-" + UUID.randomUUID();
        for (String[] e : List.of(new String[] {mine, client.account()}, new String[] {theirs, stranger.account()})) {
            Response registered = as(EVENTS, "/api/intake/livestock", "application/json", canonical("reg-" + e[0], "EVENT_REGISTERED",
                    e[0], Map.of("sender", e[1], "recipient", client.account(), "amount", "5000", "validUntil", "2030-01-01T00:00:00Z",
                            "holdType", "SINGLE"), "2026-11-25T10:00:00Z"));
            assertThat(registered.status()).as(registered.raw()).isEqualTo(202);
        }
        Response own = as(BOUND_BANK, "/api/programmable/events/" + mine + "/hold-approvals", "application/json", "{\"amount\":\"10.00\"}");
        assertThat(own.status()).as(own.raw()).isEqualTo(201);
        Response other = as(BOUND_BANK, "/api/programmable/events/" + theirs + "/hold-approvals", "application/json", "{\"amount\":\"10.00\"}");
        assertThat(other.status()).as(other.raw()).isEqualTo(404);
        assertThat(get("/api/oracle/facts?type=HOLD_APPROVED&subject=" + theirs).status()).isEqualTo(404);
    }
}
