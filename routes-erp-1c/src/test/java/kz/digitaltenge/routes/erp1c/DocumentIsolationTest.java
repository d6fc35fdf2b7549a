package kz.digitaltenge.routes.erp1c;

import kz.digitaltenge.canonical.payment.Statement;
import kz.digitaltenge.canonical.payment.StatementLine;
import static kz.digitaltenge.routes.erp1c.TestFiles.BUYER_IIK;
import static kz.digitaltenge.routes.erp1c.TestFiles.CP1251;
import static kz.digitaltenge.routes.erp1c.TestFiles.UTF8;
import static kz.digitaltenge.routes.erp1c.TestFiles.bytes;
import static kz.digitaltenge.routes.erp1c.TestFiles.file;
import static org.assertj.core.api.Assertions.assertThat;

import kz.digitaltenge.routes.erp1c.TestFiles.Doc;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each document stands alone: a bad one fails with its reason and lines, the good ones around it are read. */
class DocumentIsolationTest {
    private static final int FIRST = TestFiles.HEADER_LINES + 1;
    private final ClientBankExchangeReader reader = new ClientBankExchangeReader();

    @Test
    void oneBadDocumentAmongGoodOnesFailsAloneWithItsLinesAndText() {
        Doc good = Doc.kazakh();
        Doc bad = Doc.kazakh().set("НомерДокумента", "118").set("ПлательщикИИК", "KZ18722S000012345679");
        Doc alsoGood = Doc.kazakh().set("НомерДокумента", "119");
        int badStart = FIRST + good.lineCount();

        ExchangeFile read = reader.read(bytes(file("Windows", good, bad, alsoGood), CP1251, true));

        assertThat(read.paymentOrders()).extracting(PaymentOrder::number).containsExactly("117", "119");
        assertThat(read.paymentOrders().get(1).startLine()).isEqualTo(badStart + bad.lineCount());
        assertThat(read.failedDocuments()).hasSize(1);
        FailedDocument failed = read.failedDocuments().get(0);
        int line = badStart + bad.offsetOf("ПлательщикИИК") - 1;
        assertThat(failed.reason()).isEqualTo("SCHEMA_INVALID");
        assertThat(failed.message()).isEqualTo("line " + line + " (ПлательщикИИК): account number "
                + "'KZ18722S000012345679': check digits do not match (mod-97)");
        assertThat(failed.kind()).isEqualTo("Выписка");
        assertThat(failed.startLine()).isEqualTo(badStart);
        assertThat(failed.endLine()).isEqualTo(badStart + bad.lineCount() - 1);
        assertThat(failed.line()).isEqualTo(line);
        assertThat(failed.rawText()).isEqualTo(bad.text().stripTrailing());
    }

