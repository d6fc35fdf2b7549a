package kz.digitaltenge.routes.livestock;

import static kz.digitaltenge.routes.livestock.EventFields.*;

import java.time.Instant;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import kz.digitaltenge.canonical.CanonicalMessage;
import kz.digitaltenge.canonical.LedgerException;
import kz.digitaltenge.canonical.ReasonCode;
import kz.digitaltenge.canonical.id.AccountNumber;
import kz.digitaltenge.canonical.id.PartyId;
import kz.digitaltenge.canonical.money.Tiyn;

/**
 * One record of the event format to its canonical message: a loan to {@code EVENT_REGISTERED} (subject
 * {@code LOAN-<loanNumber>}), an animal event to {@code EVENT_OCCURRED} (subject {@code LOAN-<loanNumber>}, or
 * {@code BORROWER-<newOwner>} when the adapter does not know the loan). Every value is checked here; the hold rules
 * read terms this class wrote. Refuses with {@link RecordRefused}, naming the field.
 */
final class EventMapper {
    static final String EVENT_REGISTERED = "EVENT_REGISTERED";
    static final String EVENT_OCCURRED = "EVENT_OCCURRED";
    static final String LOAN_PREFIX = "LOAN-";
    static final String BORROWER_PREFIX = "BORROWER-";

    // the terms of an animal event (see README "Canonical messages")
    static final String T_OCCURRENCE = "occurrence";
    static final String T_KIND = "kind";
    static final String T_ANIMAL = "animal";
    static final String T_SPECIES = "species";
    static final String T_NEW_OWNER = "newOwner";
    static final String T_PREVIOUS_OWNER = "previousOwner";
    static final String T_QUARANTINE = "quarantine";
    static final String T_AT = "at";
    static final String T_EVENT_ID = "eventId";
    static final String T_RFID = "rfid";
    static final String T_PREVIOUS_ANIMAL = "previousAnimal";
    static final String T_PREVIOUS_SPECIES = "previousSpecies";
    // the terms of a loan
    static final String T_BORROWER = "borrower";
    static final String T_VALID_UNTIL = "validUntil";
    /** The borrower index's term naming the loan's event id. */
    static final String T_LOAN = "loan";

    static String headsTerm(String speciesCode) {
        return "species." + speciesCode + ".heads";
    }

    static String priceTerm(String speciesCode) {
        return "species." + speciesCode + ".price";
    }

    /**
     * The messages of one record: a loan's registration and its entry in the borrower's index (an
     * {@code EVENT_OCCURRED} about {@code BORROWER-<borrower>}, so that an animal event without a loan number finds the
     * loan); an animal event's occurrence.
     */
    List<CanonicalMessage> map(RecordFields f) {
        String kindName = Values.required(f, KIND);
        EventKind kind = EventKind.of(kindName).orElseThrow(() -> new RecordRefused(ReasonCode.SCHEMA_INVALID,
                "field 'kind': " + Values.quote(kindName) + " is not one of LOAN_REGISTERED, OWNER_CHANGE, CORRECTION, DEATH,"
                        + " QUARANTINE"));
        for (String name : f.present()) {
            if (!kind.allowed().contains(name)) {
                throw new RecordRefused(ReasonCode.SCHEMA_INVALID, "field '" + Values.safe(name) + "' is not a field of "
                        + kind
                        + (EventFields.CSV_COLUMNS.contains(name) ? "" : " (nor of any kind of record)"));
            }
        }
        for (String name : kind.required()) {
            if (!AGREEMENT.equals(name)) {
                Values.required(f, name);
            }
        }
        if (kind != EventKind.LOAN_REGISTERED) {
            return List.of(animalEvent(kind, f));
        }
        CanonicalMessage loan = loan(f);
        return List.of(loan, borrowerIndex(loan));
    }

    /**
     * The loan in its borrower's index: subject {@code BORROWER-<borrower>}, sourceMessageId
     * {@code loan-borrower:<loanNumber>}, terms {@code occurrence} = {@code LOAN_REGISTERED:<loanNumber>}, {@code kind},
     * {@code loan} (the loan's event id), {@code borrower}. It moves no money: the rules answer NoChange and keep it in
     * the borrower subject's history, where they look a loan up when an animal event names none.
     */
    static CanonicalMessage borrowerIndex(CanonicalMessage loan) {
        String borrower = loan.terms().get(T_BORROWER);
        String number = loan.terms().get("loanNumber");
        Map<String, String> terms = new TreeMap<>();
        terms.put(T_OCCURRENCE, EventKind.LOAN_REGISTERED + ":" + number);
        terms.put(T_KIND, EventKind.LOAN_REGISTERED.name());
        terms.put(T_LOAN, loan.subject());
        terms.put(T_BORROWER, borrower);
        return new CanonicalMessage("loan-borrower:" + number, EVENT_OCCURRED, BORROWER_PREFIX + borrower,
                Map.copyOf(terms), loan.occurredAt());
    }

