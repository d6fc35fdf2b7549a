package kz.digitaltenge.routes.livestock.testing;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kz.digitaltenge.canonical.id.AccountNumber;
import kz.digitaltenge.canonical.id.PartyId;
import kz.digitaltenge.canonical.money.Tiyn;
import kz.digitaltenge.routes.livestock.EventFields;
import kz.digitaltenge.routes.livestock.testing.LivestockEvent.Line;

/**
 * The "Ауыл-Аманаты" pilot as the identification system's adapter would send it: 12 animal purchase loans for 287
 * animals, and the animal events that follow, with what each event should do. Deterministic: the same start gives
 * the same files. For the module's tests, the hub's tests and the demo.
 *
 * <p>Planted, besides 282 animals re-registered to their borrowers (each released once): an exact duplicate line (the
 * hub answers DUPLICATE), five re-registrations of animals already paid, an animal moved away from its borrower and
 * back (nothing moves either way), an animal registered to someone else (NOT_AUTHORIZED), an animal under veterinary
 * quarantine (its QUARANTINE event, then its owner change refused), a pig bought on a loan that agreed no pigs
 * (BUSINESS_RULE), a correction of a paid animal's number (BUSINESS_RULE, for the back office), the death of a paid
 * animal (history), and loan {@code AA-2026-012} that expires 30 days after the start with 3 of its 18 animals never
 * registered (the hub returns their price to the lender). Every other loan is valid for 180 days; every event happens
 * within the first 25 days, one every 90 minutes or so, and the expected outcomes assume each is decided before its
 * loan expires: with a hub on the real clock, start the pilot at the clock's now ({@link #create(Instant)}). Against a hub
 * that may have played it before, give each run its own numbers ({@link #create(Instant, String, List, String)}).
 */
public final class LivestockPilot {
    public static final Instant DEFAULT_START = Instant.parse("2026-03-02T04:00:00Z");
    public static final int LOANS = 12;
    public static final int ANIMALS = 287;
    /** The loan that expires with animals missing, in the pilot's own numbering ({@link #expiringLoan()} in any run). */
    public static final String EXPIRING_LOAN = "AA-2026-012";
    /** Its place among the loans. */
    private static final int EXPIRING_INDEX = LOANS - 1;
    public static final int MISSING_ANIMALS = 3;

    public enum Outcome { RELEASED, REFUSED, UNCHANGED }

    /** What one event should do: the outcome, the reason code of a refusal, the tiyn a release moves. */
    public record Expected(String eventId, Outcome outcome, String reason, long amount, String what) {
    }

    /** One loan of the pilot. */
    public record Loan(String number, String lenderAccount, String sellerAccount, String sellerBin, String borrower,
                       Instant validUntil, List<Line> agreement) {
        public String eventId() {
            return "LOAN-" + number;
        }

        public long amount() {
            long sum = 0;
            for (Line l : agreement) {
                sum += ((Integer) l.heads()) * Tiyn.parse(l.pricePerHead());
            }
            return sum;
        }

        public int heads() {
            return agreement.stream().mapToInt(l -> (Integer) l.heads()).sum();
        }

        public long price(String species) {
            return agreement.stream().filter(l -> l.species().equals(species)).mapToLong(l -> Tiyn.parse(l.pricePerHead()))
                    .findFirst().orElseThrow();
        }
    }

    private static final String[][] AGREEMENTS = {
        {"1:20:450000.00", "2:10:85000.00"},
        {"2:25:85000.00"},
        {"1:10:450000.00", "2:30:85000.00"},
        {"4:18:600000.00"},
        {"1:22:450000.00"},
        {"2:35:85000.00"},
        {"1:10:450000.00", "4:5:600000.00"},
        {"2:20:85000.00", "5:8:900000.00"},
        {"1:20:480000.00"},
        {"2:24:90000.00"},
        {"5:12:900000.00"},
        {"1:18:450000.00"},
    };
    private static final String REGIONS = "ABCDEFGHJKLM";
    private static final String[] BREEDS = {"", "казахская белоголовая", "едильбаевская", "", "кушумская", "казахский бактриан"};

    private final Instant start;
    /** The run's tag in every loan number, event id and party number; empty: the pilot's own numbers. */
    private final String run;
    private final long partyOffset;
    private final String lenderAccount;
    private final List<String> sellerAccounts;
    private final List<Loan> loans = new ArrayList<>();
    private final List<LivestockEvent> loanRecords = new ArrayList<>();
    private final List<LivestockEvent> events = new ArrayList<>();
    private final Map<String, Expected> expected = new LinkedHashMap<>();
    private final Map<String, Long> released = new LinkedHashMap<>();
    private int serial;
    private int eventSeq;

