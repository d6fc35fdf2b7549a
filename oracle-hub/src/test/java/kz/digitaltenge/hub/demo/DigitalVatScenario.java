package kz.digitaltenge.hub.demo;

import kz.digitaltenge.hub.demo.DemoClient.HttpResult;
import kz.digitaltenge.routes.einvoice.testing.InvoiceDocument;
import kz.digitaltenge.routes.erp1c.testing.PaymentOrderFile;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kz.digitaltenge.hub.api.TransactionJson;
import kz.digitaltenge.hub.api.TransactionJson.InputJson;
import kz.digitaltenge.hub.api.TransactionJson.OutputJson;
import kz.digitaltenge.hub.api.TransactionJson.SignatureJson;
import kz.digitaltenge.hub.api.TransactionJson.TransactionRequest;
import kz.digitaltenge.hub.payment.Statements;
import kz.digitaltenge.ledger.crypto.Keys;
import kz.digitaltenge.ledger.crypto.SignatureAlgorithm;
import kz.digitaltenge.canonical.id.AccountNumber;
import kz.digitaltenge.canonical.id.PartyId;
import kz.digitaltenge.canonical.money.Tiyn;
import kz.digitaltenge.ledger.tx.Transaction;

/**
 * The Digital VAT scenario against a running hub, through its public API only, printing what happens: parties and
 * accounts are registered (keys generated here, never stored), the issuer funds the buyer, the e-invoice IS
 * registers an invoice, the buyer's 1C pays it with a file of two payment orders (a partial payment, then the
 * rest), the seller pays VAT to the tax office (the mark is removed there), and a VAT token offered for anything
 * else is refused. Used by {@code bin/demo-vat} and by the end-to-end test (which sends the invoice over Kafka).
 */
public final class DigitalVatScenario {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();

    /** How the invoice reaches the hub: HTTP by default; the end-to-end test sends it over Kafka. */
    @FunctionalInterface
    public interface InvoiceChannel {
        void send(String registrationNumber, String status, byte[] invoiceXml) throws Exception;
    }

    /** API users (name, password) by role, as the demo profile creates them. */
    public record Users(String[] admin, String[] issuer, String[] tax, String[] taxpayer, String[] bank) {
        public static Users demo() {
            return new Users(new String[] {"admin", "demo-admin"}, new String[] {"issuer", "demo-issuer"},
                    new String[] {"tax", "demo-tax"}, new String[] {"taxpayer", "demo-taxpayer"}, new String[] {"bank", "demo-bank"});
        }
    }

    /** What the scenario made, for the checks of a test. */
    public record Result(String registrationNumber, String buyerAccount, String sellerAccount, String taxOfficeAccount,
                         List<String> paymentTransactions, String vatPaymentTransaction, String refusedReason,
                         long refusedDocumentQuarantineId, Map<String, JsonNode> views) {
    }

    private final URI base;
    private final Users users;
    private final String agentPartyId;
    private final PrintStream out;
    /** The HTTP calls, as every demo makes them. */
    private final DemoClient client;
    private final Map<String, JsonNode> views = new LinkedHashMap<>();

    public DigitalVatScenario(URI base, Users users, String agentPartyId, PrintStream out) {
        this.base = base;
        this.users = users;
        this.agentPartyId = agentPartyId;
        this.out = out;
        this.client = new DemoClient(base, out);
    }

