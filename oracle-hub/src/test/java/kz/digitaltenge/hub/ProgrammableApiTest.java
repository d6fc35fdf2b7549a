package kz.digitaltenge.hub;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import kz.digitaltenge.hub.api.TransactionJson;
import kz.digitaltenge.hub.api.TransactionJson.InputJson;
import kz.digitaltenge.hub.api.TransactionJson.OutputJson;
import kz.digitaltenge.hub.api.TransactionJson.TransactionRequest;
import kz.digitaltenge.hub.oracle.OracleSigner;
import kz.digitaltenge.ledger.fact.FactId;
import kz.digitaltenge.canonical.id.AccountNumber;
import kz.digitaltenge.canonical.money.Tiyn;
import kz.digitaltenge.ledger.tx.Output;
import kz.digitaltenge.ledger.tx.OutputRef;
import kz.digitaltenge.ledger.tx.Transaction;
import kz.digitaltenge.ledger.tx.TxId;
import kz.digitaltenge.ledger.tx.TxType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Programmable money through the HTTP API, one happy path per archetype with its refusals: address-list marking,
 * contract marking, VAT, holding (release by the hub as the oracle, hold expiry). Facts are signed by the hub's
 * oracle key ({@code /api/oracle/facts/sign}); clients sign with keys generated here.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProgrammableApiTest extends HubTestBase {
    @Autowired
    OracleSigner oracle;

    Party issuer;
    Party treasury;
    Party bank;

    @BeforeAll
    void fixtures() {
        issuer = party("Prog Issuer", List.of("ISSUER"), true);
        account(issuer, "ISSUER", issuer);
        treasury = party("Prog Treasury", List.of("TREASURY"), true); // a fresh BIC: the shared context may hold others
        bank = party("Prog Bank", List.of("BANK"), true);
    }

    // ------------------------------------------------------------------ helpers

    private String fact(String type, String subject, Map<String, String> terms) {
        Response r = post("/api/oracle/facts/sign", Map.of("type", type, "subject", subject, "terms", terms));
        assertThat(r.status()).as(r.raw()).isIn(200, 201);
        return r.body().get("id").asText();
    }

    private Response submit(TransactionRequest request) {
        return post("/api/ledger/transactions", request);
    }

    private JsonNode ok(TransactionRequest request) {
        Response r = submit(request);
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        assertThat(r.body().get("status").asText()).isEqualTo("COMMITTED");
        return r.body();
    }

    private String issue(String account, String amount) {
        return ok(signed(request("ISSUE", reference(), List.of(), outputs(account, amount)), issuer)).get("txId").asText();
    }

    private static TransactionRequest tx(String type, List<InputJson> inputs, List<OutputJson> outputs, List<String> facts) {
        return new TransactionRequest(type, reference(), inputs, outputs, facts, null);
    }

    private static OutputJson out(String account, String amount, String marking, String hold) {
        return new OutputJson(account, amount, marking, hold);
    }

    private String company(Party owner) {
        return account(owner, "COMPANY", bank);
    }

    /** A government body's account at the Treasury, delegated to it (the Treasury may sign for it). */
    private String governmentAccount(Party body) {
        String number = account(body, "GOVERNMENT_BODY", treasury);
        Response d = post("/api/ledger/accounts/" + number + "/delegations", Map.of("delegate", treasury.id()));
        assertThat(d.status()).as(d.raw()).isEqualTo(201);
        return number;
    }

    private record Snapshot(JsonNode supply, Map<String, String> balances) {
    }

    private Snapshot snapshot(String... accounts) {
        Map<String, String> b = new LinkedHashMap<>();
        for (String a : accounts) {
            b.put(a, balance(a));
        }
        return new Snapshot(supply(), b);
    }

    private void assertRefused(Response r, int status, String reason, Snapshot before, String... accounts) {
        assertThat(r.status()).as(r.raw()).isEqualTo(status);
        assertThat(r.reason()).as(r.raw()).isEqualTo(reason);
        assertThat(r.body().get("message").asText()).isNotBlank();
        assertThat(snapshot(accounts)).isEqualTo(before);
        assertThat(get("/api/ledger/supply/audit").body().get("consistent").asBoolean()).isTrue();
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }

    // ------------------------------------------------------------------ the JSON mapping

    @Test
    void theTransactionIdCoversFactsMarkingAndHold() {
        String fact = "ab".repeat(32);
        String a = "KZ86125KZT5004100100";
        TransactionRequest r = new TransactionRequest("HOLD", "r-1", List.of(input("cd".repeat(32), 0)),
                List.of(out(a, "60.00", "CONTRACT:C-1", "EVENT:EV-1"), new OutputJson(a, "40")), List.of(fact), null);
        Transaction expected = new Transaction(TxType.HOLD, "r-1", List.of(new OutputRef(TxId.parse("cd".repeat(32)), 0)),
                List.of(new Output(AccountNumber.parse(a), 6_000, "CONTRACT:C-1", "EVENT:EV-1"),
                        Output.standard(AccountNumber.parse(a), 4_000)), List.of(FactId.parse(fact)));
        assertThat(TransactionJson.toTransaction(r).id()).isEqualTo(expected.id());
        assertThat(TransactionJson.toTransaction(new TransactionRequest("HOLD", "r-1", r.inputs(),
                List.of(out(a, "60.00", "CONTRACT:C-1", null), new OutputJson(a, "40")), List.of(fact), null)).id())
                .isNotEqualTo(expected.id());
        // the oracle's transaction signature names its key
        assertThat(oracle.sign(expected).keyId()).isEqualTo(oracle.keyId());
        assertThat(Tiyn.format(6_000)).isEqualTo("60.00");
    }

    // ------------------------------------------------------------------ address-list marking

    @Test
    void addressListMarkHopAndRefusedHop() {
        Party ministry = party("Prog Ministry", List.of(), false);
        Party contractor = party("Prog Contractor", List.of(), false);
        Party supplier = party("Prog Supplier", List.of(), false);
        String treasuryAcc = account(treasury, "GOVERNMENT_BODY", treasury);
        String ministryAcc = governmentAccount(ministry);
        String contractorAcc = company(contractor);
        String supplierAcc = company(supplier);

        Response listed = post("/api/programmable/address-lists", Map.of("initiator", treasury.id(), "recipient", ministryAcc,
                "levels", List.of(List.of(contractorAcc), List.of(supplierAcc))));
        assertThat(listed.status()).as(listed.raw()).isEqualTo(201);
        String listId = listed.body().get("id").asText();
        assertThat(listId).hasSize(64);
        assertThat(listed.body().get("depth").asInt()).isEqualTo(2);
        Response again = get("/api/programmable/address-lists/" + listId);
        assertThat(again.status()).as(again.raw()).isEqualTo(200);
        assertThat(again.body().get("levels").get(1).get(0).asText()).isEqualTo(supplierAcc);
        assertThat(get("/api/programmable/address-lists/" + "00".repeat(32)).status()).isEqualTo(404);

        String coin = issue(treasuryAcc, "100.00");
        JsonNode mark = ok(signed(tx("MARK", List.of(input(coin, 0)), List.of(out(ministryAcc, "80.00", "ADDR:" + listId + ":0", null),
                new OutputJson(treasuryAcc, "20.00")), null), treasury));
        assertThat(mark.get("type").asText()).isEqualTo("MARK");
        assertThat(mark.get("outputs").get(0).get("marking").asText()).isEqualTo("ADDR:" + listId + ":0");
        assertThat(mark.get("outputs").get(1).has("marking")).isFalse();
        assertThat(mark.get("balances").get(ministryAcc).asText()).isEqualTo("80.00");
        String markId = mark.get("txId").asText();

        // level 0 → the contractor (allowed at level 0) receives at level 1; change stays at level 0
        JsonNode hop = ok(signed(tx("TRANSFER", List.of(input(markId, 0)), List.of(
                out(contractorAcc, "50.00", "ADDR:" + listId + ":1", null),
                out(ministryAcc, "30.00", "ADDR:" + listId + ":0", null)), null), ministry));
        String hopId = hop.get("txId").asText();
        Response detail = get("/api/ledger/transactions/" + hopId);
        assertThat(detail.body().get("outputs").get(0).get("marking").asText()).isEqualTo("ADDR:" + listId + ":1");
        assertThat(detail.body().get("facts")).isEmpty();

        // the supplier is allowed only at level 1: refused, nothing moves
        Snapshot before = snapshot(ministryAcc, contractorAcc, supplierAcc);
        assertRefused(submit(signed(tx("TRANSFER", List.of(input(hopId, 1)), List.of(
                out(supplierAcc, "30.00", "ADDR:" + listId + ":1", null)), null), ministry)),
                422, "MARKING_VIOLATION", before, ministryAcc, contractorAcc, supplierAcc);

        // the last level lifts the mark: the supplier receives standard money
        JsonNode last = ok(signed(tx("TRANSFER", List.of(input(hopId, 0)), List.of(new OutputJson(supplierAcc, "50.00")), null),
                contractor));
        assertThat(last.get("balances").get(supplierAcc).asText()).isEqualTo("50.00");
        assertThat(last.get("outputs").get(0).has("marking")).isFalse();
    }

    // ------------------------------------------------------------------ contract marking

    @Test
    void contractMarkTransferRemainingAndOverLimit() {
        Party ministry = party("Contract Ministry", List.of(), false);
        Party builder = party("Builder LLP", List.of(), false);
        String ministryAcc = governmentAccount(ministry);
        String builderAcc = company(builder);
        String number = unique("C");
        Map<String, String> terms = new LinkedHashMap<>();
        terms.put("sender", ministryAcc);
        terms.put("recipient", builderAcc);
        terms.put("maxTransfer", "60000");
        terms.put("maxCashOut", "20000");
        terms.put("validFrom", Instant.now().minus(Duration.ofDays(1)).toString());
        terms.put("validTo", Instant.now().plus(Duration.ofDays(30)).toString());
        String contract = fact("CONTRACT_REGISTERED", number, terms);
        String mark = "CONTRACT:" + number;

        String coin = issue(ministryAcc, "1000.00");
        JsonNode marked = ok(signed(tx("MARK", List.of(input(coin, 0)), List.of(out(ministryAcc, "1000.00", mark, null)),
                List.of(contract)), treasury));
        assertThat(marked.get("facts").get(0).asText()).isEqualTo(contract);
        JsonNode paid = ok(signed(tx("TRANSFER", List.of(input(marked.get("txId").asText(), 0)), List.of(
                out(builderAcc, "400.00", mark, null), out(ministryAcc, "600.00", mark, null)), List.of(contract)), ministry));
        assertThat(paid.get("balances").get(builderAcc).asText()).isEqualTo("400.00");

        Response c = get("/api/programmable/contracts/" + number);
        assertThat(c.status()).as(c.raw()).isEqualTo(200);
        assertThat(c.body().get("factId").asText()).isEqualTo(contract);
        assertThat(c.body().get("maxTransfer").asText()).isEqualTo("600.00");
        assertThat(c.body().get("transferred").asText()).isEqualTo("400.00");
        assertThat(c.body().get("remainingTransfer").asText()).isEqualTo("200.00");
        assertThat(c.body().get("cashedOut").asText()).isEqualTo("0.00");
        assertThat(c.body().get("remainingCashOut").asText()).isEqualTo("200.00");
        assertThat(c.body().get("valid").asBoolean()).isTrue();
        assertThat(c.body().get("sender").asText()).isEqualTo(ministryAcc);

        // 400 + 300 > 600: refused, nothing moves
        Snapshot before = snapshot(ministryAcc, builderAcc);
        assertRefused(submit(signed(tx("TRANSFER", List.of(input(paid.get("txId").asText(), 1)), List.of(
                out(builderAcc, "300.00", mark, null), out(ministryAcc, "300.00", mark, null)), List.of(contract)), ministry)),
                422, "LIMIT_EXCEEDED", before, ministryAcc, builderAcc);
        assertThat(get("/api/programmable/contracts/" + number).body().get("remainingTransfer").asText()).isEqualTo("200.00");

        Response unknown = get("/api/programmable/contracts/" + unique("NO"));
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.reason()).isEqualTo("NOT_FOUND");

        // the project's transaction tree: the marking, then the payment to the builder, verified edge by edge
        Response tree = get("/api/programmable/trace?contract=" + number);
        assertThat(tree.status()).isEqualTo(200);
        assertThat(tree.body().get("verified").asBoolean()).isTrue();
        assertThat(tree.body().get("transactions").asInt()).isEqualTo(2);
        assertThat(tree.body().get("roots").get(0).get("children").get(0).get("txId").asText()).isEqualTo(paid.get("txId").asText());
        assertThat(tree.body().get("roots").get(0).get("children").get(0).get("tracedAmount").asText()).isEqualTo("1000.00");
        assertThat(get("/api/programmable/trace?contract=" + unique("NO")).status()).isEqualTo(404);
        assertThat(get("/api/programmable/trace").reason()).isEqualTo("MALFORMED");

        // an expired contract marks nothing (422 EXPIRED), and only the Treasury lifts a mark (403 NOT_AUTHORIZED)
        String oldNumber = unique("OLD");
        Map<String, String> old = new LinkedHashMap<>(terms);
        old.put("validFrom", Instant.now().minus(Duration.ofDays(30)).toString());
        old.put("validTo", Instant.now().minus(Duration.ofDays(1)).toString());
        String expired = fact("CONTRACT_REGISTERED", oldNumber, old);
        String coin2 = issue(ministryAcc, "10.00");
        Snapshot beforeExpired = snapshot(ministryAcc, builderAcc);
        assertRefused(submit(signed(tx("MARK", List.of(input(coin2, 0)), List.of(out(ministryAcc, "10.00", "CONTRACT:" + oldNumber, null)),
                List.of(expired)), treasury)), 422, "EXPIRED", beforeExpired, ministryAcc, builderAcc);
        assertRefused(submit(signed(tx("UNMARK", List.of(input(paid.get("txId").asText(), 1)), List.of(out(ministryAcc, "600.00", null, null)),
                List.of()), ministry)), 403, "NOT_AUTHORIZED", beforeExpired, ministryAcc, builderAcc);
    }

    // ------------------------------------------------------------------ VAT

    @Test
    void invoicePaymentSplitsVatAndVatTokensGoOnlyToVatUses() {
        Party seller = party("VAT Seller", List.of(), false);
        Party buyer = party("VAT Buyer", List.of(), false);
        Party taxAuthority = party("Tax Office", List.of("TAX_AUTHORITY"), false);
        String sellerAcc = company(seller);
        String buyerAcc = company(buyer);
        String taxAcc = account(taxAuthority, "TAX_OFFICE", treasury);
        String reg = unique("ESF");
        String invoice = fact("INVOICE_REGISTERED", reg, Map.of("sellerTin", seller.id(), "buyerTin", buyer.id(),
                "net", "100000", "vat", "12000", "gross", "112000", "currency", "KZT", "status", "CREATED"));

        // a partial payment of 560.00: VAT part 560 × 120 / 1120 = 60.00, net 500.00
        String coin = issue(buyerAcc, "2000.00");
        JsonNode paid = ok(signed(tx("TRANSFER", List.of(input(coin, 0)), List.of(new OutputJson(sellerAcc, "500.00"),
                out(sellerAcc, "60.00", "VAT", null), new OutputJson(buyerAcc, "1440.00")), List.of(invoice)), buyer));
        assertThat(paid.get("balances").get(sellerAcc).asText()).isEqualTo("560.00");
        String payId = paid.get("txId").asText();

        Response p = get("/api/programmable/invoices/" + reg + "/payments");
        assertThat(p.status()).as(p.raw()).isEqualTo(200);
        JsonNode b = p.body();
        assertThat(b.get("net").asText()).isEqualTo("1000.00");
        assertThat(b.get("vat").asText()).isEqualTo("120.00");
        assertThat(b.get("gross").asText()).isEqualTo("1120.00");
        assertThat(b.get("paidNet").asText()).isEqualTo("500.00");
        assertThat(b.get("paidVat").asText()).isEqualTo("60.00");
        assertThat(b.get("outstandingNet").asText()).isEqualTo("500.00");
        assertThat(b.get("outstandingVat").asText()).isEqualTo("60.00");
        assertThat(b.get("status").asText()).isEqualTo("CREATED");
        assertThat(b.get("settled").asBoolean()).isFalse();

        // VAT tokens cannot pay just anyone
        Snapshot before = snapshot(sellerAcc, buyerAcc, taxAcc);
        assertRefused(submit(signed(tx("TRANSFER", List.of(input(payId, 1)), List.of(new OutputJson(buyerAcc, "60.00")), null),
                seller)), 422, "MARKING_VIOLATION", before, sellerAcc, buyerAcc, taxAcc);
        // the tax office receives them, as standard money
        JsonNode tax = ok(signed(tx("TRANSFER", List.of(input(payId, 1)), List.of(new OutputJson(taxAcc, "60.00")), null), seller));
        assertThat(tax.get("balances").get(taxAcc).asText()).isEqualTo("60.00");
        assertThat(get("/api/programmable/invoices/" + unique("NO") + "/payments").status()).isEqualTo(404);
        // the invoice's registry keeps every state the oracle registered, the last one current
        Response history = get("/api/programmable/invoices/" + reg);
        assertThat(history.status()).as(history.raw()).isEqualTo(200);
        assertThat(history.body().get("states")).isNotEmpty();
        assertThat(history.body().get("currentStatus").asText())
                .isEqualTo(history.body().get("states").get(history.body().get("states").size() - 1).get("status").asText());
        assertThat(get("/api/programmable/invoices/" + unique("NO")).status()).isEqualTo(404);
    }

    // ------------------------------------------------------------------ holding

    private record Event(String id, String fact, Party sender, String senderAcc, String recipientAcc) {
    }

    private Event event(String holdType, String amount, Instant validUntil) {
        Party farmer = party("Farmer", List.of(), false);
        String farmerAcc = company(farmer);
        String recipientAcc = company(party("Processor", List.of(), false));
        String id = unique("EV");
        String fact = fact("EVENT_REGISTERED", id, Map.of("sender", farmerAcc, "recipient", recipientAcc, "amount", amount,
                "validUntil", validUntil.toString(), "holdType", holdType));
        return new Event(id, fact, farmer, farmerAcc, recipientAcc);
    }

    /** Holds {@code held} of a fresh {@code total} issue; returns the HOLD's answer (output 0 held, 1 change). */
    private JsonNode hold(Event e, String total, String held, String heldTiyn, String change) {
        Response approved = post("/api/programmable/events/" + e.id() + "/hold-approvals", Map.of("amount", held));
        assertThat(approved.status()).as(approved.raw()).isEqualTo(201);
        assertThat(approved.body().get("amount").asText()).isEqualTo(held);
        assertThat(kz.digitaltenge.canonical.money.Tiyn.parse(held)).isEqualTo(Long.parseLong(heldTiyn));
        String approval = approved.body().get("factId").asText();
        String coin = issue(e.senderAcc(), total);
        return ok(signed(tx("HOLD", List.of(input(coin, 0)), List.of(out(e.senderAcc(), held, null, "EVENT:" + e.id()),
                new OutputJson(e.senderAcc(), change)), List.of(e.fact(), approval)), e.sender()));
    }

    @Test
    void holdReleaseByTheOracleOncePerOccurrence() {
        Event e = event("UNLIMITED", "6000", Instant.now().plus(Duration.ofDays(10)));
        JsonNode hold = hold(e, "100.00", "60.00", "6000", "40.00");
        String holdId = hold.get("txId").asText();
        assertThat(hold.get("outputs").get(0).get("hold").asText()).isEqualTo("EVENT:" + e.id());
        assertThat(hold.get("balances").get(e.senderAcc()).asText()).isEqualTo("100.00"); // held money is still the sender's

        // held money is not the sender's to spend
        Snapshot before = snapshot(e.senderAcc(), e.recipientAcc());
        assertRefused(submit(signed(tx("TRANSFER", List.of(input(holdId, 0)), List.of(new OutputJson(e.recipientAcc(), "60.00")),
                null), e.sender())), 422, "HELD", before, e.senderAcc(), e.recipientAcc());

        Response ev = get("/api/programmable/events/" + e.id());
        assertThat(ev.status()).as(ev.raw()).isEqualTo(200);
        assertThat(ev.body().get("heldSoFar").asText()).isEqualTo("60.00");
        assertThat(ev.body().get("heldNow").asText()).isEqualTo("60.00");
        assertThat(ev.body().get("heldOutputs")).hasSize(1);
        assertThat(ev.body().get("heldOutputs").get(0).get("txId").asText()).isEqualTo(holdId);
        assertThat(ev.body().get("expired").asBoolean()).isFalse();

        // nothing has expired: the expiry pass returns nothing
        Response run = post("/api/programmable/holds/expiry/run", "");
        assertThat(run.status()).as(run.raw()).isEqualTo(200);
        assertThat(run.body().get("returned").asInt()).isZero();

        // an occurrence: the hub, as the oracle, releases 25.00; the rest is held again (unlimited)
        String occurred = fact("EVENT_OCCURRED", e.id(), Map.of("occurrence", "batch 1", "amount", "2500"));
        Map<String, Object> body = Map.of("occurrenceFactId", occurred);
        Response released = post("/api/programmable/events/" + e.id() + "/release", body);
        assertThat(released.status()).as(released.raw()).isEqualTo(200);
        JsonNode r = released.body();
        assertThat(r.get("type").asText()).isEqualTo("RELEASE");
        assertThat(r.get("reference").asText()).startsWith("release:" + occurred.substring(0, 16));
        assertThat(r.get("balances").get(e.recipientAcc()).asText()).isEqualTo("25.00");
        assertThat(r.get("balances").get(e.senderAcc()).asText()).isEqualTo("75.00");
        assertThat(r.get("outputs").get(1).get("hold").asText()).isEqualTo("EVENT:" + e.id());
        assertThat(r.get("outputs").get(1).get("amount").asText()).isEqualTo("35.00");
        Response detail = get("/api/ledger/transactions/" + r.get("txId").asText());
        assertThat(detail.body().get("facts")).hasSize(3);
        assertThat(detail.body().get("signatures").get(0).get("keyId").asText()).isEqualTo(oracle.keyId());

        // the identical call again answers the same committed transaction
        Response same = post("/api/programmable/events/" + e.id() + "/release", body);
        assertThat(same.status()).as(same.raw()).isEqualTo(200);
        assertThat(same.body().get("txId")).isEqualTo(r.get("txId"));
        assertThat(same.body().get("seq")).isEqualTo(r.get("seq"));

        // approvals are the oracle's own: none can be signed on request, and a release naming one of its own is refused
        before = snapshot(e.senderAcc(), e.recipientAcc());
        Response forged = post("/api/oracle/facts/sign", Map.of("type", "RELEASE_APPROVED", "subject", e.id(),
                "terms", Map.of("occurrence", occurred, "amount", "1000")));
        assertThat(forged.status()).as(forged.raw()).isEqualTo(403);
        assertThat(forged.body().get("reason").asText()).isEqualTo("NOT_AUTHORIZED");
        assertRefused(post("/api/programmable/events/" + e.id() + "/release",
                Map.of("occurrenceFactId", occurred, "releaseApprovalFactId", occurred)), 400,
                "MALFORMED", before, e.senderAcc(), e.recipientAcc());
        Response evAfter = get("/api/programmable/events/" + e.id());
        assertThat(evAfter.body().get("heldNow").asText()).isEqualTo("35.00");
        // the event's registry lists its occurrences, and which were released
        assertThat(evAfter.body().get("occurrences")).hasSize(1);
        assertThat(evAfter.body().get("occurrences").get(0).get("factId").asText()).isEqualTo(occurred);
        assertThat(evAfter.body().get("occurrences").get(0).get("occurrence").asText()).isEqualTo("batch 1");
        assertThat(evAfter.body().get("occurrences").get(0).get("released").asBoolean()).isTrue();

        // a second occurrence releases from the re-held output, naming it explicitly
        String occurred2 = fact("EVENT_OCCURRED", e.id(), Map.of("occurrence", "batch 2", "amount", "5000"));
        Response second = post("/api/programmable/events/" + e.id() + "/release", Map.of("occurrenceFactId", occurred2,
                "inputs", List.of(Map.of("txId", r.get("txId").asText(), "index", 1))));
        assertThat(second.status()).as(second.raw()).isEqualTo(200);
        assertThat(second.body().get("balances").get(e.recipientAcc()).asText()).isEqualTo("60.00"); // all held, less than approved
        assertThat(second.body().get("outputs")).hasSize(1);

        assertThat(get("/api/programmable/events/" + unique("NO")).status()).isEqualTo(404);
        // the first occurrence again: its release, once
        Response replayed = post("/api/programmable/events/" + e.id() + "/release", Map.of("occurrenceFactId", occurred));
        assertThat(replayed.status()).as(replayed.raw()).isEqualTo(200);
        assertThat(replayed.body().get("txId")).isEqualTo(r.get("txId"));
        assertThat(post("/api/programmable/events/" + e.id() + "/release", Map.of()).status()).isEqualTo(400);
    }

    @Test
    void holdExpiryReturnsWhatIsHeldAfterTheEvent() {
        // the event ends a minute from the ledger's now; the test moves the ledger's clock past it instead of waiting
        Instant until = CLOCK.instant().plus(Duration.ofMinutes(1));
        Event e = event("SINGLE", "5000", until);
        JsonNode hold = hold(e, "80.00", "50.00", "5000", "30.00");
        List<String> heldBefore = new ArrayList<>();
        get("/api/ledger/accounts/" + e.senderAcc() + "/outputs").body().get("outputs")
                .forEach(o -> heldBefore.add(o.path("hold").asText(null)));
        assertThat(heldBefore).containsExactlyInAnyOrder("EVENT:" + e.id(), null);
        assertThat(post("/api/programmable/holds/expiry/run", "").body().get("returned").asInt()).isZero();
        assertThat(get("/api/programmable/events/" + e.id()).body().get("expired").asBoolean()).isFalse();
        Duration past = Duration.between(CLOCK.instant(), until).plusSeconds(1);
        CLOCK.advance(past);
        try {
            holdIsReturnedOnceTheEventEnded(e, hold);
        } finally {
            CLOCK.advance(past.negated()); // the other tests of the shared context see the real time again
        }
    }

    private void holdIsReturnedOnceTheEventEnded(Event e, JsonNode hold) {
        Response run = post("/api/programmable/holds/expiry/run", "");
        assertThat(run.status()).as(run.raw()).isEqualTo(200);
        assertThat(run.body().get("returned").asInt()).isEqualTo(1);
        Response ev = get("/api/programmable/events/" + e.id());
        assertThat(ev.body().get("heldNow").asText()).isEqualTo("0.00");
        assertThat(ev.body().get("expired").asBoolean()).isTrue();
        assertThat(balance(e.senderAcc())).isEqualTo("80.00");
        Response outs = get("/api/ledger/accounts/" + e.senderAcc() + "/outputs");
        List<String> held = new ArrayList<>();
        outs.body().get("outputs").forEach(o -> held.add(o.path("hold").asText(null)));
        assertThat(held).containsOnlyNulls();
        assertThat(post("/api/programmable/holds/expiry/run", "").body().get("returned").asInt()).isZero();
        assertThat(hold.get("txId").asText()).hasSize(64);
    }
}
