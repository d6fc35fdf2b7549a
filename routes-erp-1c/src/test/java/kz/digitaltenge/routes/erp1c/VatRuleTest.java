package kz.digitaltenge.routes.erp1c;

import static kz.digitaltenge.routes.erp1c.TestFiles.UTF8;
import static kz.digitaltenge.routes.erp1c.TestFiles.bytes;
import static kz.digitaltenge.routes.erp1c.TestFiles.file;
import static org.assertj.core.api.Assertions.assertThat;

import kz.digitaltenge.routes.erp1c.TestFiles.Doc;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** VAT: a dedicated СуммаНДС field, otherwise one amount stated as "в т.ч. НДС ..." in the purpose, otherwise none. */
class VatRuleTest {
    private final ClientBankExchangeReader reader = new ClientBankExchangeReader();

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "в т.ч. НДС 12% - 1 234,56               | 123456",
            "в том числе НДС 1234.56                 | 123456",
            "В т. ч. НДС (12 %): 133,98 тенге        | 13398",
            "в т.ч. НДС 12% = 1 000,5                | 100050",
            "в т.ч. НДС 12 % — 10 714,29             | 1071429",
            "в т.ч. НДС 1\u00A0234\u00A0567,89       | 123456789",
            "в т.ч. НДС 133                          | 13300",
            "В ТОМ ЧИСЛЕ НДС: 150.5.                 | 15050",
            "в т.ч. НДС 12%                          | ",
            "без НДС                                 | ",
            "НДС 12% - 133,98                        | ",
            "в т.ч. НДС 1.234,56                     | ",
            "в т.ч. НДС 12% - 133,987                | "})
    void vatStatedInThePurpose(String vatText, Long expected) {
        PaymentOrder order = readOne(Doc.kazakh()
                .set("СуммаРасход", "5000000.00")
                .set("НазначениеПлатежа", "Оплата ЭСФ " + TestFiles.INVOICE + ", " + vatText));

        assertThat(order.vat()).isEqualTo(expected);
    }

    @Test
    void theDedicatedFieldWinsOverThePurpose() {
        PaymentOrder order = readOne(Doc.kazakh()
                .set("НазначениеПлатежа", "Оплата ЭСФ " + TestFiles.INVOICE + ", в т.ч. НДС 100,00")
                .set("СуммаНДС", "133.98"));

        assertThat(order.vat()).isEqualTo(13_398L);
    }

    @Test
    void aZeroVatFieldIsZeroNotNone() {
        assertThat(readOne(Doc.kazakh().set("СуммаНДС", "0")).vat()).isZero();
    }

    @Test
    void twoDifferentStatedAmountsFail() {
        FailedDocument failed = readFailed(Doc.kazakh().set("НазначениеПлатежа",
                "Оплата ЭСФ " + TestFiles.INVOICE + ", в т.ч. НДС 100,00; в том числе НДС 120.00"));

        assertThat(failed.reason()).isEqualTo("BUSINESS_RULE");
        assertThat(failed.message()).endsWith("(НазначениеПлатежа): the purpose states different VAT amounts: 100.00, 120.00");
    }

    @Test
    void vatAboveTheAmountFails() {
        FailedDocument failed = readFailed(Doc.kazakh().set("НазначениеПлатежа",
                "Оплата ЭСФ " + TestFiles.INVOICE + ", в т.ч. НДС 99 999 999 999 999 999 999,00"));

        assertThat(failed.reason()).isEqualTo("BUSINESS_RULE");
        assertThat(failed.message()).endsWith("VAT 99999999999999999999.00 exceeds the amount 1250.50");
    }

    /** A "VAT amount" of more digits than any payment has is refused before it becomes a BigDecimal. */
    @Test
    void aVatAmountOfMoreDigitsThanAnyPaymentIsRefusedUnread() {
        FailedDocument failed = readFailed(Doc.kazakh().set("НазначениеПлатежа",
                "Оплата ЭСФ " + TestFiles.INVOICE + ", в т.ч. НДС " + "9".repeat(500)));

        assertThat(failed.reason()).isEqualTo("BUSINESS_RULE");
        assertThat(failed.message()).endsWith("(НазначениеПлатежа): the purpose states a VAT amount of 500 digits;"
                + " no payment has more than 20");
    }

    /** A purpose can be megabytes long in a 10 MB file: the field cap refuses it before anything reads it. */
    @Test
    void aPurposeLongerThanTheFieldCapIsRefusedUnread() {
        FailedDocument failed = readFailed(Doc.kazakh().set("НазначениеПлатежа",
                "Оплата ЭСФ " + TestFiles.INVOICE + ", в т.ч. НДС " + "9".repeat(200_000)));

        assertThat(failed.reason()).isEqualTo("MALFORMED");
        assertThat(failed.message()).contains("НазначениеПлатежа").contains("longer than 1024");
    }

    @Test
    void aNegativeOrMalformedVatFieldFails() {
        assertThat(readFailed(Doc.kazakh().set("СуммаНДС", "-1.00")).message()).endsWith("(СуммаНДС): VAT cannot be negative");
        FailedDocument malformed = readFailed(Doc.kazakh().set("СуммаНДС", "12%"));
        assertThat(malformed.reason()).isEqualTo("SCHEMA_INVALID");
        assertThat(malformed.message()).contains("(СуммаНДС): amount '12%' must be written like 1250.50");
    }

    private PaymentOrder readOne(Doc document) {
        ExchangeFile read = reader.read(bytes(file("UTF-8", document), UTF8, false));
        assertThat(read.failedDocuments()).isEmpty();
        return read.paymentOrders().get(0);
    }

    private FailedDocument readFailed(Doc document) {
        ExchangeFile read = reader.read(bytes(file("UTF-8", document), UTF8, false));
        assertThat(read.paymentOrders()).isEmpty();
        return read.failedDocuments().get(0);
    }
}
