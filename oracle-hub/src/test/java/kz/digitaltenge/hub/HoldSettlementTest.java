package kz.digitaltenge.hub;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import kz.digitaltenge.hub.api.TransactionJson.OutputJson;
import kz.digitaltenge.hub.api.TransactionJson.TransactionRequest;
import kz.digitaltenge.hub.programmable.HoldSettlement;
import kz.digitaltenge.hub.security.HubRole;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The oracle settles held money by itself when a source's event fact is stored: nobody calls a release endpoint. A
 * release happens once per occurrence under redelivery and after a crash (the sweep finishes it); an early return
 * voids a hold; a refusal is quarantined with its reason and the money stays held until a retry finds it allowed.
 */
class HoldSettlementTest extends HubTestBase {
    private static final String EVENTS = userOf(HubRole.EVENT_PROVIDER);

    @Autowired
    HoldSettlement settlement;

    @Autowired
    DataSource dataSource;

    private record Held(String id, Party sender, String senderAcc, String recipientAcc) {
    }

    private Response intake(Map<String, Object> message) {
        try {
            return sendAs(EVENTS, HttpRequest.newBuilder(uri("/api/intake/" + HeldTestSource.ID)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(message))));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Object> message(String id, String type, String subject, Map<String, String> terms) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("sourceMessageId", id);
        m.put("type", type);
        m.put("subject", subject);
        m.put("terms", terms);
        m.put("occurredAt", Instant.now().toString());
        return m;
    }

    /** An event registered through the source, and {@code held} of a fresh 100.00 held for it by its sender. */
    private Held held(String holdType, String held) {
        Party sender = party("Held Sender", List.of(), false);
        String senderAcc = account(sender, "COMPANY", bank());
        String recipientAcc = account(party("Held Recipient", List.of(), false), "COMPANY", bank());
        String id = "HT-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        register(id, senderAcc, recipientAcc, holdType);
        hold(id, sender, senderAcc, held);
        return new Held(id, sender, senderAcc, recipientAcc);
    }

    private void register(String id, String senderAcc, String recipientAcc, String holdType) {
        Response r = intake(message("reg-" + id, "EVENT_REGISTERED", id, Map.of("sender", senderAcc, "recipient", recipientAcc,
                "amount", "10000", "validUntil", Instant.now().plus(Duration.ofDays(10)).toString(), "holdType", holdType)));
        assertThat(r.status()).as(r.raw()).isEqualTo(202);
    }

    private void hold(String id, Party sender, String senderAcc, String held) {
        Response approved = post("/api/programmable/events/" + id + "/hold-approvals", Map.of("amount", held));
        assertThat(approved.status()).as(approved.raw()).isEqualTo(201);
        Response issued = post("/api/ledger/transactions", signed(request("ISSUE", reference(), List.of(), outputs(senderAcc, "100.00")),
                issuer()));
        assertThat(issued.status()).as(issued.raw()).isEqualTo(200);
        String event = get("/api/programmable/events/" + id).body().get("factId").asText();
        Response r = post("/api/ledger/transactions", signed(new TransactionRequest("HOLD", reference(),
                List.of(input(issued.body().get("txId").asText(), 0)), List.of(new OutputJson(senderAcc, held, null, "EVENT:" + id),
                new OutputJson(senderAcc, kz.digitaltenge.canonical.money.Tiyn.format(10_000 - kz.digitaltenge.canonical.money.Tiyn.parse(held)))),
                List.of(event, approved.body().get("factId").asText()), null), sender));
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
    }

    private Party issuerParty;
    private Party bankParty;

    private Party bank() {
        if (bankParty == null) {
            bankParty = party("Held Bank", List.of("BANK"), true);
        }
        return bankParty;
    }

    private Party issuer() {
        if (issuerParty == null) {
            issuerParty = party("Held Issuer", List.of("ISSUER"), true);
            account(issuerParty, "ISSUER", issuerParty);
        }
        return issuerParty;
    }

    private String heldNow(String id) {
        return get("/api/programmable/events/" + id).body().get("heldNow").asText();
    }

