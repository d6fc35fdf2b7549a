package kz.digitaltenge.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import kz.digitaltenge.routes.einvoice.testing.InvoiceDocument;
import kz.digitaltenge.routes.erp1c.testing.PaymentOrderFile;
import kz.digitaltenge.canonical.id.AccountNumber;
import kz.digitaltenge.canonical.money.Tiyn;
import org.junit.jupiter.api.Test;

/**
 * Payment orders of the Digital VAT flow through the hub's API: 1C files and JSON orders paying registered invoices
 * (partly, in full, twice, badly), the payer's bank's confirmation, refusals that end in quarantine and come out
 * again, prepayment by contract settled by the invoice that follows, and the statement 1C loads afterwards. Each test
 * registers its own taxpayers (fresh BINs and accounts) and funds the buyer through the issuer.
 */
class PaymentOrdersApiTest extends DigitalVatTestBase {
    private static final Charset CP1251 = Charset.forName("windows-1251");

    private static String purpose(String reg) {
        return "Оплата по ЭСФ " + reg;
    }

    /** What the account holds in unspent outputs of one marking (null = standard money). */
    private long held(String account, String marking) {
        Response r = get("/api/ledger/accounts/" + account + "/outputs?limit=1000");
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        long total = 0;
        for (JsonNode o : r.body().get("outputs")) {
            String m = o.path("marking").isMissingNode() || o.path("marking").isNull() ? null : o.path("marking").asText();
            if (Objects.equals(m, marking)) {
                total += Tiyn.parse(o.get("amount").asText());
            }
        }
        return total;
    }

    private static String bad(String account) {
        char last = account.charAt(account.length() - 1);
        String broken = account.substring(0, account.length() - 1) + (last == '0' ? '1' : '0');
        assertThat(AccountNumber.isValid(broken)).isFalse();
        return broken;
    }

    // ------------------------------------------------------------------ 1. partial payments

    @Test
    void partialPaymentsCarryProportionalVatAndNothingIsOverpaid() {
        Taxpayer seller = taxpayer("Partial Seller");
        Taxpayer buyer = taxpayer("Partial Buyer");
        fund(buyer.account(), "2000.00");
        String reg = registrationNumber();
        registerInvoice(reg, "CREATED", new Invoice(seller, buyer).line(1_000_00, 120_00).line(116_52, 13_98)); // 1250.50

        // 500.00 of 1250.50: VAT 500.00 × 133.98 / 1250.50 = 53.5706… → 53.57
        JsonNode first = postOne(file(buyer, order("11", 500_00, buyer, seller, purpose(reg))));
        assertThat(first.get("status").asText()).as(first.toString()).isEqualTo("EXECUTED");
        assertThat(first.get("amount").asText()).isEqualTo("500.00");
        assertThat(first.get("vat").asText()).isEqualTo("53.57");
        assertThat(first.get("referenceKind").asText()).isEqualTo("INVOICE");
        assertThat(first.get("reference").asText()).isEqualTo(reg);
        String tx1 = first.get("transactionId").asText();
        assertThat(tx1).matches("[0-9a-f]{64}");
        JsonNode v = invoice(reg);
        assertThat(v.get("paymentStatus").asText()).isEqualTo("PARTLY_PAID");
        assertThat(v.get("paid").asText()).isEqualTo("500.00");
        assertThat(v.get("paidNet").asText()).isEqualTo("446.43");
        assertThat(v.get("paidVat").asText()).isEqualTo("53.57");
        assertThat(v.get("outstanding").asText()).isEqualTo("750.50");
        assertThat(v.get("payments")).hasSize(1);
        assertThat(v.get("payments").get(0).get("transactionId").asText()).isEqualTo(tx1);
        // the seller holds the net as standard money and the VAT part as VAT tokens
        assertThat(held(seller.account(), null)).isEqualTo(446_43);
        assertThat(held(seller.account(), "VAT")).isEqualTo(53_57);
        assertThat(balance(buyer.account())).isEqualTo("1500.00");

        // more than is outstanding: refused and quarantined, nothing moves
        JsonNode over = postOne(file(buyer, order("12", 750_51, buyer, seller, purpose(reg))));
        assertThat(over.get("status").asText()).isEqualTo("REFUSED");
        assertThat(over.get("reasonCode").asText()).isEqualTo("BUSINESS_RULE");
        assertThat(over.get("message").asText()).contains("750.51").contains("750.50");
        assertThat(over.get("transactionId").isNull()).isTrue();
        long q = over.get("quarantineId").asLong();
        assertThat(quarantined(q).get("reasonCode").asText()).isEqualTo("BUSINESS_RULE");
        assertThat(balance(buyer.account())).isEqualTo("1500.00");
        assertThat(invoice(reg).get("outstanding").asText()).isEqualTo("750.50");

        // the rest settles it: exactly what is outstanding of the VAT, 133.98 − 53.57
        JsonNode rest = postOne(file(buyer, order("13", 750_50, buyer, seller, purpose(reg))));
        assertThat(rest.get("status").asText()).as(rest.toString()).isEqualTo("EXECUTED");
        assertThat(rest.get("vat").asText()).isEqualTo("80.41");
        v = invoice(reg);
        assertThat(v.get("paymentStatus").asText()).isEqualTo("PAID");
        assertThat(v.get("paid").asText()).isEqualTo("1250.50");
        assertThat(v.get("paidVat").asText()).isEqualTo("133.98");
        assertThat(v.get("outstanding").asText()).isEqualTo("0.00");
        assertThat(v.get("payments")).hasSize(2);
        assertThat(held(seller.account(), "VAT")).isEqualTo(133_98);
        assertThat(balance(seller.account())).isEqualTo("1250.50");
        assertThat(balance(buyer.account())).isEqualTo("749.50");
    }

    // ------------------------------------------------------------------ 2. idempotency

