package kz.digitaltenge.routes.erp1c;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import kz.digitaltenge.canonical.SourceMessageRejected;
import org.junit.jupiter.api.Test;

/** The JSON form goes through the same checks and the same reference rule as a 1C document. */
class PaymentOrderJsonTest {
    private static final String VALID = """
            {"number": "17", "date": "2025-03-14", "amount": "1250.50", "currency": "KZT",
             "payerBin": "040840000997", "payerAccount": "kz18 722S 0000 1234 5678", "payerName": "ТОО Астана Строй",
             "payeeBin": "120340005124", "payeeAccount": "KZ35601A000000000123", "payeeName": "ТОО Дала Трейд",
             "purpose": "Оплата по ЭСФ ESF-120340005124-20250314-0001, в т.ч. НДС 12% - 133,98", "knp": "710",
             "invoice": null, "contract": null, "vat": null}
            """;

    @Test
    void aValidOrderMaps() {
        PaymentOrder order = PaymentOrderJson.read(utf8(VALID)).toPaymentOrder();

        assertThat(order.number()).isEqualTo("17");
        assertThat(order.date()).isEqualTo(LocalDate.of(2025, 3, 14));
        assertThat(order.amount()).isEqualTo(125_050L);
        assertThat(order.currency()).isEqualTo("KZT");
        assertThat(order.payer()).isEqualTo(new PaymentOrder.Party(
                "ТОО Астана Строй", "040840000997", "KZ18722S000012345678", null, null));
        assertThat(order.payee().account()).isEqualTo("KZ35601A000000000123");
        assertThat(order.knp()).isEqualTo("710");
        assertThat(order.reference()).isEqualTo(PaymentReference.invoice("ESF-120340005124-20250314-0001"));
        assertThat(order.vat()).isEqualTo(13_398L);
        assertThat(order.startLine()).isZero();
        assertThat(order.fields().get("amount")).isEqualTo(new DocumentField("amount", "1250.50", 0));
        assertThat(order.fields()).doesNotContainKey("invoice");
    }

    @Test
    void dedicatedContractAndVatFields() {
        PaymentOrder order = new PaymentOrderJson("18", "2025-03-14", "300000", null, "950101300125",
                "KZ869980000000000001", "ИП Сейткали", "040840000997", "KZ18722S000012345678", "ТОО Астана Строй",
                "Предоплата за бетон", null, null, "ДП-15/2025", "32142.86").toPaymentOrder();

        assertThat(order.reference()).isEqualTo(PaymentReference.contract("ДП-15/2025"));
        assertThat(order.vat()).isEqualTo(3_214_286L);
        assertThat(order.currency()).isEqualTo("KZT");
    }

    @Test
    void theReferenceRuleAppliesWhenNeitherInvoiceNorContractIsGiven() {
        PaymentOrderJson noReference = PaymentOrderJson.read(utf8(VALID.replace(
                "Оплата по ЭСФ ESF-120340005124-20250314-0001, в т.ч. НДС 12% - 133,98", "Оплата за товар")));

        assertRejected(noReference::toPaymentOrder, "BUSINESS_RULE", "field purpose: the payment order must name one "
                + "invoice or one contract; the purpose names neither an e-invoice (ESF-...) nor a contract "
                + "(договор № ...), and neither invoice nor contract is set");
    }

    @Test
    void bothInvoiceAndContractFail() {
        PaymentOrderJson both = new PaymentOrderJson("17", "2025-03-14", "1250.50", null, "040840000997",
                "KZ18722S000012345678", "ТОО Астана Строй", "120340005124", "KZ35601A000000000123", "ТОО Дала Трейд",
                "Оплата", null, "ESF-1", "5", null);

        assertRejected(both::toPaymentOrder, "BUSINESS_RULE",
                "one invoice or one contract; both field invoice and field contract are set");
    }