    @ParameterizedTest(name = "{0}={1} -> {2}")
    @CsvSource(delimiter = '|', value = {
            "ПлательщикБИН_ИИН | 040840000998 | SCHEMA_INVALID | BIN/IIN '040840000998': check digit does not match",
            "ПлательщикБИН_ИИН | 04084000099 | SCHEMA_INVALID | must have 12 digits, has 11 characters",
            "ПолучательБИН_ИИН | 12034000512A | SCHEMA_INVALID | must contain digits only",
            "ПлательщикИИК | KZ18722S000012345679 | SCHEMA_INVALID | check digits do not match (mod-97)",
            "ПолучательИИК | 12345678901234567890 | SCHEMA_INVALID | must start with KZ",
            "ДатаДокумента | 31.04.2025 | SCHEMA_INVALID | '31.04.2025' is not a valid date (dd.MM.yyyy)",
            "ДатаДокумента | 2025-03-14 | SCHEMA_INVALID | '2025-03-14' is not a valid date (dd.MM.yyyy)",
            "СуммаРасход | 0.00 | BUSINESS_RULE | amount must be positive",
            "СуммаРасход | -5.00 | BUSINESS_RULE | amount must be positive",
            "СуммаРасход | 12.345 | SCHEMA_INVALID | amount '12.345' has more than two decimals",
            "СуммаРасход | 1 250,50 | SCHEMA_INVALID | amount '1 250,50' must be written like 1250.50",
            "СуммаРасход | 1e3 | SCHEMA_INVALID | must be written like 1250.50",
            "СуммаРасход | 1E10000000 | SCHEMA_INVALID | amount '1E10000000' must be written like 1250.50",
            "СуммаРасход | +100.00 | SCHEMA_INVALID | must be written like 1250.50",
            "СуммаРасход | 0000000000000000001250.50 | SCHEMA_INVALID | amount '0000000000000000...' must be written like",
            "СуммаРасход | 2000000000000.00 | BUSINESS_RULE | exceeds the per-output maximum",
            "ПлательщикБанкБИК | 044525225 | SCHEMA_INVALID | BIC '044525225'",
            "КодНазначенияПлатежа | 71 | SCHEMA_INVALID | '71': a payment purpose code (КНП) has 3 digits",
            "ПлательщикКБЕ | 7 | SCHEMA_INVALID | '7': a beneficiary code (КБе) has 2 digits",
            "Валюта | тенге | SCHEMA_INVALID | a currency is 3 upper-case ISO 4217 letters",
            "ВидДокумента | ПлатежноеТребование | SCHEMA_INVALID | 'ПлатежноеТребование' is not a payment order",
            "ПолучательИИК | " + BUYER_IIK + " | BUSINESS_RULE | the payee account is the payer's own account"})
    void aFieldProblemNamesTheLineOfTheField(String key, String value, String reason, String message) {
        Doc bad = Doc.kazakh().set(key, value);
        int start = FIRST + Doc.kazakh().lineCount();

        FailedDocument failed = readSecondOfTwo(bad);

        int line = start + bad.offsetOf(key) - 1;
        assertThat(failed.reason()).isEqualTo(reason);
        assertThat(failed.message()).startsWith("line " + line + " (" + key + "): ").contains(message);
        assertThat(failed.line()).isEqualTo(line);
        assertThat(failed.startLine()).isEqualTo(start);
    }

    @ParameterizedTest
    @CsvSource({"НомерДокумента", "ДатаДокумента", "СуммаРасход", "ПлательщикНаименование", "ПлательщикБИН_ИИН",
            "ПлательщикИИК", "ПолучательНаименование", "ПолучательБИН_ИИН", "ПолучательИИК", "НазначениеПлатежа"})
    void aMissingRequiredFieldFailsTheDocumentAtItsStart(String key) {
        int start = FIRST + Doc.kazakh().lineCount();

        FailedDocument failed = readSecondOfTwo(Doc.kazakh().remove(key));

        assertThat(failed.reason()).isEqualTo("SCHEMA_INVALID");
        assertThat(failed.message()).contains("required field").contains(key)
                .endsWith("is missing or empty in the document starting at line " + start);
        assertThat(failed.line()).isEqualTo(start);
    }

    @Test
    void anEmptyRequiredValueCountsAsMissing() {
        FailedDocument failed = readSecondOfTwo(Doc.kazakh().set("ПолучательНаименование", ""));

        assertThat(failed.message()).startsWith("required field ПолучательНаименование is missing or empty");
    }

    @Test
    void aStatementLineCannotMoveMoneyBothWays() {
        Doc bad = Doc.kazakh().set("СуммаПриход", "10.00");

        FailedDocument failed = readSecondOfTwo(bad);

        assertThat(failed.reason()).isEqualTo("SCHEMA_INVALID");
        assertThat(failed.message()).contains("line 29 (СуммаРасход): both СуммаПриход (line 43) and СуммаРасход are set");
    }

    @Test
    void otherDocumentKindsAreNotPaymentOrders() {
        FailedDocument failed = readSecondOfTwo(Doc.ofKind("Платежное требование").set("Номер", "1"));

        assertThat(failed.reason()).isEqualTo("SCHEMA_INVALID");
        assertThat(failed.message()).isEqualTo("line 25: document kind 'Платежное требование' is not a payment order "
                + "(the hub takes СекцияДокумент=Платежное поручение, or Выписка with ВидДокумента=ПлатежноеПоручение)");
        assertThat(failed.kind()).isEqualTo("Платежное требование");
    }

