package kz.digitaltenge.hub.demo;

import static kz.digitaltenge.hub.demo.DemoClient.expect;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kz.digitaltenge.canonical.money.Tiyn;
import kz.digitaltenge.hub.api.TransactionJson.InputJson;
import kz.digitaltenge.hub.api.TransactionJson.OutputJson;
import kz.digitaltenge.hub.api.TransactionJson.TransactionRequest;
import kz.digitaltenge.routes.subsidy.testing.SubsidyEvents;

/**
 * Investment subsidies for leased machinery (routes-subsidy), played through the hub's public API: an akimat holds the
 * subsidy of three applications, and the subsidy system's statuses settle them with no release call — one approved in
 * full (the leasing company is paid), one approved for less than held (that is paid, the rest returns), one rejected
 * (everything returns). Each event's history is printed from {@code GET /api/programmable/events/{id}/history}: the
 * subsidy system's statuses as it sent them (origin SOURCE, with the hub's decision) apart from the occurrence the oracle
 * made of a status that stated no amount (origin ORACLE, made of it, approved and released). Used by
 * {@code bin/demo-leasing} and by {@code DigitalVatEndToEndTest}.
 */
public final class LeasingScenario {
    /** What the scenario left, for a test's checks. */
    public record Result(String akimatAccount, String leasingAccount, Map<String, String> events, Map<String, String> heldNow,
                         Map<String, List<String>> historyOrigins, Map<String, String> released, String akimatBalance,
                         String leasingBalance) {
    }

    private final DemoClient hub;

    public LeasingScenario(URI base, PrintStream out) {
        this.hub = new DemoClient(base, out);
    }

