package kz.digitaltenge.hub.demo;

import static kz.digitaltenge.hub.demo.DemoClient.expect;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import kz.digitaltenge.canonical.money.Tiyn;
import kz.digitaltenge.hub.api.TransactionJson.InputJson;
import kz.digitaltenge.hub.api.TransactionJson.OutputJson;
import kz.digitaltenge.hub.api.TransactionJson.TransactionRequest;
import kz.digitaltenge.routes.livestock.testing.LivestockEvent;
import kz.digitaltenge.routes.livestock.testing.LivestockPilot;

/**
 * "Ауыл-Аманаты" at its pilot size (routes-livestock's {@code LivestockPilot}: 12 loans, 287 animals, with duplicates,
 * an animal registered to someone else, one under quarantine, a species not agreed, a correction after payment, and a
 * loan that expires with animals missing), played through the hub's public API: the lender holds each loan, the
 * identification system's events pay the sellers animal by animal with no release call, the expiry returns what the
 * missing animals would have cost. Used by {@code bin/demo-livestock} and by {@code LivestockPilotTest}.
 */
public final class LivestockScenario {
    /** What the scenario left, by loan: released to the seller, held after the events, returned at expiry. */
    public record LoanResult(String loan, int heads, int paidHeads, long released, long expected, long returned) {
    }

    /** The loans' results, the animals paid and expected, the run's tag and the number of its expiring loan. */
    public record Result(List<LoanResult> loans, long releases, long expectedReleases, String run, String expiringLoan) {
    }

    /** Lets the expiring loan's end pass: a wait on a real hub, a moved clock on a test's. */
    @FunctionalInterface
    public interface PassTime {
        void until(Instant instant) throws Exception;
    }

    private final DemoClient hub;
    private final DemoClient.Users users;
    private final PrintStream out;

    public LivestockScenario(URI base, DemoClient.Users users, PrintStream out) {
        this.hub = new DemoClient(base, out, users);
        this.users = users;
        this.out = out;
    }