    private LivestockPilot(Instant start, String lenderAccount, List<String> sellerAccounts, String run) {
        if (sellerAccounts.size() != LOANS) {
            throw new IllegalArgumentException("one seller account per loan: " + LOANS + ", not " + sellerAccounts.size());
        }
        if (!run.matches("[A-Za-z0-9]{0,24}")) {
            throw new IllegalArgumentException("a run tag is up to 24 ASCII letters and digits, not '" + run + "'");
        }
        this.start = start;
        this.run = run;
        // the borrowers', sellers' and other owners' BIN/IIN of a run are its own too (a borrower's index lists its loans)
        this.partyOffset = run.isEmpty() ? 0 : Math.floorMod(run.hashCode(), 99_000) * 1_000L + 1_000_000L;
        this.lenderAccount = lenderAccount;
        this.sellerAccounts = List.copyOf(sellerAccounts);
        build();
    }

    public static LivestockPilot create() {
        return create(DEFAULT_START);
    }

    /** The pilot starting at {@code start}: loans registered then, animals re-registered over the next 25 days. */
    public static LivestockPilot create(Instant start) {
        List<String> sellers = new ArrayList<>();
        for (int i = 0; i < LOANS; i++) {
            sellers.add(account("722", 100 + i));
        }
        return create(start, account("601", 1), sellers);
    }

    /**
     * The pilot with these accounts (a hub registers its own: the lender's, which holds every loan, and one seller's per
     * loan, in loan order); everything else as {@link #create(Instant)}.
     */
    public static LivestockPilot create(Instant start, String lenderAccount, List<String> sellerAccounts) {
        return create(start, lenderAccount, sellerAccounts, "");
    }

    /**
     * The pilot of one run against a hub that may have played it before: the same loans, animals and planted cases, but
     * the loan numbers ({@code AA-2026-<run>-001}), the identification system's event ids ({@code ISZH-<run>-0000001})
     * and the borrowers', sellers' and other owners' BIN/IIN are the run's own, so a second run is not refused as
     * DUPLICATE_DIFFERENT_CONTENT of the first. {@code run}: up to 24 ASCII letters and digits ({@link #runTag}); empty
     * gives {@link #create(Instant, String, List)}.
     */
    public static LivestockPilot create(Instant start, String lenderAccount, List<String> sellerAccounts, String run) {
        return new LivestockPilot(start, lenderAccount, sellerAccounts, run);
    }

    /** A run tag made of the time (UTC, to the millisecond): {@code R} and yyMMddHHmmssSSS. */
    public static String runTag(Instant now) {
        return "R" + java.time.format.DateTimeFormatter.ofPattern("yyMMddHHmmssSSS").withZone(java.time.ZoneOffset.UTC).format(now);
    }

    /** The run's tag ({@link #create(Instant, String, List, String)}), empty for the pilot's own numbers. */
    public String run() {
        return run;
    }

    /** The loan that expires 30 days after the start with {@link #MISSING_ANIMALS} animals never registered. */
    public Loan expiringLoan() {
        return loans.get(EXPIRING_INDEX);
    }

    public Instant start() {
        return start;
    }

    public List<Loan> loans() {
        return List.copyOf(loans);
    }

    public Loan loan(String number) {
        return loans.stream().filter(l -> l.number().equals(number)).findFirst().orElseThrow();
    }

    /** The LOAN_REGISTERED records, in loan order. */
    public List<LivestockEvent> loanRecords() {
        return loanRecords.stream().map(LivestockEvent::copy).toList();
    }

    /** The animal events in the order they happened (the exact duplicate right after its original). */
    public List<LivestockEvent> events() {
        return events.stream().map(LivestockEvent::copy).toList();
    }

    /** The loans, then the events. */
    public List<LivestockEvent> records() {
        List<LivestockEvent> all = new ArrayList<>(loanRecords());
        all.addAll(events());
        return all;
    }

    /** What each event should do, by the identification system's event id, in event order. */
    public Map<String, Expected> expected() {
        return java.util.Collections.unmodifiableMap(expected);
    }

    /** Tiyn each loan should have released to its seller once every event is decided, by event id ({@code LOAN-...}). */
    public Map<String, Long> expectedReleased() {
        return java.util.Collections.unmodifiableMap(released);
    }

    public long expectedReleaseCount() {
        return expected.values().stream().filter(e -> e.outcome() == Outcome.RELEASED).count();
    }

    /** Loans and events as JSON lines (UTF-8). */
    public byte[] jsonLines() {
        return LivestockEvent.jsonLines(records()).getBytes(StandardCharsets.UTF_8);
    }

