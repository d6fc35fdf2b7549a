package kz.digitaltenge.hub;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import kz.digitaltenge.canonical.money.Tiyn;
import kz.digitaltenge.hub.api.TransactionJson.OutputJson;
import kz.digitaltenge.hub.api.TransactionJson.TransactionRequest;
import kz.digitaltenge.hub.security.HubRole;
import kz.digitaltenge.ledger.testing.TestParties;
import kz.digitaltenge.routes.livestock.EventFields;
import kz.digitaltenge.routes.livestock.testing.LivestockEvent;
import kz.digitaltenge.routes.livestock.testing.LivestockEvent.Line;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A property of the whole hub, not of the rules alone (routes-livestock's {@code LoanHoldRulesPropertiesTest} proves
 * those against an in-memory book): random histories of one held loan sent through the running hub's intake — owner
 * changes to the borrower and to someone else, with and without the loan number, moved away and back, under quarantine
 * by flag and by event (imposed and lifted), pigs on a loan that agreed none, renumbered animals, the same record sent
 * again (alone, in its file again, or in another file), records alone and in JSON-lines batches — then the loan's end. Checked against what the hub did (its recorded
 * decisions, the ledger's RELEASEs, balances, held outputs, the supply audit):
 * <ul>
 *   <li>an animal is paid exactly when the rules' model says it is due, at its species' price, and never twice (a
 *       renumbered animal is the same animal);</li>
 *   <li>never more heads of a species than agreed, no pig, nothing for someone else or a quarantined animal;</li>
 *   <li>the loan never releases more than it held (the lender may hold less than the loan);</li>
 *   <li>a record sent again is DUPLICATE of the same fact and moves nothing;</li>
 *   <li>an owner change after the loan's end is refused EXPIRED, and the expiry returns exactly what was not released;</li>
 *   <li>the money is conserved: lender plus seller always hold what was issued for the loan, the supply grew by that
 *       issue only, and the ledger's audit (unspent outputs = balances = circulating) stays consistent.</li>
 * </ul>
 * Seeded: each try prints its seed; {@code -Dlivestock.property.seed=<seed> -Dlivestock.property.tries=1} replays one.
 */
class LivestockHoldPropertyTest extends HubTestBase {
    private static final int TRIES = Integer.getInteger("livestock.property.tries", 10);
    private static final int ANIMALS = 8;
    /** Animals 0-2 cattle, 3-5 sheep, 6-7 pigs (no loan agrees pigs). */
    private static final String[] SPECIES = {"1", "1", "1", "2", "2", "2", "3", "3"};
    private static final Map<String, Long> PRICE = Map.of("1", 45_000_000L, "2", 8_500_000L);
    private static final String EVENTS = userOf(HubRole.EVENT_PROVIDER);

    @Autowired
    DataSource dataSource;

    sealed interface Step permits Change, Quarantine, Correction, Redeliver {
    }

    /** An owner change of a physical animal, to the borrower or to someone else. */
    record Change(int animal, boolean toBorrower, boolean withLoanNumber, boolean quarantineFlag) implements Step {
    }

    /** A QUARANTINE event imposing (on) or lifting one. */
    record Quarantine(int animal, boolean on) implements Step {
    }

    /** The identification system gives the animal a new number (same species). */
    record Correction(int animal) implements Step {
    }

    /** A record sent before, sent again as it was. */
    record Redeliver(int back) implements Step {
    }

    /** One record sent: the step, its record, what the model says it must do. */
    private record Sent(Step step, LivestockEvent record, int animal, long due, String factOf) {
    }

    private Party bank;
    private Party issuer;
    /** What the hub's decisions came to over all tries (outcome, or outcome and reason), for the printed summary. */
    private final Map<String, Integer> outcomes = new java.util.TreeMap<>();

    @Test
    void randomHistoriesThroughTheHubPayEachAnimalOnceNeverMoreThanHeldAndReturnTheRestAtExpiry() throws Exception {
        long base = Long.getLong("livestock.property.seed", new Random().nextLong());
        bank = party("Property Lender Bank", List.of("BANK"), true);
        issuer = party("Property Issuer", List.of("ISSUER"), true);
        account(issuer, "ISSUER", issuer);
        long started = System.nanoTime();
        int released = 0;
        int sent = 0;
        for (int i = 0; i < TRIES; i++) {
            long seed = base + i;
            System.out.println("LivestockHoldPropertyTest seed " + seed);
            try {
                int[] counts = oneTry(seed);
                released += counts[0];
                sent += counts[1];
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError("seed " + seed + " (replay: -Dlivestock.property.seed=" + seed
                        + " -Dlivestock.property.tries=1): " + e.getMessage(), e);
            }
        }
        System.out.printf("LivestockHoldPropertyTest: %d tries from seed %d, %d records sent, %d animals paid, %d ms; decisions %s%n",
                TRIES, base, sent, released, (System.nanoTime() - started) / 1_000_000, outcomes);
    }