    public Result run() throws Exception {
        String run = Long.toString(Math.abs(DemoClient.RANDOM.nextLong()) % 1_000_000_000L);
        hub.step("1. The akimat (a government body at the Treasury) and a leasing company; the akimat's budget: 10 000 000.00");
        String treasuryBic = DemoClient.bic();
        DemoClient.Party treasury = hub.party("Казначейство " + run, List.of("TREASURY"), treasuryBic);
        DemoClient.Party issuer = hub.party("Эмитент " + run, List.of("ISSUER"), DemoClient.bic());
        DemoClient.Party akimat = hub.party("Акимат Акмолинской области " + run, List.of(), null);
        String akimatAcc = hub.account(akimat.id(), "GOVERNMENT_BODY", treasuryBic);
        DemoClient.Party leasing = hub.party("АО КазАгроФинанс " + run, List.of(), null);
        String leasingAcc = hub.account(leasing.id(), "COMPANY", treasuryBic);
        String budget = hub.submit(DemoClient.ISSUER, new TransactionRequest("ISSUE", "leasing-budget-" + run, List.of(),
                List.of(new OutputJson(akimatAcc, "10000000.00")), null), issuer).json().path("txId").asText();
        hub.say("akimat %s, leasing company %s", akimatAcc, leasingAcc);

        hub.step("2. Three applications registered by the subsidy system; the akimat holds each subsidy");
        String[][] apps = {{"1", "3500000.00"}, {"2", "2000000.00"}, {"3", "1500000.00"}};
        Map<String, String> events = new LinkedHashMap<>();
        String coin = budget;
        int index = 0;
        for (String[] app : apps) {
            String number = String.format("%014d", Long.parseLong(run) * 10 + Long.parseLong(app[0]));
            Map<String, Object> reg = SubsidyEvents.registration(number, app[1], Instant.now(), Instant.now().plus(Duration.ofDays(90)));
            reg.put("senderAccount", akimatAcc);
            reg.put("recipientAccount", leasingAcc);
            hub.call("POST", "/api/intake/subsidy", DemoClient.EVENTS, "application/json", SubsidyEvents.json(reg), 202);
            String event = "SUBSIDY-" + number;
            events.put(app[0], event);
            String approval = hub.call("POST", "/api/programmable/events/" + event + "/hold-approvals", DemoClient.TREASURY,
                    "application/json", DemoClient.json(Map.of("amount", app[1])), 201).json().path("factId").asText();
            String eventFact = hub.getJson("/api/programmable/events/" + event, DemoClient.ADMIN).path("factId").asText();
            JsonNode held = hub.submit(DemoClient.TREASURY, new TransactionRequest("HOLD", "leasing-hold-" + number,
                    List.of(new InputJson(coin, index)), List.of(new OutputJson(akimatAcc, app[1], null, "EVENT:" + event),
                    new OutputJson(akimatAcc, Tiyn.format(Tiyn.parse(hub.balance(akimatAcc)) - held(akimatAcc) - Tiyn.parse(app[1])))),
                    List.of(eventFact, approval), null), akimat).json();
            coin = held.path("txId").asText();
            index = 1;
            hub.say("application %s: %s held for %s", number, app[1], event);
        }

        hub.step("3. The subsidy system reports: #1 approved in full, #2 approved for 1 200 000.00, #3 rejected");
        Instant at = Instant.now();
        post(SubsidyEvents.status(number(events.get("1")), "Одобрена", at, null));
        post(SubsidyEvents.status(number(events.get("2")), "Одобрена", at, "1200000.00"));
        post(SubsidyEvents.status(number(events.get("3")), "Отклонена", at, null));

        hub.step("4. What the hub did by itself, as the oracle: each event's history, the source's entries and the oracle's");
        Map<String, String> heldNow = new LinkedHashMap<>();
        Map<String, List<String>> origins = new LinkedHashMap<>();
        Map<String, String> released = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : events.entrySet()) {
            JsonNode ev = hub.getJson("/api/programmable/events/" + e.getValue(), DemoClient.ADMIN);
            heldNow.put(e.getKey(), ev.path("heldNow").asText());
            hub.say("%s: held now %s", e.getValue(), ev.path("heldNow").asText());
            JsonNode entries = hub.getJson("/api/programmable/events/" + e.getValue() + "/history", DemoClient.ADMIN).path("entries");
            List<String> seen = new java.util.ArrayList<>();
            long paid = 0;
            for (JsonNode entry : entries) {
                seen.add(entry.path("origin").asText());
                if (entry.path("decision").hasNonNull("released")) {
                    paid += Tiyn.parse(entry.path("decision").path("released").asText());
                }
                hub.say("  %s", line(entry));
            }
            origins.put(e.getKey(), seen);
            released.put(e.getKey(), Tiyn.format(paid));
        }
        // #1 stated no amount (0): released through the oracle's own occurrence made of the source's status; #2 stated
        // 1 200 000.00: its own status is the occurrence; #3 rejected: returned on its own status
        expect(origins.get("1").equals(List.of("SOURCE", "ORACLE")), "#1's history is the source's status, then the"
                + " oracle's occurrence of it, not " + origins.get("1"));
        expect(origins.get("2").equals(List.of("SOURCE")) && origins.get("3").equals(List.of("SOURCE")),
                "#2 and #3 have only the source's status: " + origins);
        JsonNode first = hub.getJson("/api/programmable/events/" + events.get("1") + "/history", DemoClient.ADMIN).path("entries");
        expect(first.get(1).path("madeOf").asText().equals(first.get(0).path("factId").asText())
                && first.get(0).path("decision").path("occurrenceFactId").asText().equals(first.get(1).path("factId").asText())
                && first.get(1).path("released").asBoolean() && !first.get(0).path("released").asBoolean(),
                "#1: the oracle's occurrence is made of the source's status and is the one released");
        String akimatBalance = hub.balance(akimatAcc);
        String leasingBalance = hub.balance(leasingAcc);
        hub.say("akimat balance %s (10 000 000.00 − 3 500 000.00 − 1 200 000.00); leasing company %s", akimatBalance, leasingBalance);
        expect("4700000.00".equals(leasingBalance), "the leasing company got 3 500 000.00 + 1 200 000.00, not " + leasingBalance);
        expect("5300000.00".equals(akimatBalance), "the akimat kept 5 300 000.00, not " + akimatBalance);
        heldNow.values().forEach(h -> expect("0.00".equals(h), "nothing stays held, but " + h + " does"));
        expect(released.equals(Map.of("1", "3500000.00", "2", "1200000.00", "3", "0.00")),
                "the hub's decisions released 3 500 000.00, 1 200 000.00 and nothing, not " + released);
        return new Result(akimatAcc, leasingAcc, events, heldNow, origins, released, akimatBalance, leasingBalance);
    }

    /** One entry of an event's history as the demo prints it: who made it, what it says, what came of it. */
    private static String line(JsonNode entry) {
        String id = entry.path("factId").asText().substring(0, 12);
        StringBuilder b = new StringBuilder();
        if ("SOURCE".equals(entry.path("origin").asText())) {
            b.append("the source (").append(entry.path("source").asText()).append(") ").append(id).append(": status ")
                    .append(entry.path("terms").path("status").asText()).append(" at ").append(entry.path("terms").path("statusAt").asText())
                    .append(", amount ").append(entry.path("amount").asText()).append(" as sent");
            JsonNode d = entry.path("decision");
            if (!d.isMissingNode() && !d.isNull()) {
                b.append(" → ").append(d.path("outcome").asText());
                if ("RELEASED".equals(d.path("outcome").asText())) {
                    b.append(' ').append(d.path("released").asText());
                }
                String through = d.path("occurrenceFactId").asText("");
                if (!through.isEmpty() && !through.equals(entry.path("factId").asText())) {
                    b.append(" through the oracle's occurrence ").append(through, 0, 12);
                }
            }
        } else {
            b.append("the oracle ").append(id).append(": its occurrence ").append(entry.path("occurrence").asText());
            if (entry.hasNonNull("madeOf")) {
                b.append(" made of the source's ").append(entry.path("madeOf").asText(), 0, 12);
            }
            b.append(", amount ").append(entry.path("amount").asText());
        }
        for (JsonNode a : entry.path("approvals")) {
            b.append("; the oracle's ").append(a.path("type").asText()).append(a.hasNonNull("amount") ? " " + a.path("amount").asText() : "");
        }
        if (entry.path("released").asBoolean()) {
            b.append("; released");
        }
        return b.toString();
    }

    private long held(String account) throws Exception {
        long held = 0;
        for (JsonNode o : hub.getJson("/api/ledger/accounts/" + account + "/outputs?limit=1000", DemoClient.ADMIN).path("outputs")) {
            if (o.hasNonNull("hold")) {
                held += Tiyn.parse(o.path("amount").asText());
            }
        }
        return held;
    }

    private void post(Map<String, Object> status) throws Exception {
        JsonNode r = hub.call("POST", "/api/intake/subsidy", DemoClient.EVENTS, "application/json", SubsidyEvents.json(status), 202).json();
        hub.say("%s %s: %s", status.get("applicationNumber"), status.get("status"), r.path("status").asText());
    }

    private static String number(String event) {
        return event.substring("SUBSIDY-".length());
    }
}