    public Result run(InvoiceChannel channel) throws Exception {
        LocalDate today = LocalDate.now(Statements.ZONE);
        String run = Long.toString(Math.abs(RANDOM.nextLong()) % 1_000_000);
        step("1. Register the parties (keys generated for this run)");
        String issuerBic = "D" + letters(3) + "KZKX";
        KeyPair issuerKeys = Keys.generate(SignatureAlgorithm.ED25519);
        KeyPair sellerKeys = Keys.generate(SignatureAlgorithm.ED25519);
        PartyId issuer = party("Demo issuer " + run, List.of("ISSUER"), issuerBic);
        String issuerKey = key(issuer, "demo-issuer-" + run, issuerKeys);
        PartyId buyer = party("ТОО Покупатель " + run, List.of(), null);
        PartyId seller = party("ТОО Продавец " + run, List.of(), null);
        String sellerKey = key(seller, "demo-seller-" + run, sellerKeys);
        PartyId taxAuthority = party("КГД, налоговый орган " + run, List.of("TAX_AUTHORITY"), null);
        String buyerAccount = account(buyer, "COMPANY", issuerBic);
        String sellerAccount = account(seller, "COMPANY", issuerBic);
        String taxOffice = account(taxAuthority, "TAX_OFFICE", issuerBic);
        call("POST", "/api/ledger/accounts/" + buyerAccount + "/delegations", users.admin(), "application/json",
                json(Map.of("delegate", agentPartyId)), 200);
        say("buyer %s account %s (delegates payments to the hub's payment agent %s)", buyer.value(), buyerAccount, agentPartyId);
        say("seller %s account %s; tax office account %s", seller.value(), sellerAccount, taxOffice);

        step("2. The issuer funds the buyer with 1 000 000.00");
        submit(users.issuer(), new TransactionRequest("ISSUE", "demo-issue-" + run, List.of(),
                List.of(new OutputJson(buyerAccount, "1000000.00")), null), issuerKey, issuerKeys);
        say("buyer balance %s", balance(buyerAccount));

        step("3. The e-invoice IS registers an invoice: net 500 000.00 + VAT 12% 60 000.00 = 560 000.00");
        String reg = "ESF-" + seller.value() + "-" + today.toString().replace("-", "") + "-" + run;
        byte[] xml = InvoiceDocument.invoice(run, today, seller.value(), "ТОО Продавец " + run, sellerAccount, buyer.value(),
                "ТОО Покупатель " + run, null, List.of(new InvoiceDocument.Line("Цемент М400, т", 20, 30_000_000L, 12),
                        new InvoiceDocument.Line("Доставка", 1, 20_000_000L, 12)));
        if (channel == null) {
            HttpResult r = call("POST", "/api/einvoice/invoices?registrationNumber=" + reg + "&status=CREATED", users.tax(),
                    "application/xml", xml, 202);
            say("fact %s", r.json().path("factId").asText());
        } else {
            channel.send(reg, "CREATED", xml);
        }
        JsonNode invoice = awaitInvoice(reg);
        say("invoice %s: %s, gross %s, outstanding %s", reg, invoice.path("paymentStatus").asText(), invoice.path("gross").asText(),
                invoice.path("outstanding").asText());

        step("4. The buyer's 1C sends a file of two payment orders: 300 000.00 (VAT stated), then the rest");
        byte[] file = PaymentOrderFile.paymentOrders(buyerAccount, today, List.of(
                new PaymentOrderFile.Order("101", today, 30_000_000L, "ТОО Покупатель " + run, buyer.value(), buyerAccount,
                        "ТОО Продавец " + run, seller.value(), sellerAccount, "Оплата по ЭСФ " + reg + " за цемент, в т.ч. НДС 12% - 32142.86"),
                new PaymentOrderFile.Order("102", today, 26_000_000L, "ТОО Покупатель " + run, buyer.value(), buyerAccount,
                        "ТОО Продавец " + run, seller.value(), sellerAccount, "Окончательный расчет по ЭСФ " + reg)));
        // through the buyer's bank, as 1C files travel (a taxpayer user acts only for the participant it is bound to)
        HttpResult orders = call("POST", "/api/erp-1c/payment-orders", users.bank(), "text/plain", file, 200);
        List<String> paymentTxs = new ArrayList<>();
        for (JsonNode d : orders.json().path("documents")) {
            say("document lines %s-%s, order %s: %s %s %s (VAT %s) tx %s", d.path("startLine").asText(), d.path("endLine").asText(),
                    d.path("number").asText(), d.path("status").asText(), d.path("amount").asText(), d.path("reasonCode").asText(""),
                    d.path("vat").asText(), d.path("transactionId").asText(""));
            if ("EXECUTED".equals(d.path("status").asText())) {
                paymentTxs.add(d.path("transactionId").asText());
            }
        }
        invoice = getJson("/api/invoices/" + reg, users.bank());
        views.put("invoiceAfterPayment", invoice);
        say("invoice %s: %s, paid %s, outstanding %s", reg, invoice.path("paymentStatus").asText(), invoice.path("paid").asText(),
                invoice.path("outstanding").asText());
        say("buyer balance %s; seller balance %s (standard %s, VAT tokens %s)", balance(buyerAccount), balance(sellerAccount),
                sum(sellerAccount, null), sum(sellerAccount, "VAT"));

        step("5. The seller pays 50 000.00 of its VAT to the tax office: the mark is removed there");
        List<InputJson> vatInputs = new ArrayList<>();
        long vatHeld = 0;
        for (JsonNode o : getJson("/api/ledger/accounts/" + sellerAccount + "/outputs?limit=100", users.bank()).path("outputs")) {
            if ("VAT".equals(o.path("marking").asText(null))) {
                vatInputs.add(new InputJson(o.path("txId").asText(), o.path("index").asInt()));
                vatHeld += Tiyn.parse(o.path("amount").asText());
            }
        }
        HttpResult vatPaid = submit(users.bank(), new TransactionRequest("TRANSFER", "demo-vat-" + run, vatInputs,
                List.of(new OutputJson(taxOffice, "50000.00"), new OutputJson(sellerAccount, Tiyn.format(vatHeld - 5_000_000L), "VAT", null)),
                null), sellerKey, sellerKeys);
        String vatTx = vatPaid.json().path("txId").asText();
        say("committed %s: tax office balance %s, seller VAT tokens left %s", vatTx, balance(taxOffice), sum(sellerAccount, "VAT"));

        step("6. The seller offers its remaining VAT token for a non-VAT purpose (to the buyer): refused");
        String vatChange = null;
        for (JsonNode o : getJson("/api/ledger/accounts/" + sellerAccount + "/outputs?limit=100", users.bank()).path("outputs")) {
            if ("VAT".equals(o.path("marking").asText(null))) {
                vatChange = o.path("txId").asText() + ":" + o.path("index").asInt();
            }
        }
        String[] ref = vatChange.split(":");
        HttpResult refused = submitExpectingRefusal(users.bank(), new TransactionRequest("TRANSFER", "demo-misuse-" + run,
                List.of(new InputJson(ref[0], Integer.parseInt(ref[1]))), List.of(new OutputJson(buyerAccount, "10000.00")), null),
                sellerKey, sellerKeys);
        String reason = refused.json().path("reason").asText();
        say("HTTP %d %s: %s", refused.status(), reason, refused.json().path("message").asText());

        step("7. The buyer's statement for today, as 1C loads it (cp1251)");
        HttpResult statement = call("GET", "/api/erp-1c/statements?account=" + buyerAccount + "&from=" + today + "&to=" + today,
                users.bank(), null, null, 200);
        for (String line : new String(statement.body(), Charset.forName("windows-1251")).split("\r\n")) {
            if (line.startsWith("НачальныйОстаток") || line.startsWith("ВсегоПоступило") || line.startsWith("ВсегоСписано")
                    || line.startsWith("КонечныйОстаток") || line.startsWith("НомерДокумента") || line.startsWith("СуммаРасход")
                    || line.startsWith("СуммаПриход")) {
                say("%s", line);
            }
        }
        long refusedDocument = leaveWorkForTheBackOffice(run, today, seller, sellerAccount, buyer, buyerAccount);
        return new Result(reg, buyerAccount, sellerAccount, taxOffice, paymentTxs, vatTx, reason, refusedDocument, views);
    }