    @Test
    void aFileSentTwicePaysOnceAndAReusedNumberWithOtherContentIsRefused() {
        Taxpayer seller = taxpayer("Twice Seller");
        Taxpayer buyer = taxpayer("Twice Buyer");
        fund(buyer.account(), "1000.00");
        String reg = registrationNumber();
        registerInvoice(reg, "CREATED", new Invoice(seller, buyer).line(1_000_00, 120_00));
        byte[] file = file(buyer, order("21", 300_00, buyer, seller, purpose(reg)), order("22", 200_00, buyer, seller, purpose(reg)));

        Response first = postFile(file);
        assertThat(first.status()).as(first.raw()).isEqualTo(200);
        Response second = postFile(file);
        assertThat(second.status()).as(second.raw()).isEqualTo(200);
        assertThat(first.body().get("documentCount").asInt()).isEqualTo(2);
        for (int i = 0; i < 2; i++) {
            JsonNode a = first.body().get("documents").get(i);
            JsonNode b = second.body().get("documents").get(i);
            assertThat(a.get("status").asText()).as(a.toString()).isEqualTo("EXECUTED");
            assertThat(b.get("status").asText()).isEqualTo("EXECUTED");
            assertThat(b.get("paymentOrder").asLong()).isEqualTo(a.get("paymentOrder").asLong());
            assertThat(b.get("transactionId").asText()).isEqualTo(a.get("transactionId").asText());
        }
        assertThat(first.body().get("documents").get(0).get("transactionId").asText())
                .isNotEqualTo(first.body().get("documents").get(1).get("transactionId").asText());
        // the money moved once
        assertThat(balance(buyer.account())).isEqualTo("500.00");
        assertThat(balance(seller.account())).isEqualTo("500.00");
        assertThat(invoice(reg).get("paid").asText()).isEqualTo("500.00");
        assertThat(invoice(reg).get("payments")).hasSize(2);

        // the same number and date with another amount: a different order under a used number
        JsonNode changed = postOne(file(buyer, order("21", 310_00, buyer, seller, purpose(reg))));
        assertThat(changed.get("status").asText()).isEqualTo("REFUSED");
        assertThat(changed.get("reasonCode").asText()).isEqualTo("DUPLICATE_DIFFERENT_CONTENT");
        assertThat(changed.get("paymentOrder").isNull()).isTrue();
        assertThat(changed.get("quarantineId").asLong()).isPositive();
        assertThat(balance(buyer.account())).isEqualTo("500.00");
        assertThat(payment(first.body().get("documents").get(0).get("paymentOrder").asLong()).get("amount").asText()).isEqualTo("300.00");
    }

    // ------------------------------------------------------------------ 3. one bad document among good ones

    @Test
    void aBadDocumentIsRefusedWithItsLinesWhileTheOthersArePaid() {
        Taxpayer seller = taxpayer("Mixed Seller");
        Taxpayer buyer = taxpayer("Mixed Buyer");
        fund(buyer.account(), "1000.00");
        String reg = registrationNumber();
        registerInvoice(reg, "CREATED", new Invoice(seller, buyer).line(1_000_00, 120_00));
        PaymentOrderFile.Order broken = new PaymentOrderFile.Order("32", today(), 50_00, buyer.name(), buyer.tin(), buyer.account(),
                seller.name(), seller.tin(), bad(seller.account()), purpose(reg));
        byte[] file = file(buyer, order("31", 100_00, buyer, seller, purpose(reg)), broken,
                order("33", 200_00, buyer, seller, purpose(reg)));

        Response r = postFile(file);
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        assertThat(r.body().get("status").asText()).isEqualTo("ACCEPTED");
        assertThat(r.body().get("documentCount").asInt()).isEqualTo(3);
        JsonNode results = r.body().get("documents");
        assertThat(results).hasSize(3);
        assertThat(results.get(0).get("number").asText()).isEqualTo("31");
        assertThat(results.get(0).get("status").asText()).isEqualTo("EXECUTED");
        assertThat(results.get(2).get("number").asText()).isEqualTo("33");
        assertThat(results.get(2).get("status").asText()).isEqualTo("EXECUTED");
        JsonNode refused = results.get(1);
        assertThat(refused.get("number").asText()).isEqualTo("32");
        assertThat(refused.get("status").asText()).isEqualTo("REFUSED");
        assertThat(refused.get("reasonCode").asText()).isEqualTo("SCHEMA_INVALID");
        assertThat(refused.get("transactionId").isNull()).isTrue();

        // its lines are the document's in the file, and the quarantine keeps exactly that text
        List<String> lines = List.of(new String(file, CP1251).split("\r\n"));
        int start = refused.get("startLine").asInt();
        int end = refused.get("endLine").asInt();
        assertThat(start).isGreaterThan(results.get(0).get("endLine").asInt());
        assertThat(end).isLessThan(results.get(2).get("startLine").asInt());
        assertThat(lines.get(start - 1)).isEqualTo("СекцияДокумент=Платежное поручение");
        assertThat(lines.get(end - 1)).isEqualTo("КонецДокумента");
        assertThat(lines.subList(start - 1, end)).contains("НомерДокумента=32", "ПолучательИИК=" + bad(seller.account()));
        JsonNode item = quarantined(refused.get("quarantineId").asLong());
        assertThat(item.get("sourceSystem").asText()).isEqualTo("erp-1c");
        assertThat(item.get("reasonCode").asText()).isEqualTo("SCHEMA_INVALID");
        assertThat(item.get("bodyText").asText()).isEqualTo(String.join("\n", lines.subList(start - 1, end)));
        assertThat(item.get("headers").get("lines").asText()).isEqualTo(start + "-" + end);

        assertThat(balance(buyer.account())).isEqualTo("700.00");
        assertThat(invoice(reg).get("paid").asText()).isEqualTo("300.00");
    }

    // ------------------------------------------------------------------ 4. JSON orders