    /** One random history of one loan; answers {animals paid, records sent}. */
    private int[] oneTry(long seed) throws Exception {
        Random random = new Random(seed);
        String run = Long.toHexString(seed) + "-" + UUID.randomUUID().toString().substring(0, 4);
        String loanNumber = "PT-" + run;
        String loan = "LOAN-" + loanNumber;
        int cattleHeads = 1 + random.nextInt(4);
        int sheepHeads = 1 + random.nextInt(4);
        int heldShortBy = random.nextInt(4);
        Map<String, Integer> heads = Map.of("1", cattleHeads, "2", sheepHeads);
        long amount = cattleHeads * PRICE.get("1") + sheepHeads * PRICE.get("2");
        long held = amount - heldShortBy * PRICE.get("2"); // the lender may hold less than the loan
        long funded = amount + 100_000; // and keeps 1 000.00 free

        Instant start = CLOCK.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        Instant until = start.plus(Duration.ofDays(30));
        String borrower = TestParties.newPartyId().value();
        String neighbour = TestParties.newPartyId().value();
        String lender = account(bank, "COMPANY", bank);
        String seller = account(party("Property Seller", List.of(), false), "COMPANY", bank);
        JsonNode audit = get("/api/ledger/supply/audit").body();
        long circulating = Tiyn.parse(audit.path("supply").path("circulating").asText());

        // the loan, registered by the identification system; the lender funds and holds it
        JsonNode registered = intake(LivestockEvent.loan(loanNumber, lender, seller, borrower, until.toString(),
                new Line("1", cattleHeads, "450000.00"), new Line("2", sheepHeads, "85000.00"))
                .with(EventFields.AT, start.minus(Duration.ofDays(6)).toString()).json());
        assertThat(registered.path("status").asText()).as(registered.toString()).isEqualTo("ACCEPTED");
        Response issued = post("/api/ledger/transactions", signed(request("ISSUE", reference(), List.of(),
                outputs(lender, Tiyn.format(funded))), issuer));
        assertThat(issued.status()).as(issued.raw()).isEqualTo(200);
        Response approval = post("/api/programmable/events/" + loan + "/hold-approvals", Map.of("amount", Tiyn.format(held)));
        assertThat(approval.status()).as(approval.raw()).isEqualTo(201);
        String eventFact = get("/api/programmable/events/" + loan).body().path("factId").asText();
        Response hold = post("/api/ledger/transactions", signed(new TransactionRequest("HOLD", reference(),
                List.of(input(issued.body().path("txId").asText(), 0)), List.of(new OutputJson(lender, Tiyn.format(held), null,
                "EVENT:" + loan), new OutputJson(lender, Tiyn.format(funded - held))),
                List.of(eventFact, approval.body().path("factId").asText()), null), bank));
        assertThat(hold.status()).as(hold.raw()).isEqualTo(200);
        assertThat(circulating(get("/api/ledger/supply/audit").body())).isEqualTo(circulating + funded);

        // the animals' numbers (a correction gives one a new number: still the same animal)
        char region = (char) ('A' + random.nextInt(26));
        int serial = 10_000_000 + random.nextInt(80_000_000);
        String[] numbers = new String[ANIMALS];
        for (int a = 0; a < ANIMALS; a++) {
            numbers[a] = String.format("KZ%c%s%08d", region, SPECIES[a], serial + a);
        }

        // the model: what the rules must do with each record, in order
        List<Step> steps = steps(random);
        Set<Integer> paid = new HashSet<>();
        Map<String, Integer> paidHeads = new HashMap<>();
        Set<Integer> quarantined = new HashSet<>();
        List<Sent> records = new ArrayList<>();
        long heldModel = held;
        long releasedModel = 0;
        int corrections = 0;
        for (int i = 0; i < steps.size(); i++) {
            Step step = steps.get(i);
            String at = start.minus(Duration.ofDays(5)).plus(Duration.ofMinutes(i)).toString();
            String eventId = "PT-EV-" + run + "-" + i;
            if (step instanceof Redeliver r) {
                List<Sent> originals = records.stream().filter(s -> !(s.step() instanceof Redeliver)).toList();
                if (originals.isEmpty()) {
                    continue;
                }
                Sent original = originals.get(Math.max(0, originals.size() - r.back()));
                records.add(new Sent(step, original.record(), original.animal(), 0, original.record().text(EventFields.EVENT_ID)));
                continue;
            }
            LivestockEvent e;
            int animal;
            long due = 0;
            if (step instanceof Change c) {
                animal = c.animal();
                e = LivestockEvent.ownerChange(eventId, c.withLoanNumber() ? loanNumber : null, numbers[animal], null,
                        c.toBorrower() ? borrower : neighbour, at).with(EventFields.QUARANTINE, c.quarantineFlag());
                String s = SPECIES[animal];
                long price = PRICE.getOrDefault(s, 0L);
                boolean isDue = c.toBorrower() && !c.quarantineFlag() && !quarantined.contains(animal) && !paid.contains(animal)
                        && price > 0 && paidHeads.getOrDefault(s, 0) < heads.get(s) && heldModel >= price;
                if (isDue) {
                    due = price;
                    paid.add(animal);
                    paidHeads.merge(s, 1, Integer::sum);
                    heldModel -= price;
                    releasedModel += price;
                }
            } else if (step instanceof Quarantine q) {
                animal = q.animal();
                e = LivestockEvent.animal("QUARANTINE", eventId, loanNumber, numbers[animal], borrower, at)
                        .with(EventFields.QUARANTINE, q.on());
                if (q.on()) {
                    quarantined.add(animal);
                } else {
                    quarantined.remove(animal);
                }
            } else {
                animal = ((Correction) step).animal();
                corrections++;
                String renumbered = String.format("KZ%c%s%08d", (char) ('A' + (region - 'A' + corrections) % 26), SPECIES[animal],
                        serial + ANIMALS + corrections);
                e = LivestockEvent.animal("CORRECTION", eventId, loanNumber, renumbered, borrower, at)
                        .with(EventFields.PREVIOUS_ANIMAL_NUMBER, numbers[animal]);
                numbers[animal] = renumbered;
            }
            records.add(new Sent(step, e, animal, due, null));
        }

        // through the hub: records alone or a few at a time as JSON lines; after each send, the seller got what was due.
        // A record sent again is sent as it came (alone, or its whole file again), alone when it came in a file, or in a
        // new file with the record sent before it: a duplicate however it comes
        Map<String, String> factOfEvent = new LinkedHashMap<>();
        Map<String, Sent> sentByFact = new LinkedHashMap<>();
        Map<String, List<Sent>> fileOf = new HashMap<>();
        long[] sellerHas = {0};
        List<Sent> chunk = new ArrayList<>();
        List<Sent> originals = new ArrayList<>();
        int chunkSize = 1 + random.nextInt(3);
        for (int i = 0; i <= records.size(); i++) {
            Sent s = i < records.size() ? records.get(i) : null;
            boolean again = s != null && s.step() instanceof Redeliver;
            if (!chunk.isEmpty() && (s == null || again || chunk.size() == chunkSize)) {
                send(chunk, false, factOfEvent, sentByFact, sellerHas, seller);
                originals.addAll(chunk);
                List<Sent> file = List.copyOf(chunk);
                file.forEach(f -> fileOf.put(f.record().text(EventFields.EVENT_ID), file));
                chunk.clear();
                chunkSize = 1 + random.nextInt(3);
            }
            if (again) {
                List<Sent> file = fileOf.get(s.factOf());
                Sent original = file.stream().filter(f -> f.record().text(EventFields.EVENT_ID).equals(s.factOf())).findFirst()
                        .orElseThrow();
                int before = originals.indexOf(original) - 1;
                List<Sent> resent = switch (random.nextInt(3)) {
                    case 0 -> file;
                    case 1 -> List.of(original);
                    default -> before < 0 ? List.of(original) : List.of(originals.get(before), original);
                };
                send(resent, true, factOfEvent, sentByFact, sellerHas, seller);
            } else if (s != null) {
                chunk.add(s);
            }
        }

        // what the hub decided, fact by fact, is what the model says; each animal paid at most once, at its price
        Map<Integer, Integer> paymentsByAnimal = new HashMap<>();
        for (Map.Entry<String, Sent> f : sentByFact.entrySet()) {
            String[] decision = decision(f.getKey());
            Sent s = f.getValue();
            assertThat(decision).as("a decision for %s", s.step()).isNotNull();
            boolean releasedHere = "RELEASED".equals(decision[0]);
            outcomes.merge(decision[3] == null ? decision[0] : decision[0] + " " + decision[3], 1, Integer::sum);
            assertThat(releasedHere).as("%s decided %s (%s)", s.step(), decision[0], decision[2]).isEqualTo(s.due() > 0);
            if (releasedHere) {
                assertThat(Long.parseLong(decision[1])).isEqualTo(PRICE.get(SPECIES[s.animal()]));
                paymentsByAnimal.merge(s.animal(), 1, Integer::sum);
            }
        }
        assertThat(paymentsByAnimal.values()).as("no animal paid twice").allMatch(c -> c == 1);
        assertThat(paymentsByAnimal.keySet()).as("no pig paid").noneMatch(a -> SPECIES[a].equals("3"));
        for (String s : List.of("1", "2")) {
            long paidOfSpecies = paymentsByAnimal.keySet().stream().filter(a -> SPECIES[a].equals(s)).count();
            assertThat(paidOfSpecies).as("heads of species %s", s).isLessThanOrEqualTo(heads.get(s));
        }
        // the ledger: one RELEASE to the seller per paid animal, never more than held
        List<Long> releases = releasesTo(seller);
        assertThat(releases).hasSize(paid.size());
        long releasedTotal = releases.stream().mapToLong(Long::longValue).sum();
        assertThat(releasedTotal).isEqualTo(releasedModel).isLessThanOrEqualTo(held).isLessThanOrEqualTo(amount);
        JsonNode event = get("/api/programmable/events/" + loan).body();
        assertThat(Tiyn.parse(event.path("heldNow").asText())).isEqualTo(held - releasedTotal);
        long releasedOccurrences = 0;
        for (JsonNode o : event.path("occurrences")) {
            releasedOccurrences += o.path("released").asBoolean() ? 1 : 0;
        }
        assertThat(releasedOccurrences).isEqualTo(paid.size());
        assertThat(Tiyn.parse(balance(lender)) + Tiyn.parse(balance(seller))).isEqualTo(funded);
        assertThat(heldOn(lender)).isEqualTo(held - releasedTotal);

        // the loan ends: an owner change after it pays nothing; the expiry returns exactly what was not released
        Duration moved = Duration.between(CLOCK.instant(), until.plusSeconds(1));
        CLOCK.advance(moved);
        try {
            String late = String.format("KZ%c1%08d", region, serial + 99);
            JsonNode answer = single(intake(LivestockEvent.ownerChange("PT-EV-" + run + "-late", loanNumber, late, null, borrower,
                    start.toString()).json()));
            String[] decision = decision(answer.path("factId").asText());
            assertThat(decision[0]).as(String.join(" ", decision)).isEqualTo("REFUSED");
            assertThat(decision[3]).isEqualTo("EXPIRED");
            assertThat(Tiyn.parse(balance(seller))).isEqualTo(releasedTotal);
            Response expiry = send(HttpRequest.newBuilder(uri("/api/programmable/holds/expiry/run"))
                    .POST(HttpRequest.BodyPublishers.noBody()).build());
            assertThat(expiry.status()).as(expiry.raw()).isEqualTo(200);
        } finally {
            CLOCK.advance(moved.negated());
        }
        assertThat(get("/api/programmable/events/" + loan).body().path("heldNow").asText()).isEqualTo("0.00");
        assertThat(heldOn(lender)).isZero();
        assertThat(freeOn(lender)).as("the lender has back all it did not release").isEqualTo(funded - releasedTotal);
        assertThat(Tiyn.parse(balance(seller))).isEqualTo(releasedTotal);
        assertThat(releasesTo(seller)).hasSize(paid.size());
        JsonNode after = get("/api/ledger/supply/audit").body();
        assertThat(circulating(after)).as("the supply grew by the loan's funding only").isEqualTo(circulating + funded);
        assertThat(after.path("consistent").asBoolean()).as(after.toString()).isTrue();
        return new int[] {paid.size(), records.size() + 2};
    }