    /**
     * A second invoice, and the buyer's 1C file paying it with an impossible date (31 February): the document is refused
     * and quarantined with its lines, for the back office to find, understand and fix in the admin UI (the date is the
     * back office's to correct; a retry then pays the invoice). Also a file that ends before its end, refused whole.
     */
    private long leaveWorkForTheBackOffice(String run, LocalDate today, PartyId seller, String sellerAccount, PartyId buyer,
                                           String buyerAccount) throws Exception {
        step("8. A second invoice of 112 000.00; the buyer's 1C pays it with a file dated 31 February (for the back office)");
        String reg = "ESF-" + seller.value() + "-" + today.toString().replace("-", "") + "-" + run + "2";
        byte[] xml = InvoiceDocument.invoice(run + "2", today, seller.value(), "ТОО Продавец " + run, sellerAccount, buyer.value(),
                "ТОО Покупатель " + run, null, List.of(new InvoiceDocument.Line("Арматура А500, т", 2, 10_000_000L, 12)));
        call("POST", "/api/einvoice/invoices?registrationNumber=" + reg + "&status=CREATED", users.tax(), "application/xml", xml, 202);
        awaitInvoice(reg);
        Charset cp1251 = Charset.forName("windows-1251");
        String dated = today.format(java.time.format.DateTimeFormatter.ofPattern("dd.MM.yyyy"));
        String file = new String(PaymentOrderFile.paymentOrders(buyerAccount, today, List.of(new PaymentOrderFile.Order("103", today,
                11_200_000L, "ТОО Покупатель " + run, buyer.value(), buyerAccount, "ТОО Продавец " + run, seller.value(), sellerAccount,
                "Оплата по ЭСФ " + reg + " за арматуру"))), cp1251);
        byte[] wrongDate = file.replace("ДатаДокумента=" + dated, "ДатаДокумента=31.02." + today.getYear()).getBytes(cp1251);
        JsonNode doc = call("POST", "/api/erp-1c/payment-orders", users.bank(), "text/plain", wrongDate, 200).json()
                .path("documents").path(0);
        long quarantined = doc.path("quarantineId").asLong();
        say("order 103: %s %s (%s), quarantined as #%d", doc.path("status").asText(), doc.path("reasonCode").asText(),
                doc.path("message").asText(), quarantined);
        byte[] cut = file.substring(0, file.indexOf("КонецФайла")).replace("НомерДокумента=103", "НомерДокумента=104").getBytes(cp1251);
        JsonNode whole = call("POST", "/api/erp-1c/payment-orders", users.bank(), "text/plain", cut, 422).json();
        say("a file without its end: %s %s, quarantined as #%d", whole.path("status").asText(), whole.path("reasonCode").asText(),
                whole.path("quarantineId").asLong());
        say("the back office fixes them at %sadmin/ (user backoffice, password demo-backoffice)", base);
        return quarantined;
    }

