package kz.digitaltenge.hub;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import kz.digitaltenge.ledger.testing.TestParties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Invoice events of the e-invoice IS over HTTP ({@code POST /api/einvoice/invoices}): an InvoiceV2 XML becomes a
 * signed INVOICE_REGISTERED fact and the invoice registry's state; hostile or wrong XML lands in quarantine with the
 * original bytes and its reason, and comes out again by edit-and-retry or retry; later states, changed amounts,
 * revocation and corrections follow the registry's rules.
 */
class EinvoiceApiTest extends DigitalVatTestBase {

    private static String tin() {
        return TestParties.newPartyId().value();
    }

    private static Invoice someInvoice() {
        return new Invoice(tin(), TestParties.newAccountNumber().value(), tin()).line(1_000_00, 120_00);
    }

    @Test
    void anInvoiceBecomesAFactOnceWithThePartiesAndAmountsOfItsTotals() {
        String seller = tin();
        String buyer = tin();
        String sellerIik = TestParties.newAccountNumber().value();
        // two lines: 1000.00 + 120.00 and 116.52 + 13.98 → 1116.52 + 133.98 = 1250.50
        Invoice inv = new Invoice(seller, sellerIik, buyer).num("4711").line(1_000_00, 120_00).line(116_52, 13_98);
        String reg = registrationNumber();

        Response r = postInvoice(reg, "CREATED", inv.bytes());
        assertThat(r.status()).as(r.raw()).isEqualTo(202);
        assertThat(r.body().get("status").asText()).isEqualTo("ACCEPTED");
        String factId = r.body().get("factId").asText();
        assertThat(factId).matches("[0-9a-f]{64}");

        JsonNode v = invoice(reg);
        assertThat(v.get("registrationNumber").asText()).isEqualTo(reg);
        assertThat(v.get("sellerTin").asText()).isEqualTo(seller);
        assertThat(v.get("buyerTin").asText()).isEqualTo(buyer);
        assertThat(v.get("net").asText()).isEqualTo("1116.52");
        assertThat(v.get("vat").asText()).isEqualTo("133.98");
        assertThat(v.get("gross").asText()).isEqualTo("1250.50");
        assertThat(v.get("currency").asText()).isEqualTo("KZT");
        assertThat(v.get("status").asText()).isEqualTo("CREATED");
        assertThat(v.get("paymentStatus").asText()).isEqualTo("UNPAID");
        assertThat(v.get("paid").asText()).isEqualTo("0.00");
        assertThat(v.get("prepaid").asText()).isEqualTo("0.00");
        assertThat(v.get("outstanding").asText()).isEqualTo("1250.50");
        assertThat(v.get("invoiceType").asText()).isEqualTo("ORDINARY_INVOICE");
        assertThat(v.get("num").asText()).isEqualTo("4711");
        assertThat(v.get("date").asText()).isEqualTo(today().toString());
        assertThat(v.get("corrections")).isEmpty();
        assertThat(v.get("payments")).isEmpty();
        assertThat(v.get("factId").asText()).isEqualTo(factId);

        // the fact is the oracle's, about this invoice, with the amounts in tiyn
        JsonNode fact = get("/api/oracle/facts/" + factId).body();
        assertThat(fact.get("type").asText()).isEqualTo("INVOICE_REGISTERED");
        assertThat(fact.get("subject").asText()).isEqualTo(reg);
        assertThat(fact.get("terms").get("gross").asText()).isEqualTo("125050");
        assertThat(fact.get("terms").get("sellerIik").asText()).isEqualTo(sellerIik);

        // the same event again (a redelivery): the same fact, nothing new
        Response again = postInvoice(reg, "CREATED", inv.bytes());
        assertThat(again.status()).as(again.raw()).isEqualTo(202);
        assertThat(again.body().get("status").asText()).isEqualTo("DUPLICATE");
        assertThat(again.body().get("factId").asText()).isEqualTo(factId);
        assertThat(invoice(reg).get("factId").asText()).isEqualTo(factId);

        // an unknown invoice is a 404, and only the IS's role may send invoice events
        assertThat(get("/api/invoices/" + registrationNumber()).status()).isEqualTo(404);
        Response asTaxpayer = sendAs(TAXPAYER, java.net.http.HttpRequest.newBuilder(uri("/api/einvoice/invoices?registrationNumber="
                + registrationNumber())).header("Content-Type", "application/xml").POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(inv.bytes())));
        assertThat(asTaxpayer.status()).isEqualTo(403);
    }

    @Test
    void hostileAndBadXmlIsQuarantinedWithItsOriginalBytesAndReason(@TempDir Path dir) throws Exception {
        // XXE: an external entity naming a local file whose content must never come back
        String secret = "SECRET-" + UUID.randomUUID();
        Path file = dir.resolve("secret.txt");
        Files.writeString(file, secret);
        String good = someInvoice().xml();
        String xxe = good.replace("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<!DOCTYPE esf:invoiceContainer [<!ENTITY xxe SYSTEM \"" + file.toUri() + "\">]>\n")
                .replace("<operatorFullname>Демо Оператор</operatorFullname>", "<operatorFullname>&xxe;</operatorFullname>");
        assertThat(xxe).contains("<!DOCTYPE").contains("&xxe;");
        String xxeReg = registrationNumber();
        List<String> answers = new ArrayList<>();
        JsonNode xxeItem = assertQuarantined(xxeReg, xxe.getBytes(StandardCharsets.UTF_8), "UNSAFE_XML", answers);
        assertThat(xxeItem.get("reasonMessage").asText()).containsIgnoringCase("DOCTYPE");
        answers.add(sendAs(BACK_OFFICE, java.net.http.HttpRequest.newBuilder(uri("/api/quarantine/messages?source=einvoice&reason=UNSAFE_XML"
                + "&size=500")).GET()).raw());
        assertThat(String.join("\n", answers)).doesNotContain(secret);
        assertThat(get("/api/invoices/" + xxeReg).status()).isEqualTo(404);

        // totals that do not add up to the product lines: line 2's VAT is off by 0.01
        Invoice wrong = someInvoice().line(500_00, 60_00);
        String wrongXml = wrong.xml().replace("<ndsAmount>60.00</ndsAmount>", "<ndsAmount>60.01</ndsAmount>");
        assertThat(wrongXml).isNotEqualTo(wrong.xml());
        JsonNode wrongItem = assertQuarantined(registrationNumber(), wrongXml.getBytes(StandardCharsets.UTF_8), "BUSINESS_RULE",
                new ArrayList<>());
        assertThat(wrongItem.get("reasonMessage").asText()).contains("product line 2").contains("totalNdsAmount");

        // not XML at all
        byte[] pdf = "%PDF-1.4\n%âãÏÓ\n1 0 obj <<>> endobj\n".getBytes(StandardCharsets.ISO_8859_1);
        JsonNode pdfItem = assertQuarantined(registrationNumber(), pdf, "MALFORMED", new ArrayList<>());
        assertThat(pdfItem.get("reasonMessage").asText()).contains("not XML");
    }

    /** Posts the body, which must be refused with the reason; checks the quarantine holds it as sent. */
    private JsonNode assertQuarantined(String reg, byte[] body, String reason, List<String> answers) {
        Response r = postInvoice(reg, "CREATED", body);
        answers.add(r.raw());
        assertThat(r.status()).as(r.raw()).isEqualTo(422);
        assertThat(r.body().get("status").asText()).isEqualTo("QUARANTINED");
        assertThat(r.body().get("reason").asText()).as(r.raw()).isEqualTo(reason);
        assertThat(r.body().get("factId").isNull()).isTrue();
        long id = r.body().get("quarantineId").asLong();
        JsonNode item = quarantined(id);
        answers.add(item.toString());
        assertThat(item.get("status").asText()).isEqualTo("QUARANTINED");
        assertThat(item.get("sourceSystem").asText()).isEqualTo("einvoice");
        assertThat(item.get("reasonCode").asText()).isEqualTo(reason);
        assertThat(item.get("routeId").asText()).isEqualTo("translate-einvoice");
        assertThat(item.get("reasonMessage").asText()).isEqualTo(r.body().get("message").asText());
        assertThat(Base64.getDecoder().decode(item.get("bodyBase64").asText())).isEqualTo(body);
        assertThat(item.get("headers").get("registrationNumber").asText()).isEqualTo(reg);
        assertThat(item.get("headers").get("status").asText()).isEqualTo("CREATED");
        assertThat(item.get("headers").get("caller").asText()).isEqualTo(TAX);
        return item;
    }

    @Test
    void aQuarantinedInvoiceIsCorrectedByTheIsNotByTheBackOfficeAndTheAuditLogHasEveryStep() {
        Invoice inv = someInvoice().line(250_00, 30_00);
        inv.totals(null, 150_01L, 1_400_01L); // the lines say 150.00
        String reg = registrationNumber();
        byte[] bad = inv.bytes();
        Response r = postInvoice(reg, "CREATED", bad);
        assertThat(r.status()).as(r.raw()).isEqualTo(422);
        assertThat(r.body().get("reason").asText()).isEqualTo("BUSINESS_RULE");
        long id = r.body().get("quarantineId").asLong();
        assertThat(get("/api/invoices/" + reg).status()).isEqualTo(404);

        // a plain retry replays the same bytes: still wrong, still quarantined
        Response retried = backOffice("/api/quarantine/messages/" + id + "/retry", "{}");
        assertThat(retried.status()).as(retried.raw()).isEqualTo(200);
        assertThat(retried.body().get("outcome").get("result").asText()).isEqualTo("FAILED");
        assertThat(retried.body().get("entry").get("status").asText()).isEqualTo("QUARANTINED");

        // the back office may not correct the totals: amounts are the IS's to state; the entry stays as it was
        inv.totals(null, null, null);
        String fixed = inv.xml();
        Response edited = backOffice("/api/quarantine/messages/" + id + "/edit-and-retry", Map.of("text", fixed));
        assertThat(edited.status()).as(edited.raw()).isEqualTo(403);
        assertThat(edited.body().get("reason").asText()).isEqualTo("NOT_AUTHORIZED");
        assertThat(edited.body().get("message").asText()).contains("must come from source system einvoice");
        JsonNode original = quarantined(id);
        assertThat(original.get("status").asText()).isEqualTo("QUARANTINED");
        assertThat(Base64.getDecoder().decode(original.get("bodyBase64").asText())).isEqualTo(bad);
        assertThat(get("/api/invoices/" + reg).status()).isEqualTo(404);

        // the IS sends the corrected event itself: registered; the back office rejects the superseded entry
        Response resent = postInvoice(reg, "CREATED", fixed.getBytes(StandardCharsets.UTF_8));
        assertThat(resent.status()).as(resent.raw()).isEqualTo(202);
        JsonNode v = invoice(reg);
        assertThat(v.get("factId").asText()).isEqualTo(resent.body().get("factId").asText());
        assertThat(v.get("vat").asText()).isEqualTo("150.00");
        assertThat(v.get("gross").asText()).isEqualTo("1400.00");
        assertThat(v.get("status").asText()).isEqualTo("CREATED");
        Response rejected = backOffice("/api/quarantine/messages/" + id + "/reject", Map.of("reason", "superseded by the IS's corrected event"));
        assertThat(rejected.status()).as(rejected.raw()).isEqualTo(200);

        assertThat(audit(id)).containsExactly("system:QUARANTINE", BACK_OFFICE + ":RETRY", BACK_OFFICE + ":EDIT_REFUSED",
                BACK_OFFICE + ":REJECT");
    }

    @Test
    void laterStatesUpdateTheStatusOtherAmountsAreRefusedAndARevokedInvoiceIsNotPaid() {
        Taxpayer seller = taxpayer("Seller LLP");
        Taxpayer buyer = taxpayer("Buyer LLP");
        fund(buyer.account(), "5000.00");
        Invoice inv = new Invoice(seller, buyer).line(1_000_00, 120_00);
        String reg = registrationNumber();
        String created = registerInvoice(reg, "CREATED", inv);

        // the IS reports the invoice delivered, but with other amounts: not an update of this invoice, refused
        Invoice other = new Invoice(seller, buyer).line(1_100_00, 132_00);
        Response changed = postInvoice(reg, "DELIVERED", other.bytes());
        assertThat(changed.status()).as(changed.raw()).isEqualTo(422);
        assertThat(changed.body().get("reason").asText()).isEqualTo("BUSINESS_RULE");
        assertThat(changed.body().get("message").asText()).contains("net").contains("100000").contains("110000");
        assertThat(quarantined(changed.body().get("quarantineId").asLong()).get("routeId").asText()).isEqualTo("intake-check");
        JsonNode v = invoice(reg);
        assertThat(v.get("status").asText()).isEqualTo("CREATED");
        assertThat(v.get("net").asText()).isEqualTo("1000.00");
        assertThat(v.get("factId").asText()).isEqualTo(created);

        // delivered, as registered: the same invoice in a later state (the refused message does not block it)
        String delivered = registerInvoice(reg, "DELIVERED", inv);
        assertThat(delivered).isNotEqualTo(created);
        v = invoice(reg);
        assertThat(v.get("status").asText()).isEqualTo("DELIVERED");
        assertThat(v.get("factId").asText()).isEqualTo(delivered);
        assertThat(v.get("gross").asText()).isEqualTo("1120.00");

        // revoked: nothing is outstanding any more, and an order paying it is refused; nothing moves
        registerInvoice(reg, "REVOKED", inv);
        v = invoice(reg);
        assertThat(v.get("status").asText()).isEqualTo("REVOKED");
        assertThat(v.get("outstanding").asText()).isEqualTo("0.00");
        String buyerBefore = balance(buyer.account());
        String sellerBefore = balance(seller.account());
        JsonNode refused = postOne(file(buyer, order("1", 500_00, buyer, seller, "Оплата по ЭСФ " + reg)));
        assertThat(refused.get("status").asText()).as(refused.toString()).isEqualTo("REFUSED");
        assertThat(refused.get("reasonCode").asText()).isEqualTo("BUSINESS_RULE");
        assertThat(refused.get("message").asText()).contains("REVOKED");
        assertThat(refused.get("transactionId").isNull()).isTrue();
        assertThat(refused.get("quarantineId").asLong()).isPositive();
        assertThat(balance(buyer.account())).isEqualTo(buyerBefore).isEqualTo("5000.00");
        assertThat(balance(seller.account())).isEqualTo(sellerBefore).isEqualTo("0.00");
        assertThat(invoice(reg).get("payments")).isEmpty();
    }

    @Test
    void anAdditionalInvoiceIsListedUnderTheOriginalAndACorrectionWaitsForItsOriginal() {
        String seller = tin();
        String buyer = tin();
        String iik = TestParties.newAccountNumber().value();
        String original = registrationNumber();
        registerInvoice(original, "CREATED", new Invoice(seller, iik, buyer).line(1_000_00, 120_00));

        // an additional invoice raising the original by 100.00 + 12.00, with its own registration number
        String additional = registrationNumber();
        registerInvoice(additional, "CREATED", new Invoice(seller, iik, buyer).num("2").additionalTo(original).line(100_00, 12_00));
        JsonNode a = invoice(additional);
        assertThat(a.get("invoiceType").asText()).isEqualTo("ADDITIONAL_INVOICE");
        assertThat(a.get("adjustment").asText()).isEqualTo("INCREASE");
        assertThat(a.get("relatedRegistrationNumber").asText()).isEqualTo(original);
        assertThat(a.get("gross").asText()).isEqualTo("112.00");
        JsonNode o = invoice(original);
        assertThat(o.get("corrections")).hasSize(1);
        assertThat(o.get("corrections").get(0).asText()).isEqualTo(additional);
        assertThat(o.get("gross").asText()).isEqualTo("1120.00");

        // a correction of an invoice the hub has not seen yet: quarantined, and retried once the original arrives
        String later = registrationNumber();
        String correction = registrationNumber();
        Response early = postInvoice(correction, "CREATED", new Invoice(seller, iik, buyer).num("3").additionalTo(later)
                .line(50_00, 6_00).bytes());
        assertThat(early.status()).as(early.raw()).isEqualTo(422);
        assertThat(early.body().get("reason").asText()).isEqualTo("UNKNOWN_REFERENCE");
        assertThat(early.body().get("message").asText()).contains(later);
        long id = early.body().get("quarantineId").asLong();
        assertThat(get("/api/invoices/" + correction).status()).isEqualTo(404);

        Response tooEarly = backOffice("/api/quarantine/messages/" + id + "/retry", "{}");
        assertThat(tooEarly.body().get("outcome").get("result").asText()).isEqualTo("FAILED");
        assertThat(tooEarly.body().get("outcome").get("reasonCode").asText()).isEqualTo("UNKNOWN_REFERENCE");

        registerInvoice(later, "CREATED", new Invoice(seller, iik, buyer).line(400_00, 48_00));
        Response retried = backOffice("/api/quarantine/messages/" + id + "/retry", "{}");
        assertThat(retried.status()).as(retried.raw()).isEqualTo(200);
        assertThat(retried.body().get("outcome").get("result").asText()).as(retried.raw()).isEqualTo("REPLAYED");
        assertThat(retried.body().get("entry").get("status").asText()).isEqualTo("RESOLVED");
        assertThat(invoice(correction).get("factId").asText()).isEqualTo(retried.body().get("outcome").get("producedRef").asText());
        assertThat(invoice(correction).get("relatedRegistrationNumber").asText()).isEqualTo(later);
        assertThat(invoice(later).get("corrections")).hasSize(1);
        assertThat(invoice(later).get("corrections").get(0).asText()).isEqualTo(correction);
    }
}
