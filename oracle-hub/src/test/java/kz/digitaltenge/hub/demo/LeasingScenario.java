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
 * (everything returns). Used by {@code bin/demo-leasing} and by {@code LeasingDemoTest}.
 */
public final class LeasingScenario {
    /** What the scenario left, for a test's checks. */
    public record Result(String akimatAccount, String leasingAccount, Map<String, String> events, Map<String, String> heldNow,
                         String akimatBalance, String leasingBalance) {
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

        hub.step("4. What the hub did by itself, as the oracle");
        Map<String, String> heldNow = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : events.entrySet()) {
            JsonNode ev = hub.getJson("/api/programmable/events/" + e.getValue(), DemoClient.ADMIN);
            heldNow.put(e.getKey(), ev.path("heldNow").asText());
            StringBuilder history = new StringBuilder();
            for (JsonNode o : ev.path("occurrences")) {
                history.append(o.path("occurrence").asText()).append(o.path("released").asBoolean() ? " (released)" : "").append("; ");
            }
            hub.say("%s: held now %s; history: %s", e.getValue(), ev.path("heldNow").asText(), history);
        }
        String akimatBalance = hub.balance(akimatAcc);
        String leasingBalance = hub.balance(leasingAcc);
        hub.say("akimat balance %s (10 000 000.00 − 3 500 000.00 − 1 200 000.00); leasing company %s", akimatBalance, leasingBalance);
        expect("4700000.00".equals(leasingBalance), "the leasing company got 3 500 000.00 + 1 200 000.00, not " + leasingBalance);
        expect("5300000.00".equals(akimatBalance), "the akimat kept 5 300 000.00, not " + akimatBalance);
        heldNow.values().forEach(h -> expect("0.00".equals(h), "nothing stays held, but " + h + " does"));
        return new Result(akimatAcc, leasingAcc, events, heldNow, akimatBalance, leasingBalance);
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
