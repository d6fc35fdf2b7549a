package kz.digitaltenge.routes.livestock;

import static kz.digitaltenge.routes.livestock.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import kz.digitaltenge.canonical.CanonicalMessage;
import kz.digitaltenge.canonical.ReasonCode;
import kz.digitaltenge.canonical.source.BatchTranslator.Batch;
import kz.digitaltenge.canonical.source.BatchTranslator.RejectedRecord;
import kz.digitaltenge.routes.livestock.testing.LivestockEvent;
import org.junit.jupiter.api.Test;

/** The CSV side of the format: the header, delimiters, quoting, both encodings, cells as data, record isolation. */
class CsvEventsTest {
    private static final LivestockEvent FULL = ownerChange().with(EventFields.RFID, "398000012345678")
            .with(EventFields.SEX, "M").with(EventFields.BIRTH_DATE, "2024-04-01")
            .with(EventFields.BREED, "казахская белоголовая").with(EventFields.COLOUR, "рыжая, с белым")
            .with(EventFields.CASTRATED, true).with(EventFields.HOLDING_KATO, "111010000")
            .with(EventFields.PASSPORT_NUMBER, "ВП № 001234").with(EventFields.QUARANTINE, false);

    @Test
    void aCsvSaysWhatTheSameJsonSays() {
        Batch csv = read(LivestockEvent.csv(List.of(loan(), FULL), ','));

        assertThat(csv.rejected()).isEmpty();
        assertThat(csv.messages()).isEqualTo(read(loan().json() + "\n" + FULL.json()).messages());
    }

    @Test
    void semicolonsAndTabsAsARussianSpreadsheetOrAnExportWritesThem() {
        List<CanonicalMessage> expected = read(loan().json() + "\n" + FULL.json()).messages();
        assertThat(read(LivestockEvent.csv(List.of(loan(), FULL), ';')).messages()).isEqualTo(expected);
        assertThat(read(LivestockEvent.csv(List.of(loan(), FULL), '\t')).messages()).isEqualTo(expected);
    }

    @Test
    void windows1251AndUtf8WithOrWithoutItsBomReadTheSame() {
        String csv = LivestockEvent.csv(List.of(loan(), FULL), ';');
        List<CanonicalMessage> expected = read(csv).messages();

        assertThat(read(csv, TextDecoder.WINDOWS_1251).messages()).isEqualTo(expected);
        assertThat(read(("\uFEFF" + csv).getBytes(StandardCharsets.UTF_8)).messages()).isEqualTo(expected);
        assertThat(READER.translateBatch(csv.getBytes(TextDecoder.WINDOWS_1251), Map.of("charset", "windows-1251"))
                .messages()).isEqualTo(expected);
        assertThat(expected.get(2).terms()).containsEntry("breed", "казахская белоголовая")
                .containsEntry("colour", "рыжая, с белым");
    }

    @Test
    void aDeclaredEncodingThatTheBytesAreNotIsRefused() {
        byte[] cp1251 = LivestockEvent.csv(List.of(FULL), ',').getBytes(TextDecoder.WINDOWS_1251);
        assertThat(wholeFile(() -> READER.translateBatch(cp1251, Map.of("charset", "utf-8"))).code())
                .isEqualTo(ReasonCode.BAD_ENCODING);
        assertThat(wholeFile(() -> READER.translateBatch(cp1251, Map.of("charset", "koi8-r"))).code())
                .isEqualTo(ReasonCode.BAD_ENCODING);
    }

    @Test
    void onlyTheColumnsItNeedsInAnyOrder() {
        String csv = "at,newOwner,species,animalNumber,eventId,kind\n"
                + AT + "," + BORROWER + ",1,KZA100000001,ISZH-1,OWNER_CHANGE\n";
        CanonicalMessage m = one(csv);
        assertThat(m.subject()).isEqualTo("BORROWER-" + BORROWER);
        assertThat(m.terms()).containsEntry("animal", "KZA100000001");
    }

    @Test
    void blanksAroundUnquotedCellsAndBlankLinesDoNotCount() {
        String csv = "\n kind , eventId,loanNumber,animalNumber,species,newOwner,at\r\n\r\n"
                + "OWNER_CHANGE , ISZH-1 ,AA-7, KZA100000001 ,1," + BORROWER + "," + AT + "\r\n\r\n";
        Batch b = read(csv);
        assertThat(b.rejected()).isEmpty();
        assertThat(b.messages()).singleElement().satisfies(m -> assertThat(m.subject()).isEqualTo("LOAN-AA-7"));
    }

