package kz.digitaltenge.routes.livestock;

import java.util.List;

/**
 * The field names of the module's event format ({@code schema/livestock-event.schema.json}): JSON members and CSV
 * column names alike. Taken from the identification system's record (the note in the project's shared formats), with
 * the loan's own fields.
 */
public final class EventFields {
    public static final String KIND = "kind";
    // a loan
    public static final String LOAN_NUMBER = "loanNumber";
    public static final String LENDER_ACCOUNT = "lenderAccount";
    public static final String SELLER_ACCOUNT = "sellerAccount";
    public static final String BORROWER = "borrower";
    public static final String AGREEMENT = "agreement";
    public static final String VALID_UNTIL = "validUntil";
    public static final String CARRY_OVER_TO = "carryOverTo";
    // an agreement line
    public static final String HEADS = "heads";
    public static final String PRICE_PER_HEAD = "pricePerHead";
    // an animal event
    public static final String EVENT_ID = "eventId";
    public static final String ANIMAL_NUMBER = "animalNumber";
    public static final String RFID = "rfid";
    public static final String SPECIES = "species";
    public static final String SEX = "sex";
    public static final String BIRTH_DATE = "birthDate";
    public static final String BREED = "breed";
    public static final String COLOUR = "colour";
    public static final String CASTRATED = "castrated";
    public static final String PREVIOUS_OWNER = "previousOwner";
    public static final String NEW_OWNER = "newOwner";
    public static final String HOLDING_KATO = "holdingKato";
    public static final String PASSPORT_NUMBER = "passportNumber";
    public static final String QUARANTINE = "quarantine";
    public static final String PREVIOUS_ANIMAL_NUMBER = "previousAnimalNumber";
    public static final String PREVIOUS_SPECIES = "previousSpecies";
    public static final String AT = "at";

    static final List<String> ANIMAL_REQUIRED = List.of(KIND, EVENT_ID, ANIMAL_NUMBER, SPECIES, NEW_OWNER, AT);
    static final List<String> ANIMAL_OPTIONAL = List.of(LOAN_NUMBER, RFID, SEX, BIRTH_DATE, BREED, COLOUR, CASTRATED,
            PREVIOUS_OWNER, HOLDING_KATO, PASSPORT_NUMBER, QUARANTINE);

    /** Every column a CSV of events may have, in the order the module's own writers put them. */
    public static final List<String> CSV_COLUMNS = List.of(KIND, EVENT_ID, LOAN_NUMBER, ANIMAL_NUMBER, RFID, SPECIES, SEX,
            BIRTH_DATE, BREED, COLOUR, CASTRATED, PREVIOUS_OWNER, NEW_OWNER, HOLDING_KATO, PASSPORT_NUMBER, QUARANTINE,
            PREVIOUS_ANIMAL_NUMBER, PREVIOUS_SPECIES, AT, LENDER_ACCOUNT, SELLER_ACCOUNT, BORROWER, AGREEMENT, VALID_UNTIL,
            CARRY_OVER_TO);

    private EventFields() {
    }
}