    @Test
    void aLineThatIsNotKeyValueFailsTheDocument() {
        String text = file("UTF-8", Doc.kazakh(), Doc.kazakh()).replace("КонецДокумента\nКонецФайла",
                "мусор без знака равенства\nКонецДокумента\nКонецФайла");

        FailedDocument failed = reader.read(bytes(text, UTF8, false)).failedDocuments().get(0);

        assertThat(failed.reason()).isEqualTo("MALFORMED");
        assertThat(failed.message()).isEqualTo("line 43: 'мусор без знака равенства' is not a Key=Value line");
        assertThat(failed.endLine()).isEqualTo(44);
    }

    @Test
    void aRepeatedFieldFailsTheDocument() {
        String text = file("UTF-8", Doc.kazakh(), Doc.kazakh()).replace("КонецДокумента\nКонецФайла",
                "СуммаРасход=9999.00\nКонецДокумента\nКонецФайла");

        FailedDocument failed = reader.read(bytes(text, UTF8, false)).failedDocuments().get(0);

        assertThat(failed.reason()).isEqualTo("MALFORMED");
        assertThat(failed.message()).isEqualTo("line 43: СуммаРасход repeats line 29; a document states each field once");
    }

    @Test
    void aDocumentWithoutItsEndIsTruncatedAndTheNextOneIsStillRead() {
        String text = file("Windows", Doc.kazakh(), Doc.kazakh().set("НомерДокумента", "118"))
                .replaceFirst("КонецДокумента\n", "");

        ExchangeFile read = reader.read(bytes(text, CP1251, true));

        assertThat(read.paymentOrders()).extracting(PaymentOrder::number).containsExactly("118");
        assertThat(read.paymentOrders().get(0).startLine()).isEqualTo(24);
        FailedDocument failed = read.failedDocuments().get(0);
        assertThat(failed.reason()).isEqualTo("TRUNCATED");
        assertThat(failed.message()).isEqualTo("the document starting at line 6 has no КонецДокумента before line 24");
        assertThat(failed.startLine()).isEqualTo(6);
        assertThat(failed.endLine()).isEqualTo(23);
        assertThat(failed.rawText()).startsWith("СекцияДокумент=Выписка\n").endsWith("КодНазначенияПлатежа=710");
    }

    @Test
    void theLastDocumentWithoutItsEndIsTruncatedWhileTheFileIsRead() {
        String text = file("Windows", Doc.kazakh(), Doc.kazakh().set("НомерДокумента", "118"));
        text = text.substring(0, text.lastIndexOf("КонецДокумента")) + "КонецФайла\n";

        ExchangeFile read = reader.read(bytes(text, CP1251, true));

        assertThat(read.paymentOrders()).extracting(PaymentOrder::number).containsExactly("117");
        assertThat(read.failedDocuments()).singleElement().satisfies(failed -> {
            assertThat(failed.reason()).isEqualTo("TRUNCATED");
            assertThat(failed.message()).isEqualTo("the document starting at line 25 has no КонецДокумента before line 43");
        });
    }

    @Test
    void blankLinesAreSkippedButCountedInLineNumbers() {
        String text = file("Windows", Doc.kazakh()).replace("КонецДокумента\n", "КонецДокумента\n\n   \n");
        text = text.replace("ДатаДокумента=14.03.2025\n", "ДатаДокумента=14.03.2025\n\n");

        ExchangeFile read = reader.read(bytes(text, CP1251, true));

        PaymentOrder order = read.paymentOrders().get(0);
        assertThat(order.fields().get("СуммаРасход").line()).isEqualTo(11);
        assertThat(order.endLine()).isEqualTo(25);
    }

    private FailedDocument readSecondOfTwo(Doc bad) {
        ExchangeFile read = reader.read(bytes(file("Windows", Doc.kazakh(), bad), CP1251, true));
        assertThat(read.paymentOrders()).hasSize(1);
        assertThat(read.failedDocuments()).hasSize(1);
        return read.failedDocuments().get(0);
    }
}