    @Test
    void aBadRecordIsNamedByItsLineCountingQuotedLineBreaksAndTheOthersGoOn() {
        String header = "kind,eventId,loanNumber,animalNumber,species,breed,newOwner,at";
        String multiLine = "OWNER_CHANGE,ISZH-1,AA-7,KZA100000001,1,\"казахская\nбелоголовая\"," + BORROWER + "," + AT;
        String bad = "OWNER_CHANGE,ISZH-2,AA-7,KZA100000002,2,," + BORROWER + "," + AT;
        String good = "OWNER_CHANGE,ISZH-3,AA-7,KZA100000003,1,," + BORROWER + "," + AT;
        Batch b = read(header + "\n" + multiLine + "\n" + bad + "\n" + good + "\n");

        assertThat(b.messages()).extracting(CanonicalMessage::sourceMessageId).containsExactly("animal-event:ISZH-3");
        // a line break inside a quoted cell keeps the record one record (lines 2-3); breed takes no line break
        assertThat(b.rejected()).extracting(RejectedRecord::record).containsExactly("line 2", "line 4");
        assertThat(b.rejected().get(0).message()).startsWith("field 'breed'");
        assertThat(b.rejected().get(1)).satisfies(r -> {
            assertThat(r.reason()).isEqualTo(ReasonCode.INVALID_IDENTIFIER);
            assertThat(r.message()).contains("'animalNumber'").contains("species digit 1");
            // the header and the record: it reads again on its own when the back office retries it
            assertThat(new String(r.original(), StandardCharsets.UTF_8)).isEqualTo(header + "\n" + bad);
        });
    }

    @Test
    void aRejectedRecordsTextReadsAgainOnItsOwn() {
        String csv = LivestockEvent.csv(List.of(loan(), ownerChange().with(EventFields.AT, "2026-02-30T00:00:00Z")), ';');
        RejectedRecord r = read(csv).rejected().get(0);

        String fixed = new String(r.original(), StandardCharsets.UTF_8).replace("2026-02-30", "2026-02-28");
        assertThat(one(fixed)).isEqualTo(one(ownerChange().with(EventFields.AT, "2026-02-28T00:00:00Z")));
    }

    @Test
    void formulasInCellsAreDataNeverEvaluated() {
        LivestockEvent formulas = ownerChange().with(EventFields.PASSPORT_NUMBER, "=HYPERLINK(\"http://x\";\"y\")");
        String csv = LivestockEvent.csv(List.of(formulas,
                ownerChange().with(EventFields.EVENT_ID, "ISZH-2").with(EventFields.BREED, "+cmd|' /C calc'!A0"),
                ownerChange().with(EventFields.EVENT_ID, "ISZH-3").with(EventFields.ANIMAL_NUMBER, "@SUM(1+1)*cmd"),
                ownerChange().with(EventFields.EVENT_ID, "-2+3")), ',');
        Batch b = read(csv);

        assertThat(b.messages()).isEmpty();
        assertThat(b.rejected()).extracting(RejectedRecord::message).satisfiesExactly(
                m -> assertThat(m).startsWith("field 'passportNumber': '=HYPERLINK(\"http...'"),
                m -> assertThat(m).startsWith("field 'breed': '+cmd|' /C calc'!...'"),
                m -> assertThat(m).startsWith("field 'animalNumber': '@SUM(1+1)*cmd'"),
                m -> assertThat(m).startsWith("field 'eventId': '-2+3'"));
        // kept as they came, quotes and all
        assertThat(new String(b.rejected().get(0).original(), StandardCharsets.UTF_8))
                .contains("\"=HYPERLINK(\"\"http://x\"\";\"\"y\"\")\"");
    }

    @Test
    void aRecordWithTooFewOrTooManyCellsIsRefusedAlone() {
        String header = "kind,eventId,animalNumber,species,newOwner,at";
        Batch b = read(header + "\nOWNER_CHANGE,ISZH-1,KZA100000001,1," + BORROWER + "\n"
                + "OWNER_CHANGE,ISZH-2,KZA100000002,1," + BORROWER + "," + AT + ",extra\n"
                + "OWNER_CHANGE,ISZH-3,KZA100000003,1," + BORROWER + "," + AT + "\n");

        assertThat(b.messages()).hasSize(1);
        assertThat(b.rejected()).extracting(RejectedRecord::message).containsExactly(
                "the record has 5 cells, the header names 6 fields", "the record has 7 cells, the header names 6 fields");
    }