    @Test
    void anOccurrenceReleasesByItselfOnceWhateverIsDeliveredAgain() {
        Held e = held("UNLIMITED", "60.00");
        Map<String, Object> occurred = message("occ-1-" + e.id(), "EVENT_OCCURRED", e.id(),
                Map.of("occurrence", "batch 1", "action", "RELEASE", "pay", "2500"));
        Response first = intake(occurred);
        assertThat(first.status()).as(first.raw()).isEqualTo(202);
        assertThat(balance(e.recipientAcc())).isEqualTo("25.00");
        assertThat(heldNow(e.id())).isEqualTo("35.00");

        // the source sends it again: a duplicate, and nothing moves twice
        Response again = intake(occurred);
        assertThat(again.body().get("status").asText()).as(again.raw()).isEqualTo("DUPLICATE");
        assertThat(settlement.sweep()).isGreaterThanOrEqualTo(0);
        assertThat(balance(e.recipientAcc())).isEqualTo("25.00");
        assertThat(heldNow(e.id())).isEqualTo("35.00");
        // the release names the source's fact and the oracle's approval of that amount
        JsonNode ev = get("/api/programmable/events/" + e.id()).body();
        assertThat(ev.get("occurrences").get(0).get("released").asBoolean()).isTrue();
    }

    @Test
    void aFactAboutSomethingElseReleasesThroughTheOraclesOwnOccurrenceOfTheEvent() {
        Held e = held("UNLIMITED", "60.00");
        Response r = intake(message("animal-" + e.id(), "EVENT_OCCURRED", "BORROWER-" + e.id(),
                Map.of("occurrence", "OWNER_CHANGE:KZA112345678", "event", e.id(), "action", "RELEASE", "pay", "4000")));
        assertThat(r.status()).as(r.raw()).isEqualTo(202);
        assertThat(balance(e.recipientAcc())).isEqualTo("40.00");
        JsonNode occurrence = get("/api/programmable/events/" + e.id()).body().get("occurrences").get(0);
        assertThat(occurrence.get("occurrence").asText()).isEqualTo("OWNER_CHANGE:KZA112345678");
        assertThat(occurrence.get("released").asBoolean()).isTrue();
    }

    @Test
    void aRejectionReturnsTheWholeHoldToItsSenderBeforeItEnds() {
        Held e = held("SINGLE", "70.00");
        assertThat(balance(e.senderAcc())).isEqualTo("100.00");
        Response r = intake(message("rej-" + e.id(), "EVENT_OCCURRED", e.id(), Map.of("occurrence", "REJECTED@now", "action", "RETURN")));
        assertThat(r.status()).as(r.raw()).isEqualTo(202);
        assertThat(heldNow(e.id())).isEqualTo("0.00");
        assertThat(balance(e.senderAcc())).isEqualTo("100.00");
        assertThat(balance(e.recipientAcc())).isEqualTo("0.00");
        Response spend = get("/api/ledger/accounts/" + e.senderAcc() + "/outputs");
        assertThat(spend.raw()).doesNotContain("EVENT:" + e.id());
    }