    /**
     * @param start when the pilot's loans were registered (the expiring loan ends 30 days after it; the events happened
     *              in its first 25 days)
     */
    public Result run(Instant start, PassTime passTime) throws Exception {
        // this run's own loan numbers, event ids and borrowers: a hub that played the pilot before refuses the same
        // numbers with other accounts as DUPLICATE_DIFFERENT_CONTENT
        String run = LivestockPilot.runTag(java.time.Instant.now());
        hub.step("1. The lender bank, the sellers, and the lender's loan account funded (run " + run + ")");
        String bic = DemoClient.bic();
        DemoClient.Party bank = hub.party("Аграрная кредитная корпорация " + run, List.of("BANK"), bic);
        DemoClient.Party issuer = hub.party("Эмитент " + run, List.of("ISSUER"), DemoClient.bic());
        String lenderAcc = hub.account(bank.id(), "COMPANY", bic);
        List<String> sellers = new ArrayList<>();
        for (int i = 0; i < LivestockPilot.LOANS; i++) {
            sellers.add(hub.account(hub.party("Продавец скота " + (i + 1) + " " + run, List.of(), null).id(), "COMPANY", bic));
        }
        LivestockPilot pilot = LivestockPilot.create(start, lenderAcc, sellers, run);
        long total = pilot.loans().stream().mapToLong(LivestockPilot.Loan::amount).sum();
        String coin = hub.submit(users.issuer(), new TransactionRequest("ISSUE", "aul-fund-" + run, List.of(),
                List.of(new OutputJson(lenderAcc, Tiyn.format(total))), null), issuer).json().path("txId").asText();
        hub.say("lender account %s funded with %s for %d loans", lenderAcc, Tiyn.format(total), pilot.loans().size());

        hub.step("2. The loans registered (JSON lines) and each held in full by the lender");
        post(LivestockEvent.jsonLines(pilot.loanRecords()));
        int index = 0;
        long left = total;
        for (LivestockPilot.Loan loan : pilot.loans()) {
            String approval = hub.call("POST", "/api/programmable/events/" + loan.eventId() + "/hold-approvals", users.treasury(),
                    "application/json", DemoClient.json(Map.of("amount", Tiyn.format(loan.amount()))), 201).json().path("factId").asText();
            String eventFact = hub.getJson("/api/programmable/events/" + loan.eventId(), users.admin()).path("factId").asText();
            left -= loan.amount();
            List<OutputJson> outs = new ArrayList<>(List.of(new OutputJson(lenderAcc, Tiyn.format(loan.amount()), null, "EVENT:" + loan.eventId())));
            if (left > 0) {
                outs.add(new OutputJson(lenderAcc, Tiyn.format(left)));
            }
            coin = hub.submit(users.treasury(), new TransactionRequest("HOLD", "aul-hold-" + loan.number() + "-" + run,
                    List.of(new InputJson(coin, index)), outs, List.of(eventFact, approval), null), bank).json().path("txId").asText();
            index = 1;
        }
        hub.say("%d loans held: %s (%s … %s)", pilot.loans().size(), Tiyn.format(total), pilot.loans().get(0).number(),
                pilot.loans().get(pilot.loans().size() - 1).number());

        hub.step("3. The identification system's " + pilot.events().size() + " events (JSON lines): the hub pays animal by animal");
        JsonNode answer = post(LivestockEvent.jsonLines(pilot.events()));
        long quarantined = 0;
        for (JsonNode item : answer.path("items")) {
            if ("QUARANTINED".equals(item.path("status").asText())) {
                quarantined++;
            }
        }
        hub.say("%s: %d records, %d quarantined by the pipeline", answer.path("status").asText(), answer.path("items").size(), quarantined);

        LivestockPilot.Loan expiring = pilot.expiringLoan();
        long heldBefore = held(expiring.eventId());
        hub.step("4. Loan " + expiring.number() + " ends " + expiring.validUntil() + " with " + LivestockPilot.MISSING_ANIMALS
                + " animals never registered: the expiry returns their price to the lender");
        passTime.until(expiring.validUntil().plusSeconds(1));
        JsonNode expiry = hub.call("POST", "/api/programmable/holds/expiry/run", users.admin(), null, null, 200).json();
        hub.say("expiry pass: %d RETURN transaction(s)", expiry.path("returned").asInt());

        hub.step("5. Per loan: heads agreed, animals paid, released to the seller, returned");
        String row = "   %-" + Math.max(12, expiring.number().length()) + "s %6s %6s %16s %16s %14s%n";
        out.printf(row, "loan", "heads", "paid", "released", "expected", "returned");
        List<LoanResult> results = new ArrayList<>();
        long releases = 0;
        for (LivestockPilot.Loan loan : pilot.loans()) {
            JsonNode ev = hub.getJson("/api/programmable/events/" + loan.eventId(), users.admin());
            int paid = 0;
            for (JsonNode o : ev.path("occurrences")) {
                if (o.path("released").asBoolean()) {
                    paid++;
                }
            }
            releases += paid;
            long released = Tiyn.parse(hub.balance(loan.sellerAccount()));
            long expected = pilot.expectedReleased().getOrDefault(loan.eventId(), 0L);
            long returned = loan.number().equals(expiring.number()) ? heldBefore - held(loan.eventId()) : 0;
            results.add(new LoanResult(loan.number(), loan.heads(), paid, released, expected, returned));
            out.printf(row.replace("%6s %6s", "%6d %6d"), loan.number(), loan.heads(), paid, Tiyn.format(released),
                    Tiyn.format(expected), Tiyn.format(returned));
            expect(released == expected, "loan " + loan.number() + " released " + Tiyn.format(released) + ", expected " + Tiyn.format(expected));
        }
        expect(held(expiring.eventId()) == 0, "the expired loan holds nothing more");
        expect(releases == pilot.expectedReleaseCount(), releases + " releases, expected " + pilot.expectedReleaseCount());

        hub.step("6. The trace of loan " + pilot.loans().get(0).number() + ": its occurrences, oldest first");
        JsonNode first = hub.getJson("/api/programmable/events/" + pilot.loans().get(0).eventId(), users.admin());
        int shown = 0;
        for (JsonNode o : first.path("occurrences")) {
            if (shown++ < 8) {
                hub.say("%s %s%s", o.path("issuedAt").asText(), o.path("occurrence").asText(), o.path("released").asBoolean() ? "  → paid" : "");
            }
        }
        hub.say("… %d occurrences in all; held now %s", first.path("occurrences").size(), first.path("heldNow").asText());
        return new Result(results, releases, pilot.expectedReleaseCount(), run, expiring.number());
    }

    private JsonNode post(String jsonLines) throws Exception {
        return hub.call("POST", "/api/intake/livestock", users.events(), "application/x-ndjson",
                jsonLines.getBytes(StandardCharsets.UTF_8), -1).json();
    }

    private long held(String eventId) throws Exception {
        return Tiyn.parse(hub.getJson("/api/programmable/events/" + eventId, users.admin()).path("heldNow").asText());
    }

    /** The demo's passing of time: a wait on the real clock (the demo hub's expiry reads it too). */
    public static PassTime waitFor(PrintStream out) {
        return instant -> {
            long ms = Duration.between(Instant.now(), instant).toMillis();
            if (ms > 0) {
                out.printf("   (waiting %d s for the loan to end)%n", ms / 1000 + 1);
                Thread.sleep(ms);
            }
        };
    }
}