    @Test
    void aJsonOrderIsExecutedAndMalformedJsonIsQuarantined() {
        Taxpayer seller = taxpayer("Json Seller");
        Taxpayer buyer = taxpayer("Json Buyer");
        fund(buyer.account(), "1000.00");
        String reg = registrationNumber();
        registerInvoice(reg, "CREATED", new Invoice(seller, buyer).line(1_000_00, 120_00));

        Response ok = postJson(jsonOrder("41", "560.00", buyer, seller, reg, null, "Оплата по счету"));
        assertThat(ok.status()).as(ok.raw()).isEqualTo(200);
        assertThat(ok.body().get("status").asText()).isEqualTo("EXECUTED");
        assertThat(ok.body().get("vat").asText()).isEqualTo("60.00");
        assertThat(ok.body().get("net").asText()).isEqualTo("500.00");
        assertThat(ok.body().get("reference").asText()).isEqualTo(reg);
        JsonNode stored = payment(ok.body().get("id").asLong());
        assertThat(stored.get("transactionId").asText()).isEqualTo(ok.body().get("transactionId").asText());
        assertThat(stored.get("net").asText()).isEqualTo("500.00");
        assertThat(stored.get("vat").asText()).isEqualTo("60.00");
        // the order became EXECUTED in its payment's own commit (the group commit writes it): its time is the commit's
        Response tx = get("/api/ledger/transactions/" + ok.body().get("transactionId").asText());
        assertThat(tx.status()).as(tx.raw()).isEqualTo(200);
        assertThat(stored.get("updatedAt").asText()).isEqualTo(tx.body().get("committedAt").asText())
                .isEqualTo(ok.body().get("updatedAt").asText());
        assertThat(invoice(reg).get("outstanding").asText()).isEqualTo("560.00");
        assertThat(balance(buyer.account())).isEqualTo("440.00");

        String broken = "{\"number\": \"42\", \"amount\": \"560.00\", ";
        Response bad = postJson(broken);
        assertThat(bad.status()).as(bad.raw()).isEqualTo(422);
        assertThat(bad.body().get("status").asText()).isEqualTo("REFUSED");
        assertThat(bad.body().get("reasonCode").asText()).isEqualTo("MALFORMED");
        assertThat(bad.body().get("id").isNull()).isTrue();
        JsonNode item = quarantined(bad.body().get("quarantineId").asLong());
        assertThat(item.get("bodyText").asText()).isEqualTo(broken);
        assertThat(item.get("contentType").asText()).isEqualTo("application/json");
        assertThat(item.get("sourceSystem").asText()).isEqualTo("erp-1c");
        assertThat(balance(buyer.account())).isEqualTo("440.00");
    }

    // ------------------------------------------------------------------ 5. the bank's confirmation

    @Test
    void aConfirmingBanksClientsOrdersWaitForItsConfirmationOrDecline() {
        Taxpayer seller = taxpayer("Confirm Seller");
        Taxpayer buyer = taxpayer("Confirm Buyer", confirmingBank(), true);
        fund(buyer.account(), "1000.00");
        String reg = registrationNumber();
        registerInvoice(reg, "CREATED", new Invoice(seller, buyer).line(1_000_00, 120_00));

        Response waiting = postJson(jsonOrder("51", "300.00", buyer, seller, reg, null, purpose(reg)));
        assertThat(waiting.status()).as(waiting.raw()).isEqualTo(200);
        assertThat(waiting.body().get("status").asText()).isEqualTo("AWAITING_CONFIRMATION");
        assertThat(waiting.body().get("transactionId").isNull()).isTrue();
        long id = waiting.body().get("id").asLong();
        assertThat(balance(buyer.account())).isEqualTo("1000.00");
        assertThat(balance(seller.account())).isEqualTo("0.00");
        assertThat(invoice(reg).get("paymentStatus").asText()).isEqualTo("UNPAID");
        Response queue = sendAs(BANK, HttpRequest.newBuilder(uri("/api/payments?status=AWAITING_CONFIRMATION&limit=1000")).GET());
        assertThat(queue.body().findValuesAsText("id")).contains(Long.toString(id));

        // the taxpayer cannot confirm its own order; the bank can
        assertThat(sendAs(TAXPAYER, confirm(id)).status()).isEqualTo(403);
        assertThat(payment(id).get("status").asText()).isEqualTo("AWAITING_CONFIRMATION");
        Response confirmed = sendAs(BANK, confirm(id));
        assertThat(confirmed.status()).as(confirmed.raw()).isEqualTo(200);
        assertThat(confirmed.body().get("status").asText()).isEqualTo("EXECUTED");
        assertThat(confirmed.body().get("transactionId").asText()).matches("[0-9a-f]{64}");
        assertThat(balance(buyer.account())).isEqualTo("700.00");
        assertThat(balance(seller.account())).isEqualTo("300.00");
        assertThat(invoice(reg).get("paid").asText()).isEqualTo("300.00");
        assertThat(sendAs(BANK, confirm(id)).status()).isEqualTo(409);

        // another order declined with a reason: nothing moves, and it cannot be confirmed afterwards
        long other = postJson(jsonOrder("52", "200.00", buyer, seller, reg, null, purpose(reg))).body().get("id").asLong();
        assertThat(payment(other).get("status").asText()).isEqualTo("AWAITING_CONFIRMATION");
        assertThat(sendAs(BANK, decline(other, " ")).status()).isEqualTo(400);
        Response declined = sendAs(BANK, decline(other, "the client called the order back"));
        assertThat(declined.status()).as(declined.raw()).isEqualTo(200);
        assertThat(declined.body().get("status").asText()).isEqualTo("DECLINED");
        assertThat(declined.body().get("reasonCode").asText()).isEqualTo("DECLINED_BY_BANK");
        assertThat(declined.body().get("message").asText()).isEqualTo("the client called the order back");
        Response late = sendAs(BANK, confirm(other));
        assertThat(late.status()).as(late.raw()).isEqualTo(409);
        assertThat(late.reason()).isEqualTo("CONFLICT");
        assertThat(payment(other).get("status").asText()).isEqualTo("DECLINED");
        assertThat(payment(other).get("transactionId").isNull()).isTrue();
        assertThat(balance(buyer.account())).isEqualTo("700.00");
        assertThat(invoice(reg).get("paid").asText()).isEqualTo("300.00");
    }

    private HttpRequest.Builder confirm(long id) {
        return HttpRequest.newBuilder(uri("/api/payments/" + id + "/confirm")).POST(HttpRequest.BodyPublishers.noBody());
    }

