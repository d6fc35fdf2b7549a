package kz.digitaltenge.routes.livestock;

import static kz.digitaltenge.routes.livestock.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.nio.charset.StandardCharsets;
import java.util.List;
import kz.digitaltenge.canonical.CanonicalMessage;
import kz.digitaltenge.canonical.ReasonCode;
import kz.digitaltenge.canonical.source.BatchTranslator.Batch;
import kz.digitaltenge.canonical.source.BatchTranslator.RejectedRecord;
import kz.digitaltenge.routes.livestock.testing.LivestockEvent;
import kz.digitaltenge.routes.livestock.testing.LivestockEvent.Line;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The JSON side of the format: one event, pretty-printed events, JSON lines; every field and its refusals. */
class JsonEventsTest {

    @Test
    void aLoanBecomesTheRegistrationOfAnUnlimitedHoldWithItsAgreement() {
        List<CanonicalMessage> both = loanMessages(loan().with(EventFields.CARRY_OVER_TO, "AA-8").with(EventFields.AT, AT));
        CanonicalMessage m = both.get(0);

        assertThat(m.type()).isEqualTo("EVENT_REGISTERED");
        assertThat(m.subject()).isEqualTo("LOAN-AA-7");
        assertThat(m.sourceMessageId()).isEqualTo("loan:AA-7");
        assertThat(m.occurredAt()).isEqualTo(AT_UTC);
        assertThat(m.terms()).containsOnly(
                entry("sender", LENDER),
                entry("recipient", SELLER),
                entry("amount", "790000000"), // 10 × 450,000.00 + 40 × 85,000.00 = 7,900,000.00 tenge
                entry("validUntil", UNTIL),
                entry("holdType", "UNLIMITED"),
                entry("borrower", BORROWER),
                entry("loanNumber", "AA-7"),
                entry("heads", "50"),
                entry("species.1.heads", "10"),
                entry("species.1.price", "45000000"),
                entry("species.2.heads", "40"),
                entry("species.2.price", "8500000"),
                entry("carryOverTo", "LOAN-AA-8"));
        // and its entry in the borrower's index, for animal events that name no loan number
        CanonicalMessage index = both.get(1);
        assertThat(index.type()).isEqualTo("EVENT_OCCURRED");
        assertThat(index.subject()).isEqualTo("BORROWER-" + BORROWER);
        assertThat(index.sourceMessageId()).isEqualTo("loan-borrower:AA-7");
        assertThat(index.occurredAt()).isEqualTo(AT_UTC);
        assertThat(index.terms()).containsOnly(entry("occurrence", "LOAN_REGISTERED:AA-7"), entry("kind", "LOAN_REGISTERED"),
                entry("loan", "LOAN-AA-7"), entry("borrower", BORROWER));
    }

    @Test
    void aLoanWithoutItsOptionalFieldsHasNoOccurredAtNorCarryOver() {
        CanonicalMessage m = registration(loan());

        assertThat(m.occurredAt()).isNull();
        assertThat(m.terms()).doesNotContainKey("carryOverTo");
    }

    @Test
    void accountsAreNormalisedAndAnOffsetBecomesUtc() {
        String spaced = LENDER.substring(0, 4).toLowerCase() + " " + LENDER.substring(4);
        CanonicalMessage m = registration(loan().with(EventFields.LENDER_ACCOUNT, spaced)
                .with(EventFields.VALID_UNTIL, "2026-12-31T23:59:59+05:00"));

        assertThat(m.terms()).containsEntry("sender", LENDER).containsEntry("validUntil", "2026-12-31T18:59:59Z");
    }

