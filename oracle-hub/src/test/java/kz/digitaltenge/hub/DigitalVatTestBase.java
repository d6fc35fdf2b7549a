package kz.digitaltenge.hub;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import kz.digitaltenge.routes.einvoice.testing.InvoiceDocument;
import kz.digitaltenge.routes.erp1c.testing.PaymentOrderFile;
import kz.digitaltenge.hub.payment.Statements;
import kz.digitaltenge.hub.security.HubRole;
import kz.digitaltenge.canonical.money.Tiyn;
import org.junit.jupiter.api.TestInstance;

/**
 * Fixtures of the Digital VAT tests on the shared test hub: taxpayers (a party with a company account that delegates
 * to the hub's payment agent), money issued to them, invoice XML as the e-invoice IS sends it, payment orders as 1C
 * writes them (a client-bank file or JSON), and the calls of the roles that make them. Everything is registered
 * through the API with fresh ids, so the tests do not depend on what other tests stored.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class DigitalVatTestBase extends HubTestBase {
    /** The hub's payment agent (hub.payments.agent-party-id). */
    static final String PAYMENT_AGENT = "990340000024";
    static final String TAX = userOf(HubRole.TAX_AUTHORITY);
    static final String BACK_OFFICE = userOf(HubRole.BACK_OFFICE);
    static final String TAXPAYER = userOf(HubRole.TAXPAYER);
    static final String BANK = userOf(HubRole.BANK);
    /** The confirming bank is registered once per JVM (its BIC is in the shared context's configuration). */
    private static final AtomicReference<Party> CONFIRMING_BANK = new AtomicReference<>();

    private Party issuer;
    private Party bank;

    /** A taxpayer: its party (BIN = TIN), its company account (= its IIK) and its name. */
    record Taxpayer(Party party, String account, String name) {
        String tin() {
            return party.id();
        }
    }

    static LocalDate today() {
        return LocalDate.now(Statements.ZONE);
    }

    static String registrationNumber() {
        return "ESF-" + UUID.randomUUID().toString().toUpperCase(java.util.Locale.ROOT);
    }

    // ------------------------------------------------------------------ parties, accounts, money

    Party issuer() {
        if (issuer == null) {
            issuer = party("VAT Issuer", List.of("ISSUER"), true);
            account(issuer, "ISSUER", issuer);
        }
        return issuer;
    }

    /** The bank servicing the taxpayers' accounts (its clients' orders run at once). */
    Party bank() {
        if (bank == null) {
            bank = party("VAT Bank", List.of("BANK"), true);
        }
        return bank;
    }

    /** The bank in hub.payments.confirming-banks: its clients' orders wait for its confirmation. */
    Party confirmingBank() {
        synchronized (CONFIRMING_BANK) {
            if (CONFIRMING_BANK.get() == null) {
                String id = CONFIRMING_BANK_PARTY;
                Response r = post("/api/ledger/participants", Map.of("partyId", id, "name", "Confirming Bank", "roles",
                        List.of("BANK"), "bic", CONFIRMING_BANK_BIC));
                assertThat(r.status()).as(r.raw()).isEqualTo(201);
                CONFIRMING_BANK.set(new Party(id, null, null, CONFIRMING_BANK_BIC));
            }
            return CONFIRMING_BANK.get();
        }
    }

    Taxpayer taxpayer(String name) {
        return taxpayer(name, bank(), true);
    }

    /** A company with an account at {@code servicer}, delegated to the payment agent when {@code delegated}. */
    Taxpayer taxpayer(String name, Party servicer, boolean delegated) {
        Party p = party(name, List.of(), false);
        String account = account(p, "COMPANY", servicer);
        if (delegated) {
            Response d = post("/api/ledger/accounts/" + account + "/delegations", Map.of("delegate", PAYMENT_AGENT));
            assertThat(d.status()).as(d.raw()).isEqualTo(201);
        }
        return new Taxpayer(p, account, name);
    }

    /** Issues {@code amount} to the account; returns the transaction id. */
    String fund(String account, String amount) {
        Response r = post("/api/ledger/transactions", signed(request("ISSUE", reference(), List.of(), outputs(account, amount)), issuer()));
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        return r.body().get("txId").asText();
    }

    // ------------------------------------------------------------------ invoices

    /** The demo's invoice builder, dated today, for a seller and buyer of the tests. */
    static final class Invoice extends InvoiceDocument.Invoice {
        Invoice(Taxpayer seller, Taxpayer buyer) {
            this(seller.tin(), seller.account(), buyer.tin());
        }

        Invoice(String sellerTin, String sellerIik, String buyerTin) {
            super(sellerTin, "ТОО Продавец", sellerIik, buyerTin, "ТОО Покупатель");
            date(today());
        }

        @Override
        public Invoice line(long net, long vat) {
            super.line(net, vat);
            return this;
        }

        @Override
        public Invoice num(String n) {
            super.num(n);
            return this;
        }

        @Override
        public Invoice contract(String number) {
            super.contract(number);
            return this;
        }

        @Override
        public Invoice additionalTo(String registrationNumber) {
            super.additionalTo(registrationNumber);
            return this;
        }
    }

    /** An invoice event as the e-invoice IS sends it over HTTP (as the tax authority's user). */
    Response postInvoice(String registrationNumber, String status, byte[] xml) {
        return sendAs(TAX, HttpRequest.newBuilder(uri("/api/einvoice/invoices?registrationNumber=" + registrationNumber
                + "&status=" + status)).header("Content-Type", "application/xml").POST(HttpRequest.BodyPublishers.ofByteArray(xml)));
    }

    /** Posts the invoice, which must be accepted; returns its fact id. */
    String registerInvoice(String registrationNumber, String status, Invoice invoice) {
        Response r = postInvoice(registrationNumber, status, invoice.bytes());
        assertThat(r.status()).as(r.raw()).isEqualTo(202);
        assertThat(r.body().get("status").asText()).isEqualTo("ACCEPTED");
        return r.body().get("factId").asText();
    }

    JsonNode invoice(String registrationNumber) {
        Response r = get("/api/invoices/" + registrationNumber);
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        return r.body();
    }

    // ------------------------------------------------------------------ payment orders

    /** A payment order by invoice from the buyer to the seller. */
    static PaymentOrderFile.Order order(String number, long amount, Taxpayer buyer, Taxpayer seller, String purpose) {
        return new PaymentOrderFile.Order(number, today(), amount, buyer.name(), buyer.tin(), buyer.account(), seller.name(), seller.tin(),
                seller.account(), purpose);
    }

    static byte[] file(Taxpayer payer, PaymentOrderFile.Order... orders) {
        return PaymentOrderFile.paymentOrders(payer.account(), today(), List.of(orders));
    }

    /**
     * A 1CClientBankExchange file, as the taxpayer's 1C sends it through its bank (an unbound taxpayer user may act for
     * nobody; the bound one is tested on its own).
     */
    Response postFile(byte[] file) {
        return sendAs(BANK, HttpRequest.newBuilder(uri("/api/erp-1c/payment-orders")).header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofByteArray(file)));
    }

    /** The file's one result, which must be accepted as a file. */
    JsonNode postOne(byte[] file) {
        Response r = postFile(file);
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        assertThat(r.body().get("documents")).as(r.raw()).hasSize(1);
        return r.body().get("documents").get(0);
    }

    /** A JSON payment order (nulls left out). */
    static String jsonOrder(String number, String amount, Taxpayer payer, Taxpayer payee, String invoice, String contract,
                            String purpose) {
        return PaymentOrderFile.json(new PaymentOrderFile.Order(number, today(), Tiyn.parse(amount), payer.name(), payer.tin(),
                payer.account(), payee.name(), payee.tin(), payee.account(), purpose), invoice, contract);
    }

    Response postJson(String json) {
        return sendAs(BANK, HttpRequest.newBuilder(uri("/api/erp-1c/payment-orders")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    JsonNode payment(long id) {
        Response r = sendAs(BANK, HttpRequest.newBuilder(uri("/api/payments/" + id)).GET());
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        return r.body();
    }

    // ------------------------------------------------------------------ quarantine (the back office)

    JsonNode quarantined(long id) {
        Response r = sendAs(BACK_OFFICE, HttpRequest.newBuilder(uri("/api/quarantine/messages/" + id)).GET());
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        return r.body();
    }

    Response backOffice(String path, Object jsonBody) {
        try {
            return sendAs(BACK_OFFICE, HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(jsonBody instanceof String s ? s : JSON.writeValueAsString(jsonBody))));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The audit log of a quarantine entry as actor:action, oldest first. */
    List<String> audit(long id) {
        Response r = sendAs(BACK_OFFICE, HttpRequest.newBuilder(uri("/api/quarantine/audit?target=" + id)).GET());
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        List<String> seen = new ArrayList<>();
        r.body().get("items").forEach(e -> seen.add(e.get("actor").asText() + ":" + e.get("action").asText()));
        return seen;
    }
}