    /** Sends records alone or as one JSON-lines file; each answer as expected, the seller paid what was due. */
    private void send(List<Sent> records, boolean again, Map<String, String> factOfEvent, Map<String, Sent> sentByFact,
                      long[] sellerHas, String seller) {
        List<JsonNode> answers = new ArrayList<>();
        if (records.size() == 1) {
            answers.add(single(intake(records.get(0).record().json())));
        } else {
            intake(LivestockEvent.jsonLines(records.stream().map(Sent::record).toList())).path("items").forEach(answers::add);
        }
        assertThat(answers).as("one answer per record").hasSize(records.size());
        for (int k = 0; k < records.size(); k++) {
            Sent s = records.get(k);
            JsonNode answer = answers.get(k);
            String eventId = s.record().text(EventFields.EVENT_ID);
            if (again) {
                outcomes.merge("DUPLICATE", 1, Integer::sum);
                assertThat(answer.path("status").asText()).as("sent again: %s", answer).isEqualTo("DUPLICATE");
                assertThat(answer.path("factId").asText()).isEqualTo(factOfEvent.get(eventId));
            } else {
                assertThat(answer.path("status").asText()).as("%s: %s", s.step(), answer).isEqualTo("ACCEPTED");
                factOfEvent.put(eventId, answer.path("factId").asText());
                sentByFact.put(answer.path("factId").asText(), s);
                sellerHas[0] += s.due();
            }
        }
        assertThat(Tiyn.parse(balance(seller))).as("the seller after %s%s", again ? "again " : "",
                records.stream().map(Sent::step).toList()).isEqualTo(sellerHas[0]);
    }