    @Test
    void anOwnerChangeBecomesAnOccurrenceOfTheLoanWithEveryField() {
        CanonicalMessage m = one(ownerChange().with(EventFields.RFID, "398000012345678").with(EventFields.SEX, "F")
                .with(EventFields.BIRTH_DATE, "2024-04-01").with(EventFields.BREED, "казахская белоголовая")
                .with(EventFields.COLOUR, "рыжая").with(EventFields.CASTRATED, false)
                .with(EventFields.HOLDING_KATO, "111010000").with(EventFields.PASSPORT_NUMBER, "ВП № 001234")
                .with(EventFields.QUARANTINE, false));

        assertThat(m.type()).isEqualTo("EVENT_OCCURRED");
        assertThat(m.subject()).isEqualTo("LOAN-AA-7");
        assertThat(m.sourceMessageId()).isEqualTo("animal-event:ISZH-1");
        assertThat(m.occurredAt()).isEqualTo(AT_UTC);
        assertThat(m.terms()).containsOnly(
                entry("occurrence", "OWNER_CHANGE:KZA100000001"),
                entry("kind", "OWNER_CHANGE"),
                entry("animal", "KZA100000001"),
                entry("species", "1"),
                entry("newOwner", BORROWER),
                entry("previousOwner", SELLER_BIN),
                entry("quarantine", "false"),
                entry("at", AT_UTC),
                entry("eventId", "ISZH-1"),
                entry("rfid", "398000012345678"),
                entry("sex", "F"),
                entry("birthDate", "2024-04-01"),
                entry("breed", "казахская белоголовая"),
                entry("colour", "рыжая"),
                entry("castrated", "false"),
                entry("holdingKato", "111010000"),
                entry("passportNumber", "ВП № 001234"));
        assertThat(m.terms()).as("the price comes from the loan's agreement").doesNotContainKey("amount");
    }

    @Test
    void withoutALoanNumberTheSubjectIsTheNewOwnerAsBorrower() {
        CanonicalMessage m = one(ownerChange().without(EventFields.LOAN_NUMBER));

        assertThat(m.subject()).isEqualTo("BORROWER-" + BORROWER);
    }

    @Test
    void quarantineIsFalseUnlessSaidAndTrueOnAQuarantineEventUnlessItLiftsOne() {
        assertThat(one(ownerChange()).terms()).containsEntry("quarantine", "false");
        assertThat(one(ownerChange().with(EventFields.QUARANTINE, true)).terms()).containsEntry("quarantine", "true");
        LivestockEvent q = LivestockEvent.animal("QUARANTINE", "Q-1", "AA-7", "KZA100000001", BORROWER, AT);
        assertThat(one(q).terms()).containsEntry("quarantine", "true").containsEntry("occurrence", "QUARANTINE:KZA100000001");
        assertThat(one(q.with(EventFields.QUARANTINE, false)).terms()).containsEntry("quarantine", "false");
    }

    @Test
    void deathAndCorrectionAreOccurrencesToo() {
        LivestockEvent death = LivestockEvent.animal("DEATH", "D-1", "AA-7", "KZA100000001", BORROWER, AT);
        assertThat(one(death).terms()).containsEntry("occurrence", "DEATH:KZA100000001");

        LivestockEvent correction = LivestockEvent.animal("CORRECTION", "C-1", "AA-7", "KZA200000001", BORROWER, AT)
                .with(EventFields.PREVIOUS_ANIMAL_NUMBER, "KZA100000001").with(EventFields.PREVIOUS_SPECIES, "1");
        assertThat(one(correction).terms()).containsEntry("occurrence", "CORRECTION:KZA200000001")
                .containsEntry("species", "2").containsEntry("previousAnimal", "KZA100000001")
                .containsEntry("previousSpecies", "1");
    }

    @Test
    void nullAndEmptyOptionalFieldsAreAbsent() {
        String json = ownerChange().json().replace("}", ",\"rfid\":null,\"breed\":\"\"}");
        assertThat(one(json).terms()).doesNotContainKeys("rfid", "breed");
    }

