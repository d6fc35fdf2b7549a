package kz.digitaltenge.routes.einvoice;

import static kz.digitaltenge.routes.einvoice.Documents.edit;
import static kz.digitaltenge.routes.einvoice.Documents.edited;
import static kz.digitaltenge.routes.einvoice.Documents.rejected;
import static kz.digitaltenge.routes.einvoice.Documents.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import kz.digitaltenge.routes.einvoice.esf.InvoiceV2;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class InvoiceValidatorTest {
    private final EsfReader reader = new EsfReader();
    private final InvoiceValidator validator = new InvoiceValidator();

    private InvoiceV2 validate(String document) {
        return validator.validate(reader.read(utf8(document)));
    }

    private String rejection(String reason, String document) {
        return rejected(reason, () -> validate(document)).getMessage();
    }

    @ParameterizedTest
    @ValueSource(strings = {Documents.ORDINARY_FULL, Documents.JOINT_ACTIVITY, Documents.EXPORT_WITHOUT_VAT,
            Documents.FIXED, Documents.ADDITIONAL_DECREASE, Documents.ADDITIONAL_INCREASE})
    void theHandMadeDocumentsAreValid(String name) {
        assertThat(validate(Documents.text(name)).num()).isNotBlank();
    }

    @Test
    void aLineWhoseVatDoesNotAddUpIsNamed() {
        String document = edited(Documents.ORDINARY_FULL, "<priceWithTax>1400.56</priceWithTax>",
                "<priceWithTax>1400.66</priceWithTax>");

        assertThat(rejection("BUSINESS_RULE", document))
                .startsWith("invoice num 000123 of 15.01.2024: ")
                .contains("product line 2 (invoice/productSet/products/product[2]): priceWithoutTax 1250.50"
                        + " + ndsAmount 150.06 = 1400.56, but priceWithTax is 1400.66")
                .contains("the product lines' priceWithTax add up to 13100.66, but invoice/productSet/totalPriceWithTax"
                        + " is 13100.56");
    }

    @Test
    void totalsThatDisagreeWithTheLinesAreAnErrorNotAChoice() {
        String document = edited(Documents.ORDINARY_FULL, "<totalNdsAmount>1350.06</totalNdsAmount>",
                "<totalNdsAmount>1350.00</totalNdsAmount>");

        assertThat(rejection("BUSINESS_RULE", document))
                .contains("the product lines' ndsAmount add up to 1350.06, but invoice/productSet/totalNdsAmount is"
                        + " 1350.00");
    }

    @Test
    void turnoverAndExciseTotalsAreCrossCheckedToo() {
        String document = edited(Documents.ORDINARY_FULL, "<totalTurnoverSize>11750.50</totalTurnoverSize>",
                "<totalTurnoverSize>11750.51</totalTurnoverSize>");

        assertThat(rejection("BUSINESS_RULE", document)).contains("totalTurnoverSize is 11750.51");
    }

    @Test
    void moneyWithThreeDecimalsIsSchemaInvalidWithItsPath() {
        String document = edited(Documents.ORDINARY_FULL, "<priceWithoutTax>10000.00</priceWithoutTax>",
                "<priceWithoutTax>10000.005</priceWithoutTax>");

        assertThat(rejection("SCHEMA_INVALID", document)).contains(
                "invoice/productSet/products/product[1]/priceWithoutTax '10000.005' has 3 decimals; at most 2");
    }

    @Test
    void trailingZerosBeyondTwoDecimalsDoNotChangeTheValue() {
        String document = edited(Documents.ORDINARY_FULL, "<priceWithoutTax>10000.00</priceWithoutTax>",
                "<priceWithoutTax> 10000.0000 </priceWithoutTax>");

        assertThat(validate(document).productSet().products()).hasSize(3);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1 000.00", "1,000.00", "1e3", "ten", "", "1E10000000", "\u0669\u0660\u0660\u0660", "\uFF19\uFF10\uFF10\uFF10"})
    void moneyMustBeADecimalNumber(String written) {
        String document = edited(Documents.FIXED, "<totalTurnoverSize>9000.00</totalTurnoverSize>",
                "<totalTurnoverSize>" + written + "</totalTurnoverSize>");

        assertThat(rejection("SCHEMA_INVALID", document))
                .contains("invoice/productSet/totalTurnoverSize '" + written + "' is not a decimal number");
    }

    /** Refused before it becomes a BigDecimal (whose constructor is quadratic in the digits), and quoted short. */
    @Test
    void aDecimalOfAMillionDigitsIsRefusedUnread() {
        String document = edited(Documents.FIXED, "<totalTurnoverSize>9000.00</totalTurnoverSize>",
                "<totalTurnoverSize>" + "9".repeat(1_000_000) + "</totalTurnoverSize>");

        assertThat(rejection("SCHEMA_INVALID", document))
                .contains("invoice/productSet/totalTurnoverSize '" + "9".repeat(40) + "…' is not a decimal number");
    }

    @Test
    void moneyHasAtMostSeventeenDigits() {
        String document = edited(Documents.FIXED, "<totalTurnoverSize>9000.00</totalTurnoverSize>",
                "<totalTurnoverSize>1234567890123456.78</totalTurnoverSize>");

        assertThat(rejection("SCHEMA_INVALID", document)).contains("has more than 17 digits");
    }

    @ParameterizedTest
    @ValueSource(strings = {"2024-01-20", "20.1.2024", "31.02.2024", "20.01.24", ""})
    void datesAreStrictlyDayMonthYear(String written) {
        String document = edited(Documents.FIXED, "<date>20.01.2024</date>", "<date>" + written + "</date>");

        assertThat(rejection("SCHEMA_INVALID", document))
                .contains("invoice/date '" + written + "' is not a date in dd.MM.yyyy");
    }

    @Test
    void everyDateIsChecked() {
        String document = edited(Documents.ORDINARY_FULL, "<warrantDate>12.01.2024</warrantDate>",
                "<warrantDate>12/01/2024</warrantDate>");

        assertThat(rejection("SCHEMA_INVALID", document)).contains("invoice/deliveryTerm/warrantDate '12/01/2024'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"A123", "1234567890123456789012345678901", "12 3"})
    void numIsOneToThirtyDigits(String written) {
        String document = edited(Documents.FIXED, "<num>000130</num>", "<num>" + written + "</num>");

        assertThat(rejection("SCHEMA_INVALID", document)).contains("invoice/num '" + written.substring(0,
                Math.min(written.length(), 40)) + "' is not 1 to 30 digits");
    }

    @Test
    void tinsAreTwelveDigits() {
        String document = edited(Documents.JOINT_ACTIVITY, "<tin>555555555550</tin>", "<tin>55555555555</tin>");

        assertThat(rejection("SCHEMA_INVALID", document))
                .contains("invoice/sellers/seller[2]/tin '55555555555' is not 12 digits");
    }

    @Test
    void onlyANonResidentCustomerMayGoWithoutAKazakhTin() {
        String document = edited(Documents.FIXED, "<tin>960240000013</tin>", "");

        assertThat(rejection("SCHEMA_INVALID", document)).contains("invoice/customers/customer[1]/tin is missing");
    }

    @Test
    void requiredElementsAreNamedWhenMissing() {
        String document = edited(Documents.FIXED, "<catalogTruId>2523290000-00001</catalogTruId>", "");
        String noSellers = edited(Documents.FIXED, Documents.text(Documents.FIXED).substring(
                Documents.text(Documents.FIXED).indexOf("<sellers>"),
                Documents.text(Documents.FIXED).indexOf("</sellers>") + 10), "");

        assertThat(rejection("SCHEMA_INVALID", document))
                .contains("invoice/productSet/products/product[1]/catalogTruId is missing");
        assertThat(rejection("SCHEMA_INVALID", noSellers)).contains("invoice/sellers is missing");
    }

    @Test
    void everySchemaProblemIsListedAtOnce() {
        String document = edit(edit(edited(Documents.FIXED, "<invoiceType>FIXED_INVOICE</invoiceType>",
                        "<invoiceType>CORRECTED</invoiceType>"),
                "<truOriginCode>1</truOriginCode>", "<truOriginCode>7</truOriginCode>"),
                "<currencyCode>KZT</currencyCode>", "<currencyCode>tenge</currencyCode>");

        assertThat(rejection("SCHEMA_INVALID", document))
                .contains("invoice/invoiceType 'CORRECTED' is not one of ADDITIONAL_INVOICE, FIXED_INVOICE,"
                        + " ORDINARY_INVOICE")
                .contains("invoice/productSet/products/product[1]/truOriginCode '7' is not a digit 1 to 6")
                .contains("invoice/productSet/currencyCode 'tenge' is not three capital letters");
    }

    @Test
    void enumeratedCategoriesAreChecked() {
        String document = edited(Documents.ORDINARY_FULL, "<status>PUBLIC_OFFICE</status>",
                "<status>GOVERNMENT</status>");

        assertThat(rejection("SCHEMA_INVALID", document))
                .contains("invoice/customers/customer[1]/statuses/status[1] 'GOVERNMENT' is not one of");
    }

    @Test
    void aFixedInvoiceNamesTheInvoiceItFixes() {
        String text = Documents.text(Documents.FIXED);
        String related = text.substring(text.indexOf("<relatedInvoice>"), text.indexOf("</relatedInvoice>") + 17);
        String document = edit(text, related, "");

        assertThat(rejection("BUSINESS_RULE", document))
                .contains("a FIXED_INVOICE must name the invoice it fixes in invoice/relatedInvoice");
    }

    @Test
    void anAdditionalInvoiceNamesTheInvoiceItAddsTo() {
        String text = Documents.text(Documents.ADDITIONAL_INCREASE);
        String related = text.substring(text.indexOf("<relatedInvoice>"), text.indexOf("</relatedInvoice>") + 17);

        assertThat(rejection("BUSINESS_RULE", edit(text, related, "")))
                .contains("an ADDITIONAL_INVOICE must name the invoice it adds to");
    }

    @Test
    void theRelatedInvoiceNeedsItsDateAndNumber() {
        String document = edited(Documents.FIXED, "<num>000123</num>", "");

        assertThat(rejection("SCHEMA_INVALID", document)).contains("invoice/relatedInvoice/num is missing");
    }

    @Test
    void anOrdinaryInvoiceRefersToNoOtherInvoice() {
        String document = edited(Documents.FIXED, "FIXED_INVOICE", "ORDINARY_INVOICE");

        assertThat(rejection("BUSINESS_RULE", document)).contains("an ORDINARY_INVOICE must not have"
                + " invoice/relatedInvoice");
    }

    @Test
    void theOriginalComesBeforeItsCorrection() {
        String document = edited(Documents.FIXED, "<date>15.01.2024</date>", "<date>21.01.2024</date>");

        assertThat(rejection("BUSINESS_RULE", document))
                .contains("invoice/relatedInvoice/date 21.01.2024 is after the invoice's own date 20.01.2024");
    }

    @Test
    void vatOnALineWithoutARateIsAnError() {
        String document = edit(edit(edited(Documents.ORDINARY_FULL,
                                "<ndsAmount>0</ndsAmount>", "<ndsAmount>60.00</ndsAmount>"),
                        "<priceWithTax>500.00</priceWithTax>", "<priceWithTax>560.00</priceWithTax>"),
                "<totalNdsAmount>1350.06</totalNdsAmount>", "<totalNdsAmount>1410.06</totalNdsAmount>")
                .replace("<totalPriceWithTax>13100.56</totalPriceWithTax>",
                        "<totalPriceWithTax>13160.56</totalPriceWithTax>");

        assertThat(rejection("BUSINESS_RULE", document))
                .isEqualTo("invoice num 000123 of 15.01.2024: product line 3 (invoice/productSet/products/product[3]):"
                        + " ndsAmount 60.00 on a line without VAT (ndsRate 0)");
    }

    @Test
    void aRatedLineContradictsAnInvoiceWithoutVat() {
        String document = edited(Documents.EXPORT_WITHOUT_VAT, "<ndsAmount>0.00</ndsAmount>\n            <priceWithTax>500.00",
                "<ndsAmount>0.00</ndsAmount>\n            <ndsRate>12</ndsRate>\n            <priceWithTax>500.00");

        assertThat(rejection("BUSINESS_RULE", document))
                .contains("product line 2 (invoice/productSet/products/product[2]): ndsRate is 12% but"
                        + " invoice/productSet/ndsRateType is WITHOUT_NDS_NOT_KZ");
    }

    @Test
    void negativeAmountsBelongOnlyToAnAdditionalInvoice() {
        String decrease = Documents.text(Documents.ADDITIONAL_DECREASE);
        String document = edit(decrease, "ADDITIONAL_INVOICE", "FIXED_INVOICE");

        assertThat(rejection("BUSINESS_RULE", document))
                .contains("product line 1 (invoice/productSet/products/product[1]): priceWithoutTax -1000.00 is"
                        + " negative; only an ADDITIONAL_INVOICE that decreases the original has negative amounts");
    }

    @Test
    void anAdditionalInvoiceGoesOneWay() {
        String document = edit(edit(edited(Documents.ADDITIONAL_INCREASE,
                                "<ndsAmount>120.00</ndsAmount>", "<ndsAmount>-120.00</ndsAmount>"),
                        "<priceWithTax>1120.00</priceWithTax>", "<priceWithTax>880.00</priceWithTax>"),
                "<totalNdsAmount>120.00</totalNdsAmount>", "<totalNdsAmount>-120.00</totalNdsAmount>")
                .replace("<totalPriceWithTax>1120.00</totalPriceWithTax>", "<totalPriceWithTax>880.00</totalPriceWithTax>");

        assertThat(rejection("BUSINESS_RULE", document))
                .contains("an ADDITIONAL_INVOICE either increases or decreases the original, but its totals go both"
                        + " ways (totalPriceWithoutTax 1000.00, totalNdsAmount -120.00, totalPriceWithTax 880.00)");
    }

    @Test
    void anAdditionalInvoiceOfZeroChangesNothing() {
        String document = Documents.text(Documents.ADDITIONAL_INCREASE)
                .replace(">120.00<", ">0.00<").replace(">1120.00<", ">0.00<").replace(">1000.00<", ">0.00<");

        assertThat(rejection("BUSINESS_RULE", document)).contains("totals are all zero changes nothing");
    }

    @Test
    void exciseIsRefusedBecauseTheHubCannotRecordIt() {
        String document = edit(edited(Documents.FIXED, "<ndsAmount>1080.00</ndsAmount>",
                        "<exciseAmount>500.00</exciseAmount>\n            <ndsAmount>1080.00</ndsAmount>"),
                "<totalExciseAmount>0.00</totalExciseAmount>", "<totalExciseAmount>500.00</totalExciseAmount>");

        assertThat(rejection("BUSINESS_RULE", document))
                .contains("product line 1 (invoice/productSet/products/product[1]): exciseAmount 500.00 — excise is"
                        + " not supported");
    }

    @Test
    void aContractFlagMustMatchTheContract() {
        String withoutNumber = edited(Documents.ORDINARY_FULL, "<contractNum>Д-2024/15</contractNum>", "");
        String denied = edited(Documents.ORDINARY_FULL, "<hasContract>true</hasContract>",
                "<hasContract>false</hasContract>");
        String notBoolean = edited(Documents.ORDINARY_FULL, "<hasContract>true</hasContract>",
                "<hasContract>yes</hasContract>");

        assertThat(rejection("BUSINESS_RULE", withoutNumber))
                .contains("invoice/deliveryTerm/hasContract is true but contractNum is missing");
        assertThat(rejection("BUSINESS_RULE", denied))
                .contains("invoice/deliveryTerm/hasContract is false but a contract");
        assertThat(rejection("SCHEMA_INVALID", notBoolean))
                .contains("invoice/deliveryTerm/hasContract 'yes' is not true or false");
    }

    @Test
    void aShareMustPointAtAProductLine() {
        String document = edited(Documents.JOINT_ACTIVITY, "<productNumber>2</productNumber>",
                "<productNumber>4</productNumber>");

        assertThat(rejection("BUSINESS_RULE", document))
                .contains("invoice/sellerParticipants/participant[1]/productShares/share[1]/productNumber 4 names no"
                        + " product line (the invoice has 3)");
    }

    @Test
    void theTreasuryBikIsFixed() {
        String document = edited(Documents.ORDINARY_FULL, "<bik>KKMFKZ2A</bik>", "<bik>HSBKKZKX</bik>");

        assertThat(rejection("SCHEMA_INVALID", document))
                .contains("invoice/publicOffice/bik 'HSBKKZKX' is not the treasury's KKMFKZ2A");
    }

    @Test
    void aLongListOfProblemsIsCut() {
        StringBuilder products = new StringBuilder();
        for (int i = 0; i < 30; i++) {
            products.append("<product><catalogTruId>X</catalogTruId><ndsAmount>x</ndsAmount><priceWithTax>0</priceWithTax>"
                    + "<priceWithoutTax>0</priceWithoutTax><truOriginCode>1</truOriginCode><turnoverSize>0</turnoverSize>"
                    + "</product>");
        }
        String text = Documents.text(Documents.FIXED);
        String document = edit(text, text.substring(text.indexOf("<products>") + 10, text.indexOf("</products>")),
                products.toString());

        assertThat(rejection("SCHEMA_INVALID", document)).endsWith("; and 10 more");
    }
}