    /** Loans and events as one CSV (header row of every field, comma-separated, CRLF) in this encoding. */
    public byte[] csv(Charset charset) {
        return LivestockEvent.csv(records(), ',').getBytes(charset);
    }

    /** As {@link #csv}, with the semicolons a Russian-locale spreadsheet writes. */
    public byte[] csvSemicolons(Charset charset) {
        return LivestockEvent.csv(records(), ';').getBytes(charset);
    }

    // ---------------------------------------------------------------------------------------------------------------

    private void build() {
        String lender = lenderAccount;
        for (int i = 0; i < LOANS; i++) {
            String number = run.isEmpty() ? String.format("AA-2026-%03d", i + 1) : String.format("AA-2026-%s-%03d", run, i + 1);
            List<Line> agreement = new ArrayList<>();
            for (String a : AGREEMENTS[i]) {
                String[] p = a.split(":");
                agreement.add(new Line(p[0], Integer.parseInt(p[1]), p[2]));
            }
            Instant until = i == EXPIRING_INDEX ? start.plus(Duration.ofDays(30)) : start.plus(Duration.ofDays(180));
            Loan loan = new Loan(number, lender, sellerAccounts.get(i), party(partyOffset + 900_000 + i * 7, "06"),
                    party(partyOffset + 400_000 + i * 13, "85"),
                    until, List.copyOf(agreement));
            loans.add(loan);
            loanRecords.add(LivestockEvent.loan(number, loan.lenderAccount(), loan.sellerAccount(), loan.borrower(),
                    until.toString(), agreement.toArray(Line[]::new)).with(EventFields.AT, start.toString()));
            released.put(loan.eventId(), 0L);
        }
        List<Timed> timed = new ArrayList<>();
        int slot = 0;
        for (int i = 0; i < LOANS; i++) {
            Loan loan = loans.get(i);
            int animalIndex = 0;
            for (Line line : loan.agreement()) {
                for (int h = 0; h < (Integer) line.heads(); h++, animalIndex++) {
                    if (i == EXPIRING_INDEX && animalIndex >= loan.heads() - MISSING_ANIMALS) {
                        continue; // never registered before the loan expires
                    }
                    Instant at = start.plus(Duration.ofMinutes(24 * 60 + 90L * (slot++)));
                    String animal = animalNumber(i, line.species());
                    timed.addAll(animalStory(i, loan, animalIndex, animal, line.species(), at));
                }
            }
        }
        timed.sort(Comparator.comparing(Timed::at));
        for (Timed t : timed) {
            events.add(t.event());
            if (t.expected() != null) {
                expected.put(t.expected().eventId(), t.expected());
                if (t.expected().outcome() == Outcome.RELEASED) {
                    released.merge(t.loanId(), t.expected().amount(), Long::sum);
                }
            }
        }
    }

    private record Timed(Instant at, LivestockEvent event, Expected expected, String loanId) {
    }