    private JsonNode awaitInvoice(String reg) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            HttpResult r = call("GET", "/api/invoices/" + reg, users.bank(), null, null, -1);
            if (r.status() == 200) {
                views.putIfAbsent("invoiceRegistered", r.json()); // the first invoice's, for the checks
                return r.json();
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("invoice " + reg + " was not registered within 60 s: " + r.text());
            }
            Thread.sleep(100); // polling the registry for an event delivered asynchronously (Kafka)
        }
    }

    private PartyId party(String name, List<String> roles, String bic) throws Exception {
        PartyId id = newPartyId();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("partyId", id.value());
        body.put("name", name);
        body.put("roles", roles);
        if (bic != null) {
            body.put("bic", bic);
        }
        call("POST", "/api/ledger/participants", users.admin(), "application/json", json(body), 200);
        return id;
    }

    private String key(PartyId party, String keyId, KeyPair keys) throws Exception {
        call("POST", "/api/ledger/participants/" + party.value() + "/keys", users.admin(), "application/json",
                json(Map.of("keyId", keyId, "algorithm", "ED25519", "publicKey", Keys.base64(keys.getPublic().getEncoded()))), 200);
        return keyId;
    }

    private String account(PartyId owner, String kind, String servicer) throws Exception {
        String number = AccountNumber.of("601", String.format("%013d", Math.abs(RANDOM.nextLong()) % 10_000_000_000_000L)).value();
        call("POST", "/api/ledger/accounts", users.admin(), "application/json",
                json(Map.of("number", number, "owner", owner.value(), "kind", kind, "servicer", servicer)), 200);
        return number;
    }

    private HttpResult submit(String[] user, TransactionRequest request, String keyId, KeyPair keys) throws Exception {
        return call("POST", "/api/ledger/transactions", user, "application/json", json(signed(request, keyId, keys)), 200);
    }

    private HttpResult submitExpectingRefusal(String[] user, TransactionRequest request, String keyId, KeyPair keys) throws Exception {
        HttpResult r = call("POST", "/api/ledger/transactions", user, "application/json", json(signed(request, keyId, keys)), -1);
        if (r.status() < 400) {
            throw new IllegalStateException("expected a refusal, the hub answered " + r.status() + " " + r.text());
        }
        return r;
    }

    private static TransactionRequest signed(TransactionRequest request, String keyId, KeyPair keys) {
        Transaction tx = TransactionJson.toTransaction(request);
        byte[] signature = Keys.sign(SignatureAlgorithm.ED25519, keys.getPrivate(), tx.id().bytes());
        return request.withSignature(new SignatureJson(keyId, Base64.getEncoder().encodeToString(signature)));
    }

    private String balance(String account) throws Exception {
        return getJson("/api/ledger/accounts/" + account + "/balance", users.bank()).path("balance").asText();
    }

    private String sum(String account, String marking) throws Exception {
        long total = 0;
        for (JsonNode o : getJson("/api/ledger/accounts/" + account + "/outputs?limit=1000", users.bank()).path("outputs")) {
            String m = o.path("marking").isMissingNode() || o.path("marking").isNull() ? null : o.path("marking").asText();
            if (java.util.Objects.equals(m, marking)) {
                total += Tiyn.parse(o.path("amount").asText());
            }
        }
        return Tiyn.format(total);
    }

    private JsonNode getJson(String path, String[] user) throws Exception {
        return call("GET", path, user, null, null, 200).json();
    }

    private HttpResult call(String method, String path, String[] user, String contentType, byte[] body, int expected) throws Exception {
        return client.call(method, path, user, contentType, body, expected);
    }

    private static byte[] json(Object value) throws Exception {
        return JSON.writeValueAsBytes(value);
    }

    private void step(String title) {
        out.println();
        out.println(title);
    }

    private void say(String format, Object... args) {
        out.println("   " + String.format(format, args));
    }

    private static PartyId newPartyId() {
        while (true) {
            String first11 = String.format("%011d", Math.abs(RANDOM.nextLong()) % 100_000_000_000L);
            int check = PartyId.checkDigit(first11);
            if (check >= 0) {
                return new PartyId(first11 + check);
            }
        }
    }

    private static String letters(int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append((char) ('A' + RANDOM.nextInt(26)));
        }
        return sb.toString();
    }
}
