package kz.digitaltenge.routes.einvoice;

import static kz.digitaltenge.routes.einvoice.Documents.bytes;
import static kz.digitaltenge.routes.einvoice.Documents.edited;
import static kz.digitaltenge.routes.einvoice.Documents.rejected;
import static kz.digitaltenge.routes.einvoice.Documents.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.time.Instant;
import java.util.Map;
import kz.digitaltenge.canonical.CanonicalMessage;
import kz.digitaltenge.ledger.fact.Fact;
import kz.digitaltenge.ledger.fact.FactTerms;
import kz.digitaltenge.ledger.fact.FactType;
import kz.digitaltenge.routes.einvoice.esf.InvoiceContainer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class InvoiceEventMapperTest {
    private static final String REG = "ESF-123456789012-20240115-0000001";
    private final EsfReader reader = new EsfReader();
    private final InvoiceEventMapper mapper = new InvoiceEventMapper();

    private CanonicalMessage map(String name, String status) {
        return map(reader.read(bytes(name)), status);
    }

    private CanonicalMessage map(InvoiceContainer container, String status) {
        CanonicalMessage message = mapper.map(container, REG, status);
        // What the hub will check before it signs: the message must make a valid fact as it stands.
        FactTerms.validate(Fact.of(FactType.valueOf(message.type()), message.subject(), message.terms(), Instant.now()));
        return message;
    }

    @Test
    void mapsAFullOrdinaryInvoice() {
        CanonicalMessage message = map(Documents.ORDINARY_FULL, null);

        assertThat(message.sourceMessageId()).isEqualTo("esf:" + REG + ":CREATED");
        assertThat(message.type()).isEqualTo("INVOICE_REGISTERED");
        assertThat(message.subject()).isEqualTo(REG);
        assertThat(message.occurredAt()).isNull();
        assertThat(message.terms()).containsExactlyInAnyOrderEntriesOf(Map.ofEntries(
                entry("sellerTin", "123456789012"),
                entry("buyerTin", "960240000013"),
                entry("net", "1175050"),
                entry("vat", "135006"),
                entry("gross", "1310056"),
                entry("currency", "KZT"),
                entry("status", "CREATED"),
                entry("invoiceType", "ORDINARY_INVOICE"),
                entry("num", "000123"),
                entry("date", "2024-01-15"),
                entry("turnoverDate", "2024-01-14"),
                entry("contractNumber", "Д-2024/15"),
                entry("contractDate", "2024-01-02"),
                entry("sellerIik", "KZ946010111000012345"),
                entry("sellerBik", "HSBKKZKX"),
                entry("vatRates", "0,12"),
                entry("lines", "3")));
    }

    @Test
    void listsEverySellerAndCustomerWhenThereAreSeveral() {
        CanonicalMessage message = map(Documents.JOINT_ACTIVITY, "DELIVERED");

        assertThat(message.sourceMessageId()).isEqualTo("esf:" + REG + ":DELIVERED");
        assertThat(message.terms()).containsExactlyInAnyOrderEntriesOf(Map.ofEntries(
                entry("sellerTin", "111111111110"),
                entry("sellerTins", "111111111110,555555555550"),
                entry("buyerTin", "222222222220"),
                entry("buyerTins", "222222222220,333333333330,444444444440"),
                entry("net", "35000"),
                entry("vat", "4400"),
                entry("gross", "39400"),
                entry("currency", "KZT"),
                entry("status", "DELIVERED"),
                entry("invoiceType", "ORDINARY_INVOICE"),
                entry("num", "77"),
                entry("date", "2024-03-01"),
                entry("turnoverDate", "2024-02-29"),
                entry("vatRates", "12,16"),
                entry("lines", "3")));
    }

    @Test
    void mapsAnExportWithoutVatInAForeignCurrency() {
        CanonicalMessage message = map(Documents.EXPORT_WITHOUT_VAT, null);

        assertThat(message.terms())
                .containsEntry("buyerTin", "DE123456789")
                .containsEntry("currency", "USD")
                .containsEntry("currencyRate", "470.25")
                .containsEntry("vatRateType", "WITHOUT_NDS_NOT_KZ")
                .containsEntry("net", "150000")
                .containsEntry("vat", "0")
                .containsEntry("gross", "150000")
                .doesNotContainKeys("vatRates", "contractNumber", "sellerIik", "sellerBik", "adjustment");
    }

    @Test
    void aFixedInvoiceNamesTheOriginal() {
        CanonicalMessage message = map(Documents.FIXED, null);

        assertThat(message.terms())
                .containsEntry("invoiceType", "FIXED_INVOICE")
                .containsEntry("relatedRegistrationNumber", "ESF-123456789012-20240115-0000001")
                .containsEntry("relatedNum", "000123")
                .containsEntry("relatedDate", "2024-01-15")
                .containsEntry("net", "900000")
                .containsEntry("vat", "108000")
                .containsEntry("gross", "1008000")
                .doesNotContainKey("adjustment");
    }

    @Test
    void anAdditionalInvoiceThatLowersTheOriginalCarriesAbsoluteAmounts() {
        CanonicalMessage message = map(Documents.ADDITIONAL_DECREASE, null);

        assertThat(message.terms())
                .containsEntry("invoiceType", "ADDITIONAL_INVOICE")
                .containsEntry("adjustment", "DECREASE")
                .containsEntry("net", "100000")
                .containsEntry("vat", "12000")
                .containsEntry("gross", "112000")
                .containsEntry("relatedNum", "000123")
                .doesNotContainKey("relatedRegistrationNumber");
    }

    @Test
    void anAdditionalInvoiceThatRaisesTheOriginal() {
        CanonicalMessage message = map(Documents.ADDITIONAL_INCREASE, null);

        assertThat(message.terms())
                .containsEntry("adjustment", "INCREASE")
                .containsEntry("net", "100000")
                .containsEntry("vat", "12000")
                .containsEntry("gross", "112000")
                .containsEntry("relatedRegistrationNumber", "ESF-123456789012-20240115-0000001");
    }

    @Test
    void aDecreaseWithoutVatIsStillADecrease() {
        String document = Documents.text(Documents.ADDITIONAL_DECREASE)
                .replace(">-120.00<", ">0.00<").replace(">-1120.00<", ">-1000.00<").replace("<ndsRate>12</ndsRate>", "");

        CanonicalMessage message = map(reader.read(utf8(document)), null);

        assertThat(message.terms()).containsEntry("adjustment", "DECREASE").containsEntry("vat", "0")
                .containsEntry("net", "100000").containsEntry("gross", "100000");
    }

    @Test
    void moneyIsExactTiyn() {
        String document = Documents.text(Documents.FIXED)
                .replace(">9000.00<", ">0.10<").replace(">1080.00<", ">0.01<").replace(">10080.00<", ">0.11<");

        CanonicalMessage message = map(reader.read(utf8(document)), null);

        assertThat(message.terms()).containsEntry("net", "10").containsEntry("vat", "1").containsEntry("gross", "11");
    }

    @ParameterizedTest
    @ValueSource(strings = {"IN_QUEUE", "IN_PROCESSING", "CREATED", "DELIVERED", "DECLINED", "REVOKED", "CANCELED",
            "FAILED", "CANCELED_BY_OGD", "IMPORTED"})
    void takesEveryIsStatus(String status) {
        CanonicalMessage message = map(Documents.FIXED, status);

        assertThat(message.terms()).containsEntry("status", status);
        assertThat(message.sourceMessageId()).isEqualTo("esf:" + REG + ":" + status);
    }

    @Test
    void aBlankStatusMeansCreated() {
        assertThat(map(Documents.FIXED, " ").terms()).containsEntry("status", "CREATED");
    }

    @Test
    void anUnknownStatusIsSchemaInvalid() {
        InvoiceContainer container = reader.read(bytes(Documents.FIXED));

        assertThat(rejected("SCHEMA_INVALID", () -> mapper.map(container, REG, "PAID")).getMessage())
                .contains("status 'PAID' is not an IS invoice status");
        rejected("SCHEMA_INVALID", () -> mapper.map(container, REG, "created"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "ESF 1", "ESF/1", "ЕСФ-1",
            "X12345678901234567890123456789012345678901234567890123456789012345"})
    void theRegistrationNumberIsRequiredAndPlain(String registrationNumber) {
        InvoiceContainer container = reader.read(bytes(Documents.FIXED));

        rejected("SCHEMA_INVALID", () -> mapper.map(container, registrationNumber, null));
    }

    @Test
    void aMissingRegistrationNumberIsSchemaInvalid() {
        InvoiceContainer container = reader.read(bytes(Documents.FIXED));

        assertThat(rejected("SCHEMA_INVALID", () -> mapper.map(container, null, null)).getMessage())
                .contains("no registration number");
        assertThat(mapper.map(container, "A".repeat(64), null).subject()).hasSize(64);
    }

    @Test
    void aBuyerWithoutTinCannotBeRegisteredInTheHub() {
        String document = edited(Documents.EXPORT_WITHOUT_VAT, "<tin>DE123456789</tin>\n        </customer>",
                "</customer>");
        InvoiceContainer container = reader.read(utf8(document));

        assertThat(rejected("BUSINESS_RULE", () -> mapper.map(container, REG, null)).getMessage())
                .contains("invoice/customers/customer[1] is a non-resident without a TIN");
    }

    @Test
    void invalidInvoicesAreNotMapped() {
        String document = edited(Documents.FIXED, "<totalNdsAmount>1080.00</totalNdsAmount>",
                "<totalNdsAmount>1081.00</totalNdsAmount>");
        InvoiceContainer container = reader.read(utf8(document));

        rejected("BUSINESS_RULE", () -> mapper.map(container, REG, null));
    }
}