    @Test
    void fieldProblemsNameTheField() {
        assertRejected(() -> PaymentOrderJson.read(utf8(VALID.replace("\"2025-03-14\"", "\"14.03.2025\"")))
                .toPaymentOrder(), "SCHEMA_INVALID", "field date: '14.03.2025' is not a valid date (yyyy-MM-dd)");
        assertRejected(() -> PaymentOrderJson.read(utf8(VALID.replace("\"1250.50\"", "\"1250.505\"")))
                .toPaymentOrder(), "SCHEMA_INVALID", "field amount: amount '1250.505' has more than two decimals");
        assertRejected(() -> PaymentOrderJson.read(utf8(VALID.replace("\"1250.50\"", "\"0\"")))
                .toPaymentOrder(), "BUSINESS_RULE", "field amount: amount must be positive");
        assertRejected(() -> PaymentOrderJson.read(utf8(VALID.replace("\"040840000997\"", "\"040840000998\"")))
                .toPaymentOrder(), "SCHEMA_INVALID", "field payerBin: BIN/IIN '040840000998': check digit does not match");
        assertRejected(() -> PaymentOrderJson.read(utf8(VALID.replace("\"120340005124\",", "null,")))
                .toPaymentOrder(), "SCHEMA_INVALID", "required field payeeBin is missing or empty");
    }

    /** Other scripts' digits, exponents and signs are not money; the refusal quotes them escaped, never raw. */
    @Test
    void anAmountIsPlainAsciiDigits() {
        assertRejected(() -> PaymentOrderJson.read(utf8(VALID.replace("\"1250.50\"", "\"\u0661\u0660\u0660\"")))
                .toPaymentOrder(), "SCHEMA_INVALID", "field amount: amount 'U+0661U+0660U+0660' must be written like 1250.50");
        assertRejected(() -> PaymentOrderJson.read(utf8(VALID.replace("\"1250.50\"", "\"\uFF11\uFF10\uFF10\"")))
                .toPaymentOrder(), "SCHEMA_INVALID", "field amount: amount 'U+FF11U+FF10U+FF10' must be written like 1250.50");
        assertRejected(() -> PaymentOrderJson.read(utf8(VALID.replace("\"1250.50\"", "\"1E10000000\"")))
                .toPaymentOrder(), "SCHEMA_INVALID", "field amount: amount '1E10000000' must be written like 1250.50");
        assertRejected(() -> PaymentOrderJson.read(utf8(VALID.replace("\"1250.50\"", "\"+1250.50\"")))
                .toPaymentOrder(), "SCHEMA_INVALID", "must be written like 1250.50");
    }

    @Test
    void moneyMustBeAStringNotAJsonNumber() {
        assertRejected(() -> PaymentOrderJson.read(utf8(VALID.replace("\"1250.50\"", "1250.50"))), "SCHEMA_INVALID",
                "not a payment order");
        assertRejected(() -> PaymentOrderJson.read(utf8(VALID.replace("\"17\"", "17"))), "SCHEMA_INVALID",
                "not a payment order");
    }

    @Test
    void unknownPropertiesAreRefused() {
        assertRejected(() -> PaymentOrderJson.read(utf8(VALID.replace("\"knp\"", "\"kbe\": \"17\", \"knp\""))),
                "SCHEMA_INVALID", "Unrecognized field \"kbe\"");
    }

    @Test
    void brokenJsonIsMalformed() {
        assertRejected(() -> PaymentOrderJson.read(utf8("{\"number\": \"17\",")), "MALFORMED", "not valid JSON");
        assertRejected(() -> PaymentOrderJson.read(utf8(VALID + "{}")), "SCHEMA_INVALID", "not a payment order");
        assertRejected(() -> PaymentOrderJson.read(utf8("{\"number\": \"1\", \"number\": \"2\"}")), "MALFORMED",
                "Duplicate field 'number'");
        assertRejected(() -> PaymentOrderJson.read(new byte[0]), "MALFORMED", "the payment order JSON is empty");
        assertRejected(() -> PaymentOrderJson.read(utf8("null")), "SCHEMA_INVALID", "null, not an object");
        assertRejected(() -> PaymentOrderJson.read(utf8("[1, 2]")), "SCHEMA_INVALID", "not a payment order");
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static void assertRejected(Runnable action, String reason, String message) {
        assertThatThrownBy(action::run)
                .isInstanceOfSatisfying(SourceMessageRejected.class,
                        rejected -> assertThat(rejected.reason()).isEqualTo(reason))
                .hasMessageContaining(message);
    }
}