    private CanonicalMessage loan(RecordFields f) {
        String number = loanNumber(LOAN_NUMBER, f.text(LOAN_NUMBER));
        AccountNumber lender = account(LENDER_ACCOUNT, f.text(LENDER_ACCOUNT));
        AccountNumber seller = account(SELLER_ACCOUNT, f.text(SELLER_ACCOUNT));
        if (lender.equals(seller)) {
            throw new RecordRefused(ReasonCode.BUSINESS_RULE, "fields 'lenderAccount' and 'sellerAccount' are the same"
                    + " account " + lender + ": the loan would pay the lender back to itself");
        }
        PartyId borrower = party(BORROWER, f.text(BORROWER));
        Instant validUntil = Values.instant(VALID_UNTIL, f.text(VALID_UNTIL));
        Instant at = Values.instant(AT, f.text(AT));
        if (at != null && !at.isBefore(validUntil)) {
            throw new RecordRefused(ReasonCode.BUSINESS_RULE, "field 'validUntil': " + validUntil
                    + " is not after the loan's registration at " + at);
        }
        String carryOver = loanNumber(CARRY_OVER_TO, f.text(CARRY_OVER_TO));
        if (number.equals(carryOver)) {
            throw new RecordRefused(ReasonCode.BUSINESS_RULE, "field 'carryOverTo' names the loan itself");
        }
        List<RecordFields.AgreementLine> lines = f.agreement();
        if (lines == null || lines.isEmpty()) {
            throw new RecordRefused(ReasonCode.SCHEMA_INVALID, "field 'agreement' is missing: a loan names at least one"
                    + " species with its heads and price per head");
        }
        if (lines.size() > Species.values().length) {
            throw new RecordRefused(ReasonCode.SCHEMA_INVALID, "field 'agreement' has " + lines.size()
                    + " lines, more than the 5 species");
        }
        Map<String, String> terms = new TreeMap<>();
        long amount = 0;
        long heads = 0;
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < lines.size(); i++) {
            RecordFields.AgreementLine line = lines.get(i);
            String where = "field 'agreement' line " + (i + 1) + " ";
            Species species = species(where + "'species'", line.species());
            if (!seen.add(species.code())) {
                throw new RecordRefused(ReasonCode.BUSINESS_RULE, where + "names species " + species.describe()
                        + " again: one line per species");
            }
            long n = heads(where + "'heads'", line.heads());
            long price = price(where + "'pricePerHead'", line.pricePerHead());
            long lineAmount;
            try {
                lineAmount = Math.multiplyExact(n, price);
                amount = Tiyn.addWithinTransaction(amount, lineAmount);
                Tiyn.requireOutputAmount(amount);
            } catch (ArithmeticException | LedgerException e) {
                throw new RecordRefused(ReasonCode.OVER_LIMIT, "field 'agreement': the loan's amount is over the"
                        + " ledger's limit of " + Tiyn.format(Tiyn.MAX_OUTPUT) + " per hold");
            }
            heads += n;
            terms.put(headsTerm(species.code()), Long.toString(n));
            terms.put(priceTerm(species.code()), Long.toString(price));
        }
        terms.put("sender", lender.value());
        terms.put("recipient", seller.value());
        terms.put("amount", Long.toString(amount));
        terms.put(T_VALID_UNTIL, validUntil.toString());
        terms.put("holdType", "UNLIMITED");
        terms.put(T_BORROWER, borrower.value());
        terms.put("loanNumber", number);
        terms.put("heads", Long.toString(heads));
        if (carryOver != null) {
            terms.put("carryOverTo", LOAN_PREFIX + carryOver);
        }
        return new CanonicalMessage("loan:" + number, EVENT_REGISTERED, LOAN_PREFIX + number, Map.copyOf(terms),
                at == null ? null : at.toString());
    }

    private CanonicalMessage animalEvent(EventKind kind, RecordFields f) {
        String eventId = Values.matching(EVENT_ID, f.text(EVENT_ID), Values.EVENT_ID, ReasonCode.SCHEMA_INVALID,
                "an event id (1-100 of A-Z a-z 0-9 . _ : / -)");
        String loan = loanNumber(LOAN_NUMBER, f.text(LOAN_NUMBER));
        Species species = species("field 'species'", f.text(SPECIES));
        String animal = animalNumber(ANIMAL_NUMBER, f.text(ANIMAL_NUMBER), species, SPECIES);
        String rfid = Values.matching(RFID, f.text(RFID), Values.RFID, ReasonCode.INVALID_IDENTIFIER,
                "an RFID code (15 digits: 398, Kazakhstan's country code, and 12 digits)");
        String sex = f.text(SEX);
        if (sex != null && !sex.equals("M") && !sex.equals("F")) {
            throw new RecordRefused(ReasonCode.SCHEMA_INVALID, "field 'sex': " + Values.quote(sex) + " is not M or F");
        }
        Instant at = Values.instant(AT, f.text(AT));
        LocalDate birth = Values.date(BIRTH_DATE, f.text(BIRTH_DATE));
        if (birth != null && (birth.isBefore(Values.EARLIEST_BIRTH)
                || birth.isAfter(at.atZone(java.time.ZoneOffset.ofHours(5)).toLocalDate()))) {
            throw new RecordRefused(ReasonCode.BUSINESS_RULE, "field 'birthDate': " + birth + " is "
                    + (birth.isBefore(Values.EARLIEST_BIRTH) ? "before 1990" : "after the event at " + at));
        }
        PartyId newOwner = party(NEW_OWNER, f.text(NEW_OWNER));
        PartyId previousOwner = f.text(PREVIOUS_OWNER) == null ? null : party(PREVIOUS_OWNER, f.text(PREVIOUS_OWNER));
        if (kind == EventKind.OWNER_CHANGE && newOwner.equals(previousOwner)) {
            throw new RecordRefused(ReasonCode.BUSINESS_RULE, "fields 'previousOwner' and 'newOwner' are both "
                    + newOwner + ": not a change of owner");
        }
        String kato = Values.matching(HOLDING_KATO, f.text(HOLDING_KATO), Values.KATO, ReasonCode.INVALID_IDENTIFIER,
                "a KATO code (9 digits)");
        String passport = Values.matching(PASSPORT_NUMBER, f.text(PASSPORT_NUMBER), Values.PASSPORT,
                ReasonCode.SCHEMA_INVALID, "a veterinary passport number (letters, digits, blanks, . / - №; up to 32)");
        String breed = Values.matching(BREED, f.text(BREED), Values.WORDS, ReasonCode.SCHEMA_INVALID,
                "a breed (words of letters, up to 64)");
        String colour = Values.matching(COLOUR, f.text(COLOUR), Values.WORDS, ReasonCode.SCHEMA_INVALID,
                "a colour (words of letters, up to 64)");
        Boolean castrated = f.flag(CASTRATED);
        Boolean quarantine = f.flag(QUARANTINE);
        if (quarantine == null) {
            // a QUARANTINE event imposes one unless it says it lifts it; any other event without the flag: not under one
            quarantine = kind == EventKind.QUARANTINE;
        }

        Map<String, String> terms = new TreeMap<>();
        terms.put(T_OCCURRENCE, kind + ":" + animal);
        terms.put(T_KIND, kind.name());
        terms.put(T_ANIMAL, animal);
        terms.put(T_SPECIES, species.code());
        terms.put(T_NEW_OWNER, newOwner.value());
        terms.put(T_QUARANTINE, quarantine.toString());
        terms.put(T_AT, at.toString());
        terms.put(T_EVENT_ID, eventId);
        put(terms, T_PREVIOUS_OWNER, previousOwner == null ? null : previousOwner.value());
        put(terms, T_RFID, rfid);
        put(terms, "sex", sex);
        put(terms, "birthDate", birth == null ? null : birth.toString());
        put(terms, "holdingKato", kato);
        put(terms, "passportNumber", passport);
        put(terms, "breed", breed);
        put(terms, "colour", colour);
        put(terms, "castrated", castrated == null ? null : castrated.toString());
        if (kind == EventKind.CORRECTION) {
            String previousSpeciesCode = f.text(PREVIOUS_SPECIES);
            Species previousSpecies = previousSpeciesCode == null ? null
                    : species("field 'previousSpecies'", previousSpeciesCode);
            String previousAnimal = f.text(PREVIOUS_ANIMAL_NUMBER) == null ? null
                    : animalNumber(PREVIOUS_ANIMAL_NUMBER, f.text(PREVIOUS_ANIMAL_NUMBER), previousSpecies, PREVIOUS_SPECIES);
            put(terms, T_PREVIOUS_ANIMAL, previousAnimal);
            put(terms, T_PREVIOUS_SPECIES, previousSpecies == null ? null : previousSpecies.code());
        }
        String subject = loan != null ? LOAN_PREFIX + loan : BORROWER_PREFIX + newOwner.value();
        return new CanonicalMessage("animal-event:" + eventId, EVENT_OCCURRED, subject, Map.copyOf(terms), at.toString());
    }

    private static void put(Map<String, String> terms, String name, String value) {
        if (value != null) {
            terms.put(name, value);
        }
    }

    private static String loanNumber(String name, String value) {
        return Values.matching(name, value, Values.LOAN_NUMBER, ReasonCode.SCHEMA_INVALID,
                "a loan number (1-64 of A-Z a-z 0-9 . _ / -)");
    }

    /** The individual number, and its species digit against the species the record names (when it names one). */
    private static String animalNumber(String name, String value, Species species, String speciesField) {
        Values.matching(name, value, Values.ANIMAL_NUMBER, ReasonCode.INVALID_IDENTIFIER,
                "an individual number (KZ, a region letter, the species digit 1-5, 8 digits: KZA112345678)");
        Species digit = Species.ofCode(value.substring(3, 4)).orElseThrow();
        if (species != null && digit != species) {
            throw new RecordRefused(ReasonCode.INVALID_IDENTIFIER, "field '" + name + "': " + value
                    + " carries species digit " + digit.describe() + ", but field '" + speciesField + "' says "
                    + species.describe());
        }
        return value;
    }

    private static Species species(String where, String code) {
        if (code == null) {
            throw new RecordRefused(ReasonCode.SCHEMA_INVALID, where + " is missing");
        }
        return Species.ofCode(code).orElseThrow(() -> new RecordRefused(ReasonCode.SCHEMA_INVALID, where + ": "
                + Values.quote(code) + " is not a species code (1 cattle, 2 sheep and goats, 3 pigs, 4 horses, 5 camels)"));
    }

    private static long heads(String where, String value) {
        if (value == null) {
            throw new RecordRefused(ReasonCode.SCHEMA_INVALID, where + " is missing");
        }
        if (!Values.COUNT.matcher(value).matches()) {
            throw new RecordRefused(ReasonCode.MALFORMED, where + ": " + Values.quote(value)
                    + " is not a whole number of heads");
        }
        long n = Long.parseLong(value);
        if (n < 1 || n > Values.MAX_HEADS) {
            throw new RecordRefused(ReasonCode.OVER_LIMIT, where + ": " + n + " heads, not between 1 and "
                    + Values.MAX_HEADS);
        }
        return n;
    }

    private static long price(String where, String value) {
        if (value == null) {
            throw new RecordRefused(ReasonCode.SCHEMA_INVALID, where + " is missing");
        }
        long tiyn;
        try {
            tiyn = Tiyn.parse(value);
        } catch (LedgerException e) {
            throw new RecordRefused(e.reason(), where + ": " + Values.safe(e.getMessage()));
        }
        if (tiyn <= 0) {
            throw new RecordRefused(ReasonCode.OVER_LIMIT, where + ": a price per head must be positive, not " + value);
        }
        return tiyn;
    }

    private static AccountNumber account(String name, String value) {
        try {
            return AccountNumber.parse(value);
        } catch (LedgerException e) {
            throw new RecordRefused(ReasonCode.INVALID_IDENTIFIER, "field '" + name + "': " + Values.quote(value)
                    + " is not an IIK: " + reason(e));
        }
    }

    private static PartyId party(String name, String value) {
        try {
            return PartyId.of(value);
        } catch (LedgerException e) {
            throw new RecordRefused(ReasonCode.INVALID_IDENTIFIER, "field '" + name + "': " + Values.quote(value)
                    + " is not a BIN/IIN: " + reason(e));
        }
    }

    /** The identifier's own reason, after the value it quotes (which is quoted safely by the caller). */
    private static String reason(LedgerException e) {
        String m = e.getMessage();
        int cut = m.lastIndexOf("': ");
        return Values.safe(cut < 0 ? m : m.substring(cut + 3));
    }
}