    @Test
    void aRefusalIsQuarantinedTheMoneyStaysHeldAndARetryAfterTheFixReleases() {
        Party sender = party("Early Sender", List.of(), false);
        String senderAcc = account(sender, "COMPANY", bank());
        String recipientAcc = account(party("Early Recipient", List.of(), false), "COMPANY", bank());
        String id = "HT-early-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        // the occurrence arrives before the event is registered: refused, quarantined with its reason
        Response early = intake(message("early-" + id, "EVENT_OCCURRED", id, Map.of("occurrence", "first", "action", "RELEASE", "pay", "1000")));
        assertThat(early.status()).as(early.raw()).isEqualTo(202);
        Response queue = sendAs(userOf(HubRole.BACK_OFFICE), HttpRequest.newBuilder(uri("/api/quarantine/messages?q=" + id)).GET());
        JsonNode entry = queue.body().get("items").get(0);
        assertThat(entry.get("reasonCode").asText()).as(queue.raw()).isEqualTo("UNKNOWN_REFERENCE");
        assertThat(entry.get("routeId").asText()).isEqualTo("hold-settlement");

        register(id, senderAcc, recipientAcc, "UNLIMITED");
        hold(id, sender, senderAcc, "50.00");
        assertThat(balance(recipientAcc)).isEqualTo("0.00");
        Response retried = sendAs(userOf(HubRole.BACK_OFFICE), HttpRequest.newBuilder(uri("/api/quarantine/messages/"
                + entry.get("id").asLong() + "/retry")).POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(retried.status()).as(retried.raw()).isEqualTo(200);
        assertThat(retried.body().get("outcome").get("result").asText()).as(retried.raw()).isEqualTo("REPLAYED");
        assertThat(balance(recipientAcc)).isEqualTo("10.00");
        // and a retry again releases nothing more
        assertThat(settlement.sweep()).isGreaterThanOrEqualTo(0);
        assertThat(balance(recipientAcc)).isEqualTo("10.00");
    }

    @Test
    void aCrashBetweenTheFactAndItsReleaseIsFinishedByTheSweepOnce() throws Exception {
        Held e = held("UNLIMITED", "60.00");
        HeldTestSource.CRASH.set(true);
        try {
            Response r = intake(message("crash-" + e.id(), "EVENT_OCCURRED", e.id(),
                    Map.of("occurrence", "after the crash", "action", "RELEASE", "pay", "1500")));
            assertThat(r.status()).as(r.raw()).isEqualTo(202); // the fact is stored: the source is done
        } finally {
            HeldTestSource.CRASH.set(false);
        }
        assertThat(balance(e.recipientAcc())).as("nothing moved yet").isEqualTo("0.00");
        assertThat(settlement.sweep()).isPositive();
        assertThat(balance(e.recipientAcc())).isEqualTo("15.00");
        assertThat(settlement.sweep()).isZero();
        assertThat(balance(e.recipientAcc())).isEqualTo("15.00");

        // a decision recorded but not carried out (the hub died between the two) is carried out once
        Response second = intake(message("crash2-" + e.id(), "EVENT_OCCURRED", e.id(),
                Map.of("occurrence", "second", "action", "RELEASE", "pay", "500")));
        assertThat(balance(e.recipientAcc())).isEqualTo("20.00");
        String fact = second.body().get("factId").asText();
        try (var c = dataSource.getConnection(); var ps = c.prepareStatement(
                "update hold_decisions set outcome = 'PENDING', released = 0, transaction_id = null where fact_id = ?")) {
            ps.setBytes(1, java.util.HexFormat.of().parseHex(fact));
            assertThat(ps.executeUpdate()).isEqualTo(1);
        }
        assertThat(settlement.sweep()).isPositive();
        assertThat(balance(e.recipientAcc())).as("the release is found, not made again").isEqualTo("20.00");
    }

    @Test
    void manyHoldsAreVoidedInOneCallAndTheSameRequestAgainChangesNothing() {
        List<Held> holds = List.of(held("UNLIMITED", "30.00"), held("SINGLE", "40.00"), held("UNLIMITED", "50.00"));
        List<Map<String, String>> events = holds.stream().map(h -> Map.of("eventId", h.id())).toList();
        Map<String, Object> body = Map.of("requestId", "close-" + holds.get(0).id(), "reason", "the programme closed", "events", events);
        Response voided = sendAs(userOf(HubRole.TREASURY), HttpRequest.newBuilder(uri("/api/programmable/holds/voids"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json(body))));
        assertThat(voided.status()).as(voided.raw()).isEqualTo(200);
        assertThat(voided.body().get("done").asInt()).isEqualTo(3);
        assertThat(voided.body().get("events").get(1).get("amount").asText()).isEqualTo("40.00");
        for (Held h : holds) {
            assertThat(heldNow(h.id())).isEqualTo("0.00");
            assertThat(balance(h.senderAcc())).isEqualTo("100.00");
        }
        // the history names the void as the oracle's own occurrence, with its approval; an occurrence another source sent
        // (one without hold rules, so no decision) is that source's
        Response other = sendAs(EVENTS, HttpRequest.newBuilder(uri("/api/intake/events-test")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json(message("other-" + holds.get(0).id(), "EVENT_OCCURRED", holds.get(0).id(),
                        Map.of("occurrence", "noted elsewhere", "amount", "0"))))));
        assertThat(other.status()).as(other.raw()).isEqualTo(202);
        JsonNode history = get("/api/programmable/events/" + holds.get(0).id() + "/history").body().get("entries");
        assertThat(history.findValuesAsText("origin")).as(history.toString()).containsExactly("ORACLE", "SOURCE");
        assertThat(history.get(0).get("occurrence").asText()).isEqualTo("void:close-" + holds.get(0).id());
        assertThat(history.get(0).get("approvals").findValuesAsText("type")).containsExactly("VOID_APPROVED");
        assertThat(history.get(0).get("summary").asText()).contains("a void asked by " + userOf(HubRole.TREASURY));
        assertThat(history.get(1).get("source").asText()).isEqualTo("events-test");
        assertThat(history.get(1).hasNonNull("decision")).isFalse();

        Response again = sendAs(userOf(HubRole.TREASURY), HttpRequest.newBuilder(uri("/api/programmable/holds/voids"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json(body))));
        assertThat(again.body().get("events").findValuesAsText("amount")).containsOnly("0.00");
        // the programme's owner voids; a source does not
        assertThat(sendAs(EVENTS, HttpRequest.newBuilder(uri("/api/programmable/holds/voids")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json(body)))).status()).isEqualTo(403);
    }

    /**
     * The event's history says which entry the source sent (its fact as stated, with what the hub decided about it) and
     * which the oracle made (of a source's fact that stated no amount, or that named the borrower), with the approvals.
     */
    @Test
    void theEventsHistorySaysWhichEntryTheSourceSentAndWhichTheOracleMade() {
        Held e = held("UNLIMITED", "60.00");
        Instant at = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).minusSeconds(60);
        Map<String, Object> own = message("h-own-" + e.id(), "EVENT_OCCURRED", e.id(),
                Map.of("occurrence", "own", "action", "RELEASE", "pay", "1000", "amount", "1000"));
        Map<String, Object> zero = message("h-zero-" + e.id(), "EVENT_OCCURRED", e.id(),
                Map.of("occurrence", "APPROVED@x", "status", "APPROVED", "action", "RELEASE", "pay", "1500", "amount", "0"));
        Map<String, Object> borrower = message("h-borrower-" + e.id(), "EVENT_OCCURRED", "BORROWER-" + e.id(),
                Map.of("occurrence", "OWNER_CHANGE:KZA119999999", "event", e.id(), "action", "RELEASE", "pay", "2000"));
        Map<String, Object> none = message("h-none-" + e.id(), "EVENT_OCCURRED", e.id(), Map.of("occurrence", "nothing", "action", "NONE"));
        Map<String, Object> refused = message("h-refused-" + e.id(), "EVENT_OCCURRED", e.id(), Map.of("occurrence", "no", "action", "REFUSE"));
        List<Map<String, Object>> sent = List.of(own, zero, borrower, none, refused);
        List<String> facts = new java.util.ArrayList<>();
        for (int i = 0; i < sent.size(); i++) {
            sent.get(i).put("occurredAt", at.plusSeconds(i).toString());
            Response r = intake(sent.get(i));
            assertThat(r.status()).as(r.raw()).isEqualTo(202);
            facts.add(r.body().get("factId").asText());
        }
        assertThat(balance(e.recipientAcc())).isEqualTo("45.00");

        Response r = sendAs(userOf(HubRole.AUDITOR), HttpRequest.newBuilder(uri("/api/programmable/events/" + e.id() + "/history")).GET());
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        JsonNode entries = r.body().get("entries");
        assertThat(entries.findValuesAsText("origin")).as(r.raw())
                .containsExactly("SOURCE", "SOURCE", "ORACLE", "SOURCE", "ORACLE", "SOURCE", "SOURCE");
        // the source's fact that stated its amount is itself the occurrence released
        JsonNode first = entries.get(0);
        assertThat(first.get("factId").asText()).isEqualTo(facts.get(0));
        assertThat(first.get("source").asText()).isEqualTo(HeldTestSource.ID);
        assertThat(first.get("decision").get("outcome").asText()).isEqualTo("RELEASED");
        assertThat(first.get("decision").get("released").asText()).isEqualTo("10.00");
        assertThat(first.get("decision").get("occurrenceFactId").asText()).isEqualTo(facts.get(0));
        assertThat(first.get("approvals").findValuesAsText("type")).containsExactly("RELEASE_APPROVED");
        assertThat(first.get("released").asBoolean()).isTrue();
        // a status stating 0, as the source sent it, and the oracle's occurrence made of it, which released
        JsonNode status = entries.get(1);
        JsonNode oracles = entries.get(2);
        assertThat(status.get("factId").asText()).isEqualTo(facts.get(1));
        assertThat(status.get("amount").asText()).isEqualTo("0.00");
        assertThat(status.get("terms").get("status").asText()).isEqualTo("APPROVED");
        assertThat(status.get("released").asBoolean()).isFalse();
        assertThat(status.get("approvals")).isEmpty();
        assertThat(status.get("decision").get("occurrenceFactId").asText()).isEqualTo(oracles.get("factId").asText());
        assertThat(oracles.get("madeOf").asText()).isEqualTo(facts.get(1));
        assertThat(oracles.get("occurrence").asText()).isEqualTo("APPROVED@x");
        assertThat(oracles.get("amount").asText()).isEqualTo("15.00");
        assertThat(oracles.get("approvals").get(0).get("amount").asText()).isEqualTo("15.00");
        assertThat(oracles.get("released").asBoolean()).isTrue();
        assertThat(oracles.hasNonNull("decision")).isFalse();
        assertThat(oracles.get("summary").asText()).startsWith("made by the oracle");
        assertThat(status.get("summary").asText()).startsWith("sent by " + HeldTestSource.ID).contains("through the oracle's occurrence");
        // a fact about the borrower, decided for this event, and the oracle's occurrence of the event made of it
        assertThat(entries.get(3).get("subject").asText()).isEqualTo("BORROWER-" + e.id());
        assertThat(entries.get(4).get("madeOf").asText()).isEqualTo(facts.get(2));
        assertThat(entries.get(3).get("decision").get("occurrenceFactId").asText()).isEqualTo(entries.get(4).get("factId").asText());
        // what moved nothing is in the history too, with why
        assertThat(entries.get(5).get("decision").get("outcome").asText()).isEqualTo("UNCHANGED");
        assertThat(entries.get(6).get("decision").get("outcome").asText()).isEqualTo("REFUSED");
        assertThat(entries.get(6).get("decision").get("reasonCode").asText()).isEqualTo("BUSINESS_RULE");
        assertThat(entries.get(6).get("decision").get("quarantineId").isNumber()).isTrue();

        assertThat(get("/api/programmable/events/HT-none-" + e.id() + "/history").status()).isEqualTo(404);
    }

    /**
     * A partial release of a SINGLE hold pays the recipient that part and returns the rest to the sender unheld; the
     * decision records what the recipient got (it used to count the returned rest as released too).
     */
    @Test
    void aPartialReleaseOfASingleHoldRecordsWhatTheRecipientGotNotTheReturnedRest() {
        Held e = held("SINGLE", "70.00");
        Response r = intake(message("partial-" + e.id(), "EVENT_OCCURRED", e.id(), Map.of("occurrence", "approved for less",
                "action", "RELEASE", "pay", "2500", "amount", "2500")));
        assertThat(r.status()).as(r.raw()).isEqualTo(202);
        assertThat(balance(e.recipientAcc())).isEqualTo("25.00");
        assertThat(balance(e.senderAcc())).isEqualTo("75.00");
        assertThat(heldNow(e.id())).isEqualTo("0.00");
        JsonNode decision = get("/api/programmable/events/" + e.id() + "/history").body().get("entries").get(0).get("decision");
        assertThat(decision.get("outcome").asText()).isEqualTo("RELEASED");
        assertThat(decision.get("amount").asText()).isEqualTo("25.00");
        assertThat(decision.get("released").asText()).isEqualTo("25.00");
    }

    private static String json(Object o) {
        try {
            return JSON.writeValueAsString(o);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