    @Test
    void aBrokenQuoteSpoilsOneRecordAndAnUnclosedOneAtTheEndIsTruncated() {
        String header = "kind,eventId,animalNumber,species,newOwner,at";
        Batch b = read(header + "\nOWNER_CHANGE,\"ISZH-1\"x,KZA100000001,1," + BORROWER + "," + AT + "\n"
                + "OWNER_CHANGE,ISZH-2,KZA100000002,1," + BORROWER + "," + AT + "\n"
                + "OWNER_CHANGE,ISZH-3,\"KZA1000");

        assertThat(b.messages()).extracting(CanonicalMessage::sourceMessageId).containsExactly("animal-event:ISZH-2");
        assertThat(b.rejected()).extracting(RejectedRecord::record, RejectedRecord::reason).containsExactly(
                org.assertj.core.groups.Tuple.tuple("line 2", ReasonCode.MALFORMED),
                org.assertj.core.groups.Tuple.tuple("line 4", ReasonCode.TRUNCATED));
    }

    @Test
    void aLoanInCsvWritesItsAgreementAsSpeciesHeadsPriceEntries() {
        String csv = "kind,loanNumber,lenderAccount,sellerAccount,borrower,agreement,validUntil\n"
                + "LOAN_REGISTERED,AA-7," + LENDER + "," + SELLER + "," + BORROWER + ",1:10:450000.00  2:40:85000.00,"
                + UNTIL + "\n"
                + "LOAN_REGISTERED,AA-8," + LENDER + "," + SELLER + "," + BORROWER + ",1-10-450000.00," + UNTIL + "\n";
        Batch b = read(csv);

        assertThat(b.messages()).isEqualTo(loanMessages(loan()));
        assertThat(b.rejected()).singleElement().satisfies(r -> assertThat(r.message())
                .isEqualTo("field 'agreement' entry 1 '1-10-450000.00' is not species:heads:pricePerHead (1:10:450000.00)"));
    }

    @Test
    void booleansAreTrueOrFalseInAnyCase() {
        String header = "kind,eventId,animalNumber,species,newOwner,at,quarantine";
        Batch b = read(header + "\nOWNER_CHANGE,ISZH-1,KZA100000001,1," + BORROWER + "," + AT + ",TRUE\n"
                + "OWNER_CHANGE,ISZH-2,KZA100000002,1," + BORROWER + "," + AT + ",да\n");
        assertThat(b.messages()).singleElement().satisfies(m -> assertThat(m.terms()).containsEntry("quarantine", "true"));
        assertThat(b.rejected()).singleElement().satisfies(r -> assertThat(r.message()).contains("'quarantine'"));
    }

    @Test
    void aHeaderThatIsNotOneOfTheFormatRefusesTheFile() {
        assertThat(wholeFile(() -> read("kind,eventId,animal\n")).getMessage())
                .contains("column 'animal' of its header is not a field of the format");
        assertThat(wholeFile(() -> read("Kind,eventId\n")).getMessage()).contains("did you mean 'kind'?");
        assertThat(wholeFile(() -> read("eventId,animalNumber\nx,y\n")).getMessage()).contains("no column 'kind'");
        assertThat(wholeFile(() -> read("kind,kind\nx,y\n")).getMessage()).contains("names column 'kind' twice");
        assertThat(wholeFile(() -> read("kind,eventId\n")).getMessage()).contains("a header and no events");
        assertThat(wholeFile(() -> read("hello world, this is not a file of events\n")).code())
                .isEqualTo(ReasonCode.SCHEMA_INVALID);
    }

    @Test
    void aFileWhoseLineBreaksWereRemovedSaysSo() {
        // curl -d @file.csv sends the file without its line breaks
        String csv = LivestockEvent.csv(List.of(loan(), FULL, FULL), ',').replace("\r\n", "");
        assertThat(wholeFile(() -> read(csv)).getMessage()).contains("are the line breaks missing?")
                .contains("--data-binary");
    }

    @Test
    void theFormatHeaderOverridesTheSniffing() {
        byte[] json = ownerChange().json().getBytes(StandardCharsets.UTF_8);
        assertThat(wholeFile(() -> READER.translateBatch(json, Map.of("format", "csv"))).code())
                .isEqualTo(ReasonCode.SCHEMA_INVALID);
        assertThat(READER.translateBatch(json, Map.of("format", "jsonl")).messages()).hasSize(1);
        assertThat(wholeFile(() -> READER.translateBatch(json, Map.of("format", "xml"))).getMessage())
                .contains("format 'xml' is not taken");
    }
}