    /** 10-40 steps, as routes-livestock's property draws them, plus moves away and back. */
    private static List<Step> steps(Random random) {
        List<Step> steps = new ArrayList<>();
        int size = 10 + random.nextInt(31);
        while (steps.size() < size) {
            int kind = random.nextInt(15);
            int animal = random.nextInt(ANIMALS);
            if (kind < 10) {
                steps.add(new Change(animal, random.nextInt(10) < 8, random.nextInt(4) != 3, random.nextInt(10) == 0));
            } else if (kind < 12) {
                steps.add(new Quarantine(animal, random.nextBoolean()));
            } else if (kind == 12) {
                steps.add(new Correction(animal));
            } else if (kind == 13) {
                steps.add(new Redeliver(1 + random.nextInt(5)));
            } else {
                // moved away from the borrower and back
                steps.add(new Change(animal, false, true, false));
                steps.add(new Change(animal, true, random.nextBoolean(), false));
            }
        }
        return steps;
    }

    private JsonNode intake(String body) {
        Response r = sendAs(EVENTS, HttpRequest.newBuilder(uri("/api/intake/livestock")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
        assertThat(r.status()).as(r.raw()).isEqualTo(202);
        return r.body();
    }

    /** A single record's own answer (a batch translator may answer one record as a batch of one). */
    private static JsonNode single(JsonNode answer) {
        return answer.path("items").size() == 1 ? answer.path("items").get(0) : answer;
    }

    private static long circulating(JsonNode audit) {
        return Tiyn.parse(audit.path("supply").path("circulating").asText());
    }

    /** {outcome, released, detail, reason code} of a fact's hold decision, or null. */
    private String[] decision(String factId) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "select outcome, released, detail, reason_code from hold_decisions where encode(fact_id, 'hex') = ?")) {
            ps.setString(1, factId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new String[] {rs.getString(1), Long.toString(rs.getLong(2)), rs.getString(3), rs.getString(4)} : null;
            }
        }
    }

    /** The amounts of the RELEASE outputs paid to an account. */
    private List<Long> releasesTo(String account) throws Exception {
        List<Long> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("select o.amount from outputs o"
                + " join transactions t on t.tx_id = o.tx_id where t.type = 'RELEASE' and o.owner = ? and o.hold is null")) {
            ps.setString(1, account);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getLong(1));
                }
            }
        }
        return out;
    }

    private long heldOn(String account) {
        return outputsOf(account, true);
    }

    private long freeOn(String account) {
        return outputsOf(account, false);
    }

    private long outputsOf(String account, boolean held) {
        Response r = get("/api/ledger/accounts/" + account + "/outputs?limit=1000");
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        long sum = 0;
        for (JsonNode o : r.body().path("outputs")) {
            if (o.hasNonNull("hold") == held) {
                sum += Tiyn.parse(o.path("amount").asText());
            }
        }
        return sum;
    }
}