    /** The events of one bought animal: its re-registration, and whatever the pilot planted on it. */
    private List<Timed> animalStory(int loanIndex, Loan loan, int animalIndex, String animal, String species, Instant at) {
        List<Timed> out = new ArrayList<>();
        String id = loan.eventId();
        long price = loan.price(species);
        int n = loanIndex + 1;
        String neighbour = party(partyOffset + 700_000 + loanIndex, "91");
        if (n == 3 && animalIndex == 5) {
            LivestockEvent e = change(loan, animal, species, loan.sellerBin(), neighbour, at);
            out.add(timed(at, e, Outcome.REFUSED, "NOT_AUTHORIZED", 0, "registered to someone else", id));
            return out;
        }
        if (n == 5 && animalIndex == 7) {
            LivestockEvent q = event("QUARANTINE", loan, animal, species, loan.sellerBin(), at.minus(Duration.ofHours(1)))
                    .with(EventFields.QUARANTINE, true);
            out.add(timed(at.minus(Duration.ofHours(1)), q, Outcome.UNCHANGED, null, 0, "quarantine imposed", id));
            LivestockEvent e = change(loan, animal, species, loan.sellerBin(), loan.borrower(), at);
            out.add(timed(at, e, Outcome.REFUSED, "BUSINESS_RULE", 0, "under veterinary quarantine", id));
            return out;
        }
        LivestockEvent first = change(loan, animal, species, loan.sellerBin(), loan.borrower(), at);
        out.add(timed(at, first, Outcome.RELEASED, null, price, "re-registered to the borrower", id));
        if (n == 1 && animalIndex == 0) {
            // the same event delivered twice: the hub's deduplication answers DUPLICATE (one expectation for the id)
            out.add(new Timed(at.plusNanos(1), first.copy(), null, id));
        }
        if ((n == 1 || n == 2 || n == 6 || n == 9 || n == 10) && animalIndex == 3) {
            Instant later = at.plus(Duration.ofDays(3));
            out.add(timed(later, change(loan, animal, species, loan.sellerBin(), loan.borrower(), later),
                    Outcome.UNCHANGED, null, 0, "re-registered again: already paid", id));
        }
        if (n == 4 && animalIndex == 2) {
            String someone = party(partyOffset + 800_000, "77");
            Instant away = at.plus(Duration.ofDays(1));
            Instant back = at.plus(Duration.ofDays(2));
            out.add(timed(away, change(loan, animal, species, loan.borrower(), someone, away), Outcome.UNCHANGED, null, 0,
                    "moved away after payment", id));
            out.add(timed(back, change(loan, animal, species, someone, loan.borrower(), back), Outcome.UNCHANGED, null, 0,
                    "moved back: already paid", id));
        }
        if (n == 7 && animalIndex == 0) {
            Instant pigAt = at.plus(Duration.ofHours(1));
            String pig = String.format("KZ%c3%08d", REGIONS.charAt(loanIndex), 90_000_000 + loanIndex);
            out.add(timed(pigAt, change(loan, pig, "3", loan.sellerBin(), loan.borrower(), pigAt), Outcome.REFUSED,
                    "BUSINESS_RULE", 0, "species not in the agreement", id));
        }
        if (n == 8 && animalIndex == 3) {
            Instant corrected = at.plus(Duration.ofDays(5));
            String newNumber = String.format("KZ%c%s%08d", REGIONS.charAt(loanIndex), species, 80_000_000 + loanIndex);
            LivestockEvent c = event("CORRECTION", loan, newNumber, species, loan.borrower(), corrected)
                    .with(EventFields.PREVIOUS_ANIMAL_NUMBER, animal).with(EventFields.PREVIOUS_SPECIES, species);
            out.add(timed(corrected, c, Outcome.REFUSED, "BUSINESS_RULE", 0, "number corrected after payment", id));
        }
        if (n == 11 && animalIndex == 4) {
            Instant died = at.plus(Duration.ofDays(7));
            out.add(timed(died, event("DEATH", loan, animal, species, loan.borrower(), died), Outcome.UNCHANGED, null, 0,
                    "died after payment", id));
        }
        return out;
    }

    private Timed timed(Instant at, LivestockEvent e, Outcome outcome, String reason, long amount, String what, String loanId) {
        return new Timed(at, e, new Expected(e.text(EventFields.EVENT_ID), outcome, reason, amount, what), loanId);
    }

    private LivestockEvent change(Loan loan, String animal, String species, String from, String to, Instant at) {
        return event("OWNER_CHANGE", loan, animal, species, to, at).with(EventFields.PREVIOUS_OWNER, from);
    }

    private LivestockEvent event(String kind, Loan loan, String animal, String species, String owner, Instant at) {
        eventSeq++;
        int loanIndex = loans.indexOf(loan);
        String eventId = run.isEmpty() ? String.format("ISZH-%07d", eventSeq) : String.format("ISZH-%s-%07d", run, eventSeq);
        LivestockEvent e = LivestockEvent.animal(kind, eventId, loan.number(), animal, owner,
                at.toString()).with(EventFields.SPECIES, species);
        String digits = animal.substring(4);
        e.with(EventFields.RFID, "398" + "0000" + digits)
                .with(EventFields.SEX, (eventSeq % 3 == 0) ? "M" : "F")
                .with(EventFields.HOLDING_KATO, String.format("%09d", 111_010_000 + loanIndex))
                .with(EventFields.PASSPORT_NUMBER, "ВП " + digits);
        String breed = BREEDS[Integer.parseInt(species)];
        if (!breed.isEmpty()) {
            e.with(EventFields.BREED, breed);
        }
        return e;
    }

    private String animalNumber(int loanIndex, String species) {
        serial++;
        return String.format("KZ%c%s%08d", REGIONS.charAt(loanIndex), species, 10_000_000 + serial);
    }

    /** A valid IIK of this bank code: the account part is the number, zero-padded to 13 digits. */
    public static String account(String bankCode, long number) {
        return AccountNumber.of(bankCode, String.format("%013d", number)).value();
    }

    /**
     * A valid BIN/IIN: {@code prefix} (the first digits: a BIN's year and month, "06" a company registered in 2006;
     * an IIN's birth date) then the number, the check digit computed; numbers without one are skipped.
     */
    public static String party(long number, String prefix) {
        for (long n = number; ; n++) {
            String first11 = prefix + String.format("%0" + (11 - prefix.length()) + "d", n);
            int check = PartyId.checkDigit(first11);
            if (check >= 0) {
                return PartyId.of(first11 + check).value();
            }
        }
    }
}