    @Test
    void onePrettyPrintedEventIsOneRecord() {
        String pretty = """
                {
                  "kind": "LOAN_REGISTERED",
                  "loanNumber": "AA-7",
                  "lenderAccount": "%s",
                  "sellerAccount": "%s",
                  "borrower": "%s",
                  "agreement": [
                    {"species": "1", "heads": 10, "pricePerHead": "450000.00"},
                    {"species": "2", "heads": 40, "pricePerHead": "85000.00"}
                  ],
                  "validUntil": "%s"
                }
                """.formatted(LENDER, SELLER, BORROWER, UNTIL);
        assertThat(read(pretty).messages()).isEqualTo(loanMessages(loan()));
    }

    @Test
    void aBrokenPrettyPrintedEventIsOneRejectedRecord() {
        String pretty = "{\n  \"kind\": \"OWNER_CHANGE\",\n  \"eventId\": \"ISZH-1\",\n";
        RejectedRecord r = refused(pretty);

        assertThat(r.record()).isEqualTo("line 1");
        assertThat(r.reason()).isEqualTo(ReasonCode.TRUNCATED);
    }

    @Test
    void jsonLinesWithOneBadLineAmongGoodOnesKeepTheGoodOnes() {
        String bad = ownerChange().with(EventFields.EVENT_ID, "ISZH-3").with(EventFields.ANIMAL_NUMBER, "KZA1000000")
                .json();
        String text = loan().json() + "\n"
                + ownerChange().json() + "\r\n"
                + "\n"
                + bad + "\n"
                + ownerChange().with(EventFields.EVENT_ID, "ISZH-4").with(EventFields.ANIMAL_NUMBER, "KZA100000004").json()
                + "\n";
        Batch b = read(text);

        assertThat(b.messages()).extracting(CanonicalMessage::sourceMessageId)
                .containsExactly("loan:AA-7", "loan-borrower:AA-7", "animal-event:ISZH-1", "animal-event:ISZH-4");
        assertThat(b.rejected()).singleElement().satisfies(r -> {
            assertThat(r.record()).isEqualTo("line 4");
            assertThat(r.reason()).isEqualTo(ReasonCode.INVALID_IDENTIFIER);
            assertThat(r.message()).contains("'animalNumber'").contains("KZA1000000");
            assertThat(new String(r.original(), StandardCharsets.UTF_8)).isEqualTo(bad);
        });
    }

    @Test
    void aLastLineCutOffIsTruncatedAndTheRestGoesOn() {
        String cut = ownerChange().with(EventFields.EVENT_ID, "ISZH-2").json();
        Batch b = read(loan().json() + "\n" + cut.substring(0, cut.length() - 20));

        assertThat(b.messages()).hasSize(2);
        assertThat(b.rejected()).singleElement().satisfies(r -> {
            assertThat(r.record()).isEqualTo("line 2");
            assertThat(r.reason()).isEqualTo(ReasonCode.TRUNCATED);
        });
    }

    @Test
    void eventsRunTogetherOnOneLineAreReadOneByOne() {
        // curl -d @file removes the line breaks of JSON lines
        String bad = ownerChange().with(EventFields.EVENT_ID, "ISZH-2").with(EventFields.SPECIES, "2").json();
        Batch b = read(loan().json() + ownerChange().json() + bad + "\n");

        assertThat(b.messages()).extracting(CanonicalMessage::sourceMessageId).containsExactly("loan:AA-7",
                "loan-borrower:AA-7", "animal-event:ISZH-1");
        assertThat(b.rejected()).singleElement().satisfies(r -> {
            assertThat(r.record()).isEqualTo("line 1, object 3");
            assertThat(new String(r.original(), StandardCharsets.UTF_8)).isEqualTo(bad);
        });
    }

