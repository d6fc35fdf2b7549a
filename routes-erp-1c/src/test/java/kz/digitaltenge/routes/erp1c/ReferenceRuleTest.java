package kz.digitaltenge.routes.erp1c;

import static kz.digitaltenge.routes.erp1c.TestFiles.CP1251;
import static kz.digitaltenge.routes.erp1c.TestFiles.bytes;
import static kz.digitaltenge.routes.erp1c.TestFiles.file;
import static org.assertj.core.api.Assertions.assertThat;

import kz.digitaltenge.routes.erp1c.TestFiles.Doc;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What a payment order pays: a dedicated field first, otherwise exactly one reference in НазначениеПлатежа. */
class ReferenceRuleTest {
    private static final int START = TestFiles.HEADER_LINES + 1;
    private final ClientBankExchangeReader reader = new ClientBankExchangeReader();

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "Оплата по ЭСФ ESF-1234-AB                              | INVOICE  | ESF-1234-AB",
            "Оплата ЭСФ № ESF-120340005124-20250314-0001.           | INVOICE  | ESF-120340005124-20250314-0001",
            "ESF-77 оплата за март                                  | INVOICE  | ESF-77",
            "Оплата ЭСФ ESF-1 (повторно указан ESF-1)               | INVOICE  | ESF-1",
            "Оплата по договору № 15/2024 за товар                  | CONTRACT | 15/2024",
            "Предоплата по Договору №ДП-7                           | CONTRACT | ДП-7",
            "Оплата по дог. 12                                      | CONTRACT | 12",
            "Аванс согласно договора № 5-А.                         | CONTRACT | 5-А",
            "Оплата по ДОГОВОР №12.3/2025, аванс                    | CONTRACT | 12.3/2025",
            "Предоплата по договору поставки, договор № 44          | CONTRACT | 44"})
    void thePurposeNamesOneReference(String purpose, PaymentReference.Kind kind, String value) {
        PaymentOrder order = readOne(Doc.kazakh().set("НазначениеПлатежа", purpose));

        assertThat(order.reference()).isEqualTo(new PaymentReference(kind, value));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "Оплата за строительные материалы      | found none: the purpose names neither an e-invoice (ESF-...) nor a contract (договор № ...), and neither НомерЭСФ nor НомерДоговора is set",
            "Оплата по договору поставки           | the purpose names neither",
            "Договорная цена, счет 15              | the purpose names neither",
            "Оплата ЭСФ № 15 от 14.03.2025         | the purpose names neither",
            "Оплата по договору от 01.02.2025 № 5  | the purpose names neither",
            "Оплата ЭСФ ESF-1 по договору № 5      | the purpose names 2: e-invoice ESF-1, contract 5",
            "Оплата ESF-1, ESF-2                   | the purpose names 2: e-invoice ESF-1, e-invoice ESF-2"})
    void noneOrTwoReferencesFailTheDocumentAtThePurposeLine(String purpose, String detail) {
        Doc document = Doc.kazakh().set("НазначениеПлатежа", purpose);
        int line = START + document.offsetOf("НазначениеПлатежа") - 1;

        FailedDocument failed = readFailed(document);

        assertThat(failed.reason()).isEqualTo("BUSINESS_RULE");
        assertThat(failed.line()).isEqualTo(line);
        assertThat(failed.message()).startsWith("line " + line + " (НазначениеПлатежа): "
                + "the payment order must name one invoice or one contract; ")
                .contains(detail.replace("found none: ", ""));
    }

    @Test
    void theInvoiceFieldWinsOverThePurpose() {
        PaymentOrder order = readOne(Doc.kazakh()
                .set("НазначениеПлатежа", "Оплата по договору № 5")
                .set("НомерЭСФ", "ESF-120340005124-20250314-0009"));

        assertThat(order.reference()).isEqualTo(PaymentReference.invoice("ESF-120340005124-20250314-0009"));
    }

    @Test
    void theContractFieldMakesAPrepaymentEvenWithAPlainPurpose() {
        PaymentOrder order = readOne(Doc.kazakh()
                .set("НазначениеПлатежа", "Предоплата за бетон")
                .set("НомерДоговора", "ДП-15/2025"));

        assertThat(order.reference()).isEqualTo(PaymentReference.contract("ДП-15/2025"));
    }

    @Test
    void bothDedicatedFieldsFail() {
        Doc document = Doc.kazakh().set("НомерЭСФ", "ESF-1").set("НомерДоговора", "5");
        int invoiceLine = START + document.offsetOf("НомерЭСФ") - 1;

        FailedDocument failed = readFailed(document);

        assertThat(failed.reason()).isEqualTo("BUSINESS_RULE");
        assertThat(failed.line()).isEqualTo(invoiceLine + 1);
        assertThat(failed.message()).isEqualTo("line " + (invoiceLine + 1) + " (НомерДоговора): the payment order must "
                + "name one invoice or one contract; both line " + invoiceLine + " (НомерЭСФ) and line "
                + (invoiceLine + 1) + " (НомерДоговора) are set");
    }

    @Test
    void anInvoiceFieldThatIsNotARegistrationNumberFails() {
        FailedDocument failed = readFailed(Doc.kazakh().set("НомерЭСФ", "15 от 14.03.2025"));

        assertThat(failed.reason()).isEqualTo("SCHEMA_INVALID");
        assertThat(failed.message()).contains("'15 от 14.03.2025' is not an e-invoice registration number");
    }

    @Test
    void theRussianVariantFollowsTheSameRule() {
        FailedDocument failed = readFailed(Doc.russian().set("НазначениеПлатежа", "Оплата за товар"));

        assertThat(failed.message()).contains("the payment order must name one invoice or one contract");
        assertThat(readOne(Doc.russian().set("НомерДоговора", "7")).reference())
                .isEqualTo(PaymentReference.contract("7"));
    }

    private PaymentOrder readOne(Doc document) {
        ExchangeFile read = reader.read(bytes(file("Windows", document), CP1251, true));
        assertThat(read.failedDocuments()).isEmpty();
        return read.paymentOrders().get(0);
    }

    private FailedDocument readFailed(Doc document) {
        ExchangeFile read = reader.read(bytes(file("Windows", document), CP1251, true));
        assertThat(read.paymentOrders()).isEmpty();
        return read.failedDocuments().get(0);
    }
}