    private HttpRequest.Builder decline(long id, String reason) {
        return HttpRequest.newBuilder(uri("/api/payments/" + id + "/decline")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"reason\": \"" + reason + "\"}"));
    }

    // ------------------------------------------------------------------ 6. refusals, quarantine, retry

    @Test
    void refusalsEndInQuarantineAndARetryPaysOnceTheCauseIsFixed() {
        Taxpayer seller = taxpayer("Retry Seller");
        Taxpayer buyer = taxpayer("Retry Buyer");
        fund(buyer.account(), "100.00");
        String reg = registrationNumber();
        registerInvoice(reg, "CREATED", new Invoice(seller, buyer).line(1_000_00, 120_00));

        String json = jsonOrder("61", "500.00", buyer, seller, reg, null, purpose(reg));
        Response poor = postJson(json);
        assertThat(poor.status()).as(poor.raw()).isEqualTo(200);
        assertThat(poor.body().get("status").asText()).isEqualTo("REFUSED");
        assertThat(poor.body().get("reasonCode").asText()).isEqualTo("INSUFFICIENT_FUNDS");
        long id = poor.body().get("id").asLong();
        long q = poor.body().get("quarantineId").asLong();
        assertThat(payment(id).get("status").asText()).isEqualTo("REFUSED");
        assertThat(payment(id).get("quarantineId").asLong()).isEqualTo(q);
        JsonNode item = quarantined(q);
        assertThat(item.get("reasonCode").asText()).isEqualTo("INSUFFICIENT_FUNDS");
        assertThat(item.get("bodyText").asText()).isEqualTo(json);
        assertThat(balance(buyer.account())).isEqualTo("100.00");

        // the payer is funded; the back office retries the order from the quarantine
        fund(buyer.account(), "1000.00");
        Response retried = backOffice("/api/quarantine/messages/" + q + "/retry", "{}");
        assertThat(retried.status()).as(retried.raw()).isEqualTo(200);
        assertThat(retried.body().get("outcome").get("result").asText()).as(retried.raw()).isEqualTo("REPLAYED");
        assertThat(retried.body().get("entry").get("status").asText()).isEqualTo("RESOLVED");
        JsonNode paid = payment(id);
        assertThat(paid.get("status").asText()).isEqualTo("EXECUTED");
        assertThat(paid.get("transactionId").asText()).isEqualTo(retried.body().get("outcome").get("producedRef").asText());
        assertThat(balance(buyer.account())).isEqualTo("600.00");
        assertThat(invoice(reg).get("paid").asText()).isEqualTo("500.00");
        // the order sent again is answered with what became of it
        Response again = postJson(json);
        assertThat(again.body().get("id").asLong()).isEqualTo(id);
        assertThat(again.body().get("status").asText()).isEqualTo("EXECUTED");
        assertThat(balance(buyer.account())).isEqualTo("600.00");

        // an account that has not delegated to the payment agent: the hub may not pay from it
        Taxpayer undelegated = taxpayer("Undelegated Buyer", bank(), false);
        fund(undelegated.account(), "1000.00");
        String reg2 = registrationNumber();
        registerInvoice(reg2, "CREATED", new Invoice(seller, undelegated).line(100_00, 12_00));
        JsonNode refused = postOne(file(undelegated, order("62", 112_00, undelegated, seller, purpose(reg2))));
        assertThat(refused.get("status").asText()).isEqualTo("REFUSED");
        assertThat(refused.get("reasonCode").asText()).isEqualTo("NOT_AUTHORIZED");
        assertThat(refused.get("message").asText()).contains(undelegated.account()).contains("delegation").contains("payment agent");
        assertThat(refused.get("quarantineId").asLong()).isPositive();
        assertThat(balance(undelegated.account())).isEqualTo("1000.00");
        assertThat(invoice(reg2).get("paymentStatus").asText()).isEqualTo("UNPAID");
    }

    // ------------------------------------------------------------------ 7. prepayment by contract

    @Test
    void aPrepaymentByContractIsSettledByTheInvoiceThatFollows() {
        Taxpayer seller = taxpayer("Contract Seller");
        Taxpayer buyer = taxpayer("Contract Buyer");
        fund(buyer.account(), "3000.00");
        String contract = "CN-" + ThreadLocalRandom.current().nextLong(100_000_000L, 1_000_000_000L);
        Map<String, String> terms = new LinkedHashMap<>();
        terms.put("sender", buyer.account());
        terms.put("recipient", seller.account());
        terms.put("maxTransfer", "500000");
        terms.put("maxCashOut", "0");
        terms.put("validFrom", Instant.now().minus(Duration.ofDays(1)).toString());
        terms.put("validTo", Instant.now().plus(Duration.ofDays(30)).toString());
        terms.put("vatRate", "12");
        terms.put("buyerTin", buyer.tin());
        terms.put("sellerTin", seller.tin());
        Response fact = post("/api/oracle/facts/sign", Map.of("type", "CONTRACT_REGISTERED", "subject", contract, "terms", terms));
        assertThat(fact.status()).as(fact.raw()).isIn(200, 201);

        // a prepayment of 560.00 at 12%: VAT 560.00 × 12 / 112 = 60.00
        Response prepay = postJson(jsonOrder("71", "560.00", buyer, seller, null, contract, "Предоплата по договору № " + contract));
        assertThat(prepay.status()).as(prepay.raw()).isEqualTo(200);
        assertThat(prepay.body().get("status").asText()).as(prepay.raw()).isEqualTo("EXECUTED");
        assertThat(prepay.body().get("referenceKind").asText()).isEqualTo("CONTRACT");
        assertThat(prepay.body().get("reference").asText()).isEqualTo(contract);
        assertThat(prepay.body().get("vat").asText()).isEqualTo("60.00");
        assertThat(prepay.body().get("net").asText()).isEqualTo("500.00");
        assertThat(held(seller.account(), "VAT")).isEqualTo(60_00);

        // the invoice under the contract: 1500.00 + 180.00 = 1680.00, of which 560.00 was prepaid
        String reg = registrationNumber();
        registerInvoice(reg, "CREATED", new Invoice(seller, buyer).contract(contract).line(1_000_00, 120_00).line(500_00, 60_00));
        JsonNode v = invoice(reg);
        assertThat(v.get("contractNumber").asText()).isEqualTo(contract);
        assertThat(v.get("gross").asText()).isEqualTo("1680.00");
        assertThat(v.get("prepaid").asText()).isEqualTo("560.00");
        assertThat(v.get("outstanding").asText()).isEqualTo("1120.00");
        assertThat(v.get("paymentStatus").asText()).isEqualTo("PARTLY_PAID");

        // paying what is outstanding settles it: VAT 180.00 − 60.00
        Response rest = postJson(jsonOrder("72", "1120.00", buyer, seller, reg, null, purpose(reg)));
        assertThat(rest.body().get("status").asText()).as(rest.raw()).isEqualTo("EXECUTED");
        assertThat(rest.body().get("vat").asText()).isEqualTo("120.00");
        v = invoice(reg);
        assertThat(v.get("paymentStatus").asText()).isEqualTo("PAID");
        assertThat(v.get("outstanding").asText()).isEqualTo("0.00");
        assertThat(v.get("paid").asText()).isEqualTo("1680.00");
        assertThat(held(seller.account(), "VAT")).isEqualTo(180_00);
        assertThat(balance(seller.account())).isEqualTo("1680.00");
        assertThat(balance(buyer.account())).isEqualTo("1320.00");
        // nothing more is taken for it
        JsonNode more = postJson(jsonOrder("73", "0.01", buyer, seller, reg, null, purpose(reg))).body();
        assertThat(more.get("status").asText()).isEqualTo("REFUSED");
        assertThat(more.get("reasonCode").asText()).isEqualTo("BUSINESS_RULE");
    }

    // ------------------------------------------------------------------ 8. statements

    @Test
    void theStatementBalancesAndNamesEveryTransaction() throws Exception {
        Taxpayer seller = taxpayer("Statement Seller");
        Taxpayer buyer = taxpayer("Statement Buyer");
        String issue = fund(buyer.account(), "1000.00");
        String reg = registrationNumber();
        registerInvoice(reg, "CREATED", new Invoice(seller, buyer).line(1_000_00, 120_00));
        Response paid = postFile(file(buyer, order("81", 300_00, buyer, seller, purpose(reg)), order("82", 200_00, buyer, seller, purpose(reg))));
        assertThat(paid.status()).as(paid.raw()).isEqualTo(200);
        String tx81 = paid.body().get("documents").get(0).get("transactionId").asText();
        String tx82 = paid.body().get("documents").get(1).get("transactionId").asText();
        assertThat(List.of(tx81, tx82)).doesNotContainNull().allMatch(t -> t.matches("[0-9a-f]{64}"));

        // from yesterday, so a run across midnight (Kazakhstan time) still covers every movement of the new account
        String period = "account=" + buyer.account() + "&from=" + today().minusDays(1) + "&to=" + today();
        HttpResponse<byte[]> windows = statement(period);
        assertThat(windows.statusCode()).isEqualTo(200);
        assertThat(windows.headers().firstValue("Content-Type").orElse("")).containsIgnoringCase("windows-1251");
        String text = new String(windows.body(), CP1251);
        assertThat(new String(windows.body(), StandardCharsets.UTF_8)).doesNotContain("НачальныйОстаток");
        assertThat(text).startsWith("1CClientBankExchange\r\n").contains("\r\nКодировка=Windows\r\n").endsWith("КонецФайла\r\n");
        Map<String, String> header = new LinkedHashMap<>();
        List<Map<String, String>> sections = new ArrayList<>();
        Map<String, String> current = null;
        for (String line : text.split("\r\n")) {
            if (line.equals("СекцияДокумент=Выписка")) {
                current = new LinkedHashMap<>();
                sections.add(current);
            } else if (line.equals("КонецДокумента")) {
                current = null;
            } else if (line.contains("=")) {
                String[] kv = line.split("=", 2);
                (current == null ? header : current).put(kv[0], kv[1]);
            }
        }
        long opening = Tiyn.parse(header.get("НачальныйОстаток"));
        long in = Tiyn.parse(header.get("ВсегоПоступило"));
        long out = Tiyn.parse(header.get("ВсегоСписано"));
        long closing = Tiyn.parse(header.get("КонечныйОстаток"));
        assertThat(opening + in - out).isEqualTo(closing);
        assertThat(Tiyn.format(closing)).isEqualTo(balance(buyer.account())).isEqualTo("500.00");
        assertThat(opening).isZero();
        assertThat(in).isEqualTo(1000_00);
        assertThat(out).isEqualTo(500_00);
        assertThat(header.get("РасчСчет")).isEqualTo(buyer.account());

        // one section per movement, naming its ledger transaction; the payments carry the orders' numbers
        assertThat(sections).extracting(s -> s.get("ИдентификаторТранзакции")).containsExactlyInAnyOrder(issue, tx81, tx82);
        Map<String, String> p81 = sections.stream().filter(s -> tx81.equals(s.get("ИдентификаторТранзакции"))).findFirst().orElseThrow();
        assertThat(p81.get("НомерДокумента")).isEqualTo("81");
        assertThat(p81.get("СуммаРасход")).isEqualTo("300.00");
        assertThat(p81.get("ПолучательИИК")).isEqualTo(seller.account());
        assertThat(p81.get("НазначениеПлатежа")).contains(reg);
        Map<String, String> funded = sections.stream().filter(s -> issue.equals(s.get("ИдентификаторТранзакции"))).findFirst().orElseThrow();
        assertThat(funded.get("СуммаПриход")).isEqualTo("1000.00");

        // encoding=UTF-8: the same statement in UTF-8
        HttpResponse<byte[]> utf8 = statement(period + "&encoding=UTF-8");
        assertThat(utf8.statusCode()).isEqualTo(200);
        String utf8Text = new String(utf8.body(), StandardCharsets.UTF_8);
        assertThat(utf8Text).contains("\r\nКодировка=UTF-8\r\n").contains("\r\nКонечныйОстаток=500.00\r\n")
                .contains("ИдентификаторТранзакции=" + tx82);
        assertThat(new String(utf8.body(), CP1251)).doesNotContain("КонечныйОстаток");
    }

    @Test
    void onlyASourceThatSendsPaymentOrdersHasPaymentOrderPaths() {
        for (String source : List.of("einvoice", "no-such-source")) {
            Response file = sendAs(BANK, HttpRequest.newBuilder(uri("/api/" + source + "/payment-orders"))
                    .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString("1CClientBankExchange")));
            assertThat(file.status()).as(file.raw()).isEqualTo(404);
            assertThat(file.body().get("reason").asText()).isEqualTo("NOT_FOUND");
            Response statement = sendAs(BANK, HttpRequest.newBuilder(uri("/api/" + source
                    + "/statements?account=KZ18722S000012345678&from=2025-03-01&to=2025-03-31")).GET());
            assertThat(statement.status()).as(statement.raw()).isEqualTo(404);
        }
    }

    private HttpResponse<byte[]> statement(String query) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(uri("/api/erp-1c/statements?" + query)).header("Authorization", basic(BANK))
                .GET().build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofByteArray());
    }

    // ------------------------------------------------------------------ 9. credit note: the seller refunds

    @Test
    void aCreditNoteIsRefundedByItsSellerNetAndVatAndTheBuyerCannotPayIt() {
        Taxpayer seller = taxpayer("Refund Seller");
        Taxpayer buyer = taxpayer("Refund Buyer");
        fund(buyer.account(), "2000.00");
        String reg = registrationNumber();
        registerInvoice(reg, "CREATED", new Invoice(seller, buyer).line(1_000_00, 120_00));
        assertThat(postOne(file(buyer, order("91", 1_120_00, buyer, seller, purpose(reg)))).get("status").asText()).isEqualTo("EXECUTED");

        // the seller issues an additional invoice that decreases it by 100.00 + 12.00: a credit note
        String note = registrationNumber();
        registerInvoice(note, "CREATED", new Invoice(seller, buyer).additionalTo(reg).line(-100_00, -12_00));
        JsonNode v = invoice(note);
        assertThat(v.get("adjustment").asText()).isEqualTo("DECREASE");
        assertThat(v.get("gross").asText()).isEqualTo("112.00");
        assertThat(invoice(reg).get("corrections").toString()).contains(note);

        // the buyer cannot "pay" a credit note
        JsonNode wrongWay = postOne(file(buyer, order("92", 112_00, buyer, seller, purpose(note))));
        assertThat(wrongWay.get("status").asText()).isEqualTo("REFUSED");
        assertThat(wrongWay.get("reasonCode").asText()).isEqualTo("BUSINESS_RULE");
        assertThat(wrongWay.get("message").asText()).contains("refunded by its seller");

        // the seller refunds it: the buyer receives the net as standard money and the VAT part as VAT tokens
        JsonNode refund = postOne(file(seller, order("93", 112_00, seller, buyer, "Возврат по ЭСФ " + note)));
        assertThat(refund.get("status").asText()).as(refund.toString()).isEqualTo("EXECUTED");
        assertThat(refund.get("vat").asText()).isEqualTo("12.00");
        assertThat(held(buyer.account(), "VAT")).isEqualTo(12_00);
        assertThat(balance(buyer.account())).isEqualTo("992.00");
        assertThat(balance(seller.account())).isEqualTo("1008.00");
        assertThat(invoice(note).get("paymentStatus").asText()).isEqualTo("PAID");
        assertThat(invoice(note).get("outstanding").asText()).isEqualTo("0.00");

        // refunded once: a second refund order is over what the note credits
        JsonNode again = postOne(file(seller, order("94", 1_00, seller, buyer, "Возврат по ЭСФ " + note)));
        assertThat(again.get("status").asText()).isEqualTo("REFUSED");
        assertThat(balance(buyer.account())).isEqualTo("992.00");
    }

    // ------------------------------------------------------------------ 10. statuses to the e-invoice IS

    @Test
    void statusesReachTheIsAndAStatusItDoesNotTakeIsQuarantinedAndSentAgainOnRetry() {
        Taxpayer seller = taxpayer("Status Seller");
        Taxpayer buyer = taxpayer("Status Buyer");
        fund(buyer.account(), "1000.00");
        String reg = registrationNumber();
        registerInvoice(reg, "CREATED", new Invoice(seller, buyer).line(100_00, 12_00));

        // the IS is up: a partial payment's status arrives, PARTLY_PAID with its transaction
        String tx1 = postOne(file(buyer, order("A1", 56_00, buyer, seller, purpose(reg)))).get("transactionId").asText();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(FakeEinvoiceIs.INSTANCE.statusesOf(reg)).isNotEmpty());
        JsonNode first = FakeEinvoiceIs.INSTANCE.statusesOf(reg).get(0);
        assertThat(first.get("status").asText()).isEqualTo("PARTLY_PAID");
        assertThat(first.get("paid").asText()).isEqualTo("56.00");
        assertThat(first.get("outstanding").asText()).isEqualTo("56.00");
        assertThat(first.get("payments").get(0).get("transactionId").asText()).isEqualTo(tx1);

        // the IS is down past the retry budget: the status is quarantined as OUTBOUND_FAILED, nothing is lost
        FakeEinvoiceIs.INSTANCE.answer.set(503);
        try {
            postOne(file(buyer, order("A2", 56_00, buyer, seller, purpose(reg))));
            JsonNode item = await().atMost(Duration.ofSeconds(20)).until(() -> outboundFailure(reg), java.util.Objects::nonNull);
            assertThat(item.get("reasonMessage").asText()).contains("503").contains("2 attempts");
            assertThat(FakeEinvoiceIs.INSTANCE.statusesOf(reg)).hasSize(1);
            FakeEinvoiceIs.INSTANCE.answer.set(204);

            // the back office retries once the IS is back: the invoice's current status is sent, PAID
            Response retried = backOffice("/api/quarantine/messages/" + item.get("id").asLong() + "/retry", Map.of());
            assertThat(retried.status()).as(retried.raw()).isEqualTo(200);
            assertThat(quarantined(item.get("id").asLong()).get("status").asText()).isEqualTo("RESOLVED");
            List<JsonNode> statuses = FakeEinvoiceIs.INSTANCE.statusesOf(reg);
            assertThat(statuses.get(statuses.size() - 1).get("status").asText()).isEqualTo("PAID");
            assertThat(statuses.get(statuses.size() - 1).get("payments")).hasSize(2);
        } finally {
            FakeEinvoiceIs.INSTANCE.answer.set(204);
        }
    }

    /** The quarantined status of an invoice, or null while there is none. */
    private JsonNode outboundFailure(String reg) {
        Response r = sendAs(BACK_OFFICE, java.net.http.HttpRequest.newBuilder(uri("/api/quarantine/messages?source=einvoice-status&reason=OUTBOUND_FAILED")).GET());
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        for (JsonNode item : r.body().path("items")) {
            if (reg.equals(item.path("sourceMessageId").asText())) {
                return quarantined(item.get("id").asLong());
            }
        }
        return null;
    }

    // ------------------------------------------------------------------ 11. the watched 1C directory

    @Test
    void aFileDroppedIntoTheInboxIsPaidLikeAnUploadAndMovedToDone() throws Exception {
        Taxpayer seller = taxpayer("Inbox Seller");
        Taxpayer buyer = taxpayer("Inbox Buyer");
        fund(buyer.account(), "500.00");
        String reg = registrationNumber();
        registerInvoice(reg, "CREATED", new Invoice(seller, buyer).line(100_00, 12_00));

        java.nio.file.Files.createDirectories(ERP1C_INBOX);
        java.nio.file.Path tmp = ERP1C_INBOX.getParent().resolve("1c_to_kl-" + reg + ".tmp");
        java.nio.file.Files.write(tmp, file(buyer, order("I1", 112_00, buyer, seller, purpose(reg))));
        java.nio.file.Files.move(tmp, ERP1C_INBOX.resolve("1c_to_kl-" + reg + ".txt")); // appears whole, as 1C's export does

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(invoice(reg).get("paymentStatus").asText()).isEqualTo("PAID"));
        assertThat(balance(buyer.account())).isEqualTo("388.00");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            try (var done = java.nio.file.Files.list(ERP1C_INBOX.resolve(".done"))) {
                assertThat(done.map(f -> f.getFileName().toString())).anyMatch(n -> n.endsWith("1c_to_kl-" + reg + ".txt"));
            }
        });
    }

    // ------------------------------------------------------------------ 12. a taxpayer acts for its own party only

    @Test
    void aTaxpayerUserActsOnlyForTheParticipantItIsBoundTo() {
        Response reg = post("/api/ledger/participants", Map.of("partyId", BOUND_TAXPAYER_BIN, "name", "Bound Taxpayer", "roles", List.of()));
        assertThat(reg.status()).as(reg.raw()).isIn(201, 409);
        Party boundParty = new Party(BOUND_TAXPAYER_BIN, null, null, null);
        Taxpayer own = new Taxpayer(boundParty, account(boundParty, "COMPANY", bank()), "Bound Taxpayer");
        assertThat(post("/api/ledger/accounts/" + own.account() + "/delegations", Map.of("delegate", PAYMENT_AGENT)).status()).isEqualTo(201);
        Taxpayer other = taxpayer("Someone Else");
        Taxpayer seller = taxpayer("Bound Seller");
        fund(own.account(), "300.00");
        fund(other.account(), "300.00");
        String mine = registrationNumber();
        registerInvoice(mine, "CREATED", new Invoice(seller, own).line(100_00, 12_00));
        String theirs = registrationNumber();
        registerInvoice(theirs, "CREATED", new Invoice(seller, other).line(100_00, 12_00));

        // its own order is paid; an order from another party's account in the same file is refused and not recorded
        Response r = sendAs(BOUND_TAXPAYER, HttpRequest.newBuilder(uri("/api/erp-1c/payment-orders")).header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofByteArray(PaymentOrderFile.paymentOrders(own.account(), today(), List.of(
                        order("B1", 112_00, own, seller, purpose(mine)), order("B2", 112_00, other, seller, purpose(theirs)))))));
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        assertThat(r.body().get("documents").get(0).get("status").asText()).isEqualTo("EXECUTED");
        JsonNode refused = r.body().get("documents").get(1);
        assertThat(refused.get("status").asText()).isEqualTo("REFUSED");
        assertThat(refused.get("reasonCode").asText()).isEqualTo("NOT_AUTHORIZED");
        assertThat(refused.get("paymentOrder").isNull()).isTrue();
        assertThat(balance(other.account())).isEqualTo("300.00");
        assertThat(invoice(theirs).get("paymentStatus").asText()).isEqualTo("UNPAID");

        // it reads its own invoice and statement, not another party's (answered as absent)
        assertThat(sendAs(BOUND_TAXPAYER, HttpRequest.newBuilder(uri("/api/invoices/" + mine)).GET()).status()).isEqualTo(200);
        assertThat(sendAs(BOUND_TAXPAYER, HttpRequest.newBuilder(uri("/api/invoices/" + theirs)).GET()).status()).isEqualTo(404);
        String period = "&from=" + today().minusDays(1) + "&to=" + today();
        assertThat(sendAs(BOUND_TAXPAYER, HttpRequest.newBuilder(uri("/api/erp-1c/statements?account=" + own.account() + period)).GET())
                .status()).isEqualTo(200);
        assertThat(sendAs(BOUND_TAXPAYER, HttpRequest.newBuilder(uri("/api/erp-1c/statements?account=" + other.account() + period)).GET())
                .status()).isEqualTo(404);

        // a taxpayer user bound to no participant may act for none
        Response unbound = sendAs(TAXPAYER, HttpRequest.newBuilder(uri("/api/invoices/" + mine)).GET());
        assertThat(unbound.status()).isEqualTo(403);
        assertThat(unbound.raw()).contains("bound to no participant");
    }

    // ------------------------------------------------------------------ 13. a corrected invoice is paid on its own

    @Test
    void anAdditionalInvoiceThatIncreasesTheAmountIsPaidOnItsOwnAndLinkedToTheOriginal() {
        Taxpayer seller = taxpayer("Increase Seller");
        Taxpayer buyer = taxpayer("Increase Buyer");
        fund(buyer.account(), "1000.00");
        String reg = registrationNumber();
        registerInvoice(reg, "CREATED", new Invoice(seller, buyer).line(100_00, 12_00));
        assertThat(postOne(file(buyer, order("C1", 112_00, buyer, seller, purpose(reg)))).get("status").asText()).isEqualTo("EXECUTED");

        // more was delivered: the seller issues an additional invoice of 50.00 + 6.00, linked to the first
        String extra = registrationNumber();
        registerInvoice(extra, "CREATED", new Invoice(seller, buyer).additionalTo(reg).line(50_00, 6_00));
        assertThat(invoice(extra).get("adjustment").asText()).isEqualTo("INCREASE");
        assertThat(invoice(extra).get("relatedRegistrationNumber").asText()).isEqualTo(reg);
        assertThat(invoice(reg).get("corrections").toString()).contains(extra);

        // the original is paid and stays so; the additional invoice is paid by its own order, VAT split as any invoice
        assertThat(postOne(file(buyer, order("C2", 1_00, buyer, seller, purpose(reg)))).get("status").asText()).isEqualTo("REFUSED");
        JsonNode paid = postOne(file(buyer, order("C3", 56_00, buyer, seller, purpose(extra))));
        assertThat(paid.get("status").asText()).as(paid.toString()).isEqualTo("EXECUTED");
        assertThat(paid.get("vat").asText()).isEqualTo("6.00");
        assertThat(invoice(extra).get("paymentStatus").asText()).isEqualTo("PAID");
        assertThat(invoice(reg).get("paymentStatus").asText()).isEqualTo("PAID");
        assertThat(held(seller.account(), "VAT")).isEqualTo(18_00);
        assertThat(balance(buyer.account())).isEqualTo("832.00");
    }

    // ------------------------------------------------------------------ 14. a bank decides its own clients' orders only

    @Test
    void aBankUserBoundToItsParticipantSeesAndDecidesOnlyItsClientsOrders() {
        Taxpayer client = taxpayer("Bound Bank Client", confirmingBank(), true);
        Taxpayer otherClient = taxpayer("Other Bank Client"); // serviced by bank(), whose orders run at once
        Taxpayer seller = taxpayer("Bound Bank Seller");
        fund(client.account(), "500.00");
        fund(otherClient.account(), "500.00");
        String mine = registrationNumber();
        registerInvoice(mine, "CREATED", new Invoice(seller, client).line(100_00, 12_00));
        String theirs = registrationNumber();
        registerInvoice(theirs, "CREATED", new Invoice(seller, otherClient).line(100_00, 12_00));

        // the bound bank forwards a file: its client's order waits for it, the other bank's client's order is not its to send
        Response r = sendAs(BOUND_BANK, HttpRequest.newBuilder(uri("/api/erp-1c/payment-orders")).header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofByteArray(PaymentOrderFile.paymentOrders(client.account(), today(), List.of(
                        order("K1", 112_00, client, seller, purpose(mine)), order("K2", 112_00, otherClient, seller, purpose(theirs)))))));
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        JsonNode waiting = r.body().get("documents").get(0);
        assertThat(waiting.get("status").asText()).isEqualTo("AWAITING_CONFIRMATION");
        assertThat(r.body().get("documents").get(1).get("reasonCode").asText()).isEqualTo("NOT_AUTHORIZED");
        assertThat(balance(otherClient.account())).isEqualTo("500.00");

        // an order of another bank's client, sent through that bank: the bound bank neither sees nor decides it
        long foreign = postOne(file(otherClient, order("K3", 112_00, otherClient, seller, purpose(theirs)))).get("paymentOrder").asLong();
        assertThat(sendAs(BOUND_BANK, HttpRequest.newBuilder(uri("/api/payments/" + foreign)).GET()).status()).isEqualTo(404);
        assertThat(sendAs(BOUND_BANK, confirm(foreign)).status()).isEqualTo(404);
        Response listed = sendAs(BOUND_BANK, HttpRequest.newBuilder(uri("/api/payments?status=EXECUTED")).GET());
        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.body().findValuesAsText("id")).doesNotContain(Long.toString(foreign));

        // its own client's order: it confirms, and the payment is made
        Response confirmed = sendAs(BOUND_BANK, confirm(waiting.get("paymentOrder").asLong()));
        assertThat(confirmed.status()).as(confirmed.raw()).isEqualTo(200);
        assertThat(confirmed.body().get("status").asText()).isEqualTo("EXECUTED");
        assertThat(invoice(mine).get("paymentStatus").asText()).isEqualTo("PAID");
    }

    @Test
    void anUnknownStatusIsMalformedNotAnEmptyList() {
        // "AWAITNG_CONFIRMATION" answered [] before: a bank polling with a typo saw nothing waiting, forever
        for (String status : List.of("FOO", "AWAITNG_CONFIRMATION", "awaiting_confirmation")) {
            Response r = sendAs(BANK, HttpRequest.newBuilder(uri("/api/payments?status=" + status)).GET());
            assertThat(r.status()).as(status + " " + r.raw()).isEqualTo(400);
            assertThat(r.reason()).isEqualTo("MALFORMED");
            assertThat(r.body().get("message").asText()).contains("AWAITING_CONFIRMATION", "EXECUTED", "REFUSED", "DECLINED");
        }
        assertThat(sendAs(BANK, HttpRequest.newBuilder(uri("/api/payments?status=DECLINED")).GET()).status()).isEqualTo(200);
        assertThat(sendAs(BANK, HttpRequest.newBuilder(uri("/api/payments")).GET()).status()).isEqualTo(200);
    }
}