    @Test
    void garbageAfterAnEventOnItsLineIsItsOwnRecord() {
        Batch b = read(ownerChange().json() + " trailing\n");
        assertThat(b.messages()).hasSize(1);
        assertThat(b.rejected()).singleElement().satisfies(r -> {
            assertThat(r.record()).isEqualTo("line 1, object 2");
            assertThat(r.reason()).isEqualTo(ReasonCode.MALFORMED);
            assertThat(new String(r.original(), StandardCharsets.UTF_8)).isEqualTo(" trailing");
        });
    }

    @Test
    void theTranslatorsSingleMessageContractRefusesTheWholeFileForOneBadRecord() {
        String text = loan().json() + "\n" + ownerChange().with(EventFields.SPECIES, "9").json() + "\n";
        assertThat(wholeFile(() -> READER.translate(text.getBytes(StandardCharsets.UTF_8), java.util.Map.of()))
                .getMessage()).startsWith("record line 2: field 'species'");
    }

    // ---- refusals, each naming the field -----------------------------------------------------------------------

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', value = {
        "animalNumber | KZA10000001   | INVALID_IDENTIFIER | 'animalNumber'",
        "animalNumber | kza100000001  | INVALID_IDENTIFIER | 'animalNumber'",
        "animalNumber | KZA600000001  | INVALID_IDENTIFIER | 'animalNumber'",
        "animalNumber | KZ1100000001  | INVALID_IDENTIFIER | 'animalNumber'",
        "animalNumber | KZA2000000010 | INVALID_IDENTIFIER | 'animalNumber'",
        "animalNumber | KZA200000001  | INVALID_IDENTIFIER | carries species digit 2 (sheep and goats), but field 'species' says 1 (cattle)",
        "animalNumber | =HYPERLINK(x) | INVALID_IDENTIFIER | 'animalNumber'",
        "species      | 6             | SCHEMA_INVALID     | 'species'",
        "species      | cattle        | SCHEMA_INVALID     | 'species'",
        "rfid         | 39800001234567   | INVALID_IDENTIFIER | 'rfid'",
        "rfid         | 643000012345678  | INVALID_IDENTIFIER | 'rfid'",
        "rfid         | 3980000123456789 | INVALID_IDENTIFIER | 'rfid'",
        "rfid         | 398O00012345678  | INVALID_IDENTIFIER | 'rfid'",
        "at           | 2026-02-30T10:00:00Z      | MALFORMED | 'at'",
        "at           | 2026-03-10T09:30:00       | MALFORMED | with a zone",
        "at           | 2026-03-10                | MALFORMED | 'at'",
        "at           | 10.03.2026 09:30          | MALFORMED | 'at'",
        "at           | 1999-12-31T23:00:00Z      | MALFORMED | outside the years",
        "at           | 2026-03-10T25:00:00Z      | MALFORMED | 'at'",
        "birthDate    | 2024-02-30  | MALFORMED      | 'birthDate'",
        "birthDate    | 2024-4-1    | MALFORMED      | 'birthDate'",
        "birthDate    | 2026-03-11  | BUSINESS_RULE  | after the event",
        "birthDate    | 1985-01-01  | BUSINESS_RULE  | before 1990",
        "newOwner     | 123456789012 | INVALID_IDENTIFIER | 'newOwner'",
        "newOwner     | 12345678901  | INVALID_IDENTIFIER | 'newOwner'",
        "previousOwner| 85000000000X | INVALID_IDENTIFIER | 'previousOwner'",
        "sex          | male        | SCHEMA_INVALID     | 'sex'",
        "holdingKato  | 11101000    | INVALID_IDENTIFIER | 'holdingKato'",
        "passportNumber | =1+2      | SCHEMA_INVALID     | 'passportNumber'",
        "breed        | @SUM(A1)    | SCHEMA_INVALID     | 'breed'",
        "breed        | 'abc\u202Edef' | SCHEMA_INVALID  | 'breed'",
        "eventId      | -1          | SCHEMA_INVALID     | 'eventId'",
        "loanNumber   | AA 7        | SCHEMA_INVALID     | 'loanNumber'",
        "kind         | SALE        | SCHEMA_INVALID     | 'kind'",
    })
    void aBadValueOfAnAnimalEventIsRefusedNamingTheField(String field, String value, ReasonCode reason, String says) {
        RejectedRecord r = refused(ownerChange().with(field, value));

        assertThat(r.reason()).isEqualTo(reason);
        assertThat(r.message()).contains(says);
        assertThat(r.record()).isEqualTo("line 1");
    }

    @ParameterizedTest(name = "missing {0}")
    @CsvSource({"eventId", "animalNumber", "species", "newOwner", "at", "kind"})
    void aMissingRequiredFieldIsRefused(String field) {
        RejectedRecord r = refused(ownerChange().without(field));

        assertThat(r.reason()).isEqualTo(ReasonCode.SCHEMA_INVALID);
        assertThat(r.message()).isEqualTo("field '" + field + "' is missing");
    }

    @Test
    void aFieldOfAnotherKindOrUnknownIsRefusedNotDropped() {
        assertThat(refused(ownerChange().with(EventFields.VALID_UNTIL, UNTIL)).message())
                .isEqualTo("field 'validUntil' is not a field of OWNER_CHANGE");
        assertThat(refused(ownerChange().with("loanNumbr", "AA-7")).message())
                .isEqualTo("field 'loanNumbr' is not a field of OWNER_CHANGE (nor of any kind of record)");
        assertThat(refused(ownerChange().with(EventFields.PREVIOUS_ANIMAL_NUMBER, "KZA100000002")).message())
                .contains("'previousAnimalNumber' is not a field of OWNER_CHANGE");
        assertThat(refused(loan().with(EventFields.ANIMAL_NUMBER, "KZA100000002")).message())
                .contains("'animalNumber' is not a field of LOAN_REGISTERED");
    }

    @Test
    void jsonTypesAreStrict() {
        assertThat(refused(ownerChange().with(EventFields.SPECIES, 1)).message())
                .isEqualTo("field 'species' must be a JSON string, not a number (species are \"1\" to \"5\")");
        assertThat(refused(ownerChange().with(EventFields.QUARANTINE, "yes")).message())
                .isEqualTo("field 'quarantine' must be true or false, not a string");
        assertThat(refused(ownerChange().json().replace("}", ",\"at\":\"x\"}")).message()).contains("Duplicate field 'at'");
        assertThat(refused(ownerChange().json().replace("}", ",}")).reason()).isEqualTo(ReasonCode.MALFORMED);
        assertThat(wholeFile(() -> read("[" + loan().json() + "]")).code()).isEqualTo(ReasonCode.SCHEMA_INVALID);
        Batch b = read(loan().json() + "\n[1]\n\"x\"\n");
        assertThat(b.messages()).hasSize(2);
        assertThat(b.rejected()).extracting(RejectedRecord::record, RejectedRecord::reason).containsExactly(
                org.assertj.core.groups.Tuple.tuple("line 2", ReasonCode.SCHEMA_INVALID),
                org.assertj.core.groups.Tuple.tuple("line 3", ReasonCode.SCHEMA_INVALID));
    }

    @Test
    void anOwnerChangeToTheSameOwnerIsNotOne() {
        RejectedRecord r = refused(ownerChange().with(EventFields.PREVIOUS_OWNER, BORROWER));
        assertThat(r.reason()).isEqualTo(ReasonCode.BUSINESS_RULE);
        assertThat(r.message()).contains("not a change of owner");
    }

    @Test
    void aCorrectionsPreviousNumberMustAgreeWithItsPreviousSpecies() {
        LivestockEvent c = LivestockEvent.animal("CORRECTION", "C-1", "AA-7", "KZA200000001", BORROWER, AT)
                .with(EventFields.PREVIOUS_ANIMAL_NUMBER, "KZA100000001").with(EventFields.PREVIOUS_SPECIES, "2");
        assertThat(refused(c).message()).contains("'previousAnimalNumber'").contains("'previousSpecies' says 2");
    }

    // ---- loans -------------------------------------------------------------------------------------------------

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', value = {
        "lenderAccount | KZ000000000000000001 | INVALID_IDENTIFIER | 'lenderAccount'",
        "sellerAccount | KZ12                 | INVALID_IDENTIFIER | 'sellerAccount'",
        "borrower      | 850000000001         | INVALID_IDENTIFIER | 'borrower'",
        "validUntil    | 2026-12-31           | MALFORMED          | 'validUntil'",
        "validUntil    | 2026-03-01T00:00:00Z | BUSINESS_RULE      | not after the loan's registration",
        "loanNumber    | АА-7                 | SCHEMA_INVALID     | 'loanNumber'",
        "carryOverTo   | AA-7                 | BUSINESS_RULE      | names the loan itself",
    })
    void aBadValueOfALoanIsRefusedNamingTheField(String field, String value, ReasonCode reason, String says) {
        RejectedRecord r = refused(loan().with(EventFields.AT, "2026-03-02T04:00:00Z").with(field, value));

        assertThat(r.reason()).isEqualTo(reason);
        assertThat(r.message()).contains(says);
    }

    @Test
    void theLenderCannotBeTheSeller() {
        assertThat(refused(loan().with(EventFields.SELLER_ACCOUNT, LENDER)).reason()).isEqualTo(ReasonCode.BUSINESS_RULE);
    }

    @ParameterizedTest(name = "{0}:{1}:{2}")
    @CsvSource(delimiter = '|', value = {
        "1 | 10    | 450000.001 | MALFORMED      | more than two decimals",
        "1 | 10    | 4.5E5      | MALFORMED      | 'pricePerHead'",
        "1 | 10    | -450000.00 | MALFORMED      | 'pricePerHead'",
        "1 | 10    | 0.00       | OVER_LIMIT     | must be positive",
        "1 | 10    | 450 000.00 | MALFORMED      | 'pricePerHead'",
        "1 | 0     |  450000.00 | OVER_LIMIT     | 'heads': 0 heads",
        "1 | 100001| 450000.00  | OVER_LIMIT     | 'heads'",
        "7 | 10    | 450000.00  | SCHEMA_INVALID | line 1 'species'",
    })
    void aBadAgreementLineIsRefused(String species, int heads, String price, ReasonCode reason, String says) {
        RejectedRecord r = refused(loan().with(EventFields.AGREEMENT, List.of(new Line(species, heads, price.strip()))));

        assertThat(r.reason()).isEqualTo(reason);
        assertThat(r.message()).startsWith("field 'agreement' line 1").contains(says);
    }

    @Test
    void agreementShapesAreChecked() {
        assertThat(refused(loan().with(EventFields.AGREEMENT, List.of())).message()).contains("'agreement' is missing");
        assertThat(refused(loan().without(EventFields.AGREEMENT)).message()).contains("'agreement' is missing");
        assertThat(refused(loan().with(EventFields.AGREEMENT, List.of(new Line("1", 1, "1.00"), new Line("1", 2, "2.00"))))
                .message()).contains("names species 1 (cattle) again");
        assertThat(refused(loan().with(EventFields.AGREEMENT, List.of(new Line("1", (Object) "ten", "1.00")))).message())
                .contains("'heads' must be a whole JSON number");
        assertThat(refused(loan().json().replace("\"450000.00\"", "450000.00")).message())
                .contains("amounts are never JSON numbers");
        assertThat(refused(loan().json().replace("\"heads\":10", "\"heads\":10,\"total\":1")).message())
                .contains("has field 'total'");
        assertThat(refused(loan().with(EventFields.AGREEMENT, List.of(new Line("1", 100_000, "99999999999.99"))))
                .reason()).isEqualTo(ReasonCode.OVER_LIMIT);
    }
}
