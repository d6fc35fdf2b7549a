package kz.digitaltenge.routes.einvoice;

import static kz.digitaltenge.routes.einvoice.Documents.bytes;
import static kz.digitaltenge.routes.einvoice.Documents.edited;
import static kz.digitaltenge.routes.einvoice.Documents.rejected;
import static kz.digitaltenge.routes.einvoice.Documents.text;
import static kz.digitaltenge.routes.einvoice.Documents.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import kz.digitaltenge.canonical.SourceMessageRejected;
import kz.digitaltenge.routes.einvoice.esf.InvoiceContainer;
import kz.digitaltenge.routes.einvoice.esf.InvoiceV2;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EsfReaderTest {
    private static final Charset WINDOWS_1251 = Charset.forName("windows-1251");
    private final EsfReader reader = new EsfReader();

    @Test
    void readsEveryPartOfAFullInvoice() {
        InvoiceV2 invoice = reader.read(bytes(Documents.ORDINARY_FULL)).invoices().get(0);

        assertThat(invoice.date()).isEqualTo("15.01.2024");
        assertThat(invoice.invoiceType()).isEqualTo("ORDINARY_INVOICE");
        assertThat(invoice.num()).isEqualTo("000123");
        assertThat(invoice.operatorFullname()).isEqualTo("Иванов Иван Иванович");
        assertThat(invoice.turnoverDate()).isEqualTo("14.01.2024");
        assertThat(invoice.addInf()).isEqualTo("Оплата в цифровом тенге");
        assertThat(invoice.consignee().countryCode()).isEqualTo("KZ");
        assertThat(invoice.consignee().tin()).isEqualTo("960240000013");
        assertThat(invoice.consignor().name()).isEqualTo("ТОО «Поставщик»");
        assertThat(invoice.customerAgentDocDate()).isEqualTo("10.01.2024");
        assertThat(invoice.customerAgentTin()).isEqualTo("870512300456");
        assertThat(invoice.customers()).singleElement().satisfies(c -> {
            assertThat(c.name()).isEqualTo("ГУ «Аппарат акима города Алматы»");
            assertThat(c.statuses()).containsExactly("PUBLIC_OFFICE");
            assertThat(c.trailer()).isEqualTo("Бюджетная программа 001");
        });
        assertThat(invoice.deliveryDocNum()).isEqualTo("НАК-17");
        assertThat(invoice.deliveryTerm().contractNum()).isEqualTo("Д-2024/15");
        assertThat(invoice.deliveryTerm().hasContract()).isEqualTo("true");
        assertThat(invoice.deliveryTerm().warrantDate()).isEqualTo("12.01.2024");
        assertThat(invoice.productSet().currencyCode()).isEqualTo("KZT");
        assertThat(invoice.productSet().products()).hasSize(3);
        assertThat(invoice.productSet().products().get(1).priceWithoutTax()).isEqualTo("1250.50");
        assertThat(invoice.productSet().products().get(0).unitCode()).isEqualTo("2523290000");
        assertThat(invoice.productSet().totalPriceWithTax()).isEqualTo("13100.56");
        assertThat(invoice.publicOffice().bik()).isEqualTo("KKMFKZ2A");
        assertThat(invoice.sellerAgentTin()).isEqualTo("900101400321");
        assertThat(invoice.sellers()).singleElement().satisfies(s -> {
            assertThat(s.bik()).isEqualTo("HSBKKZKX");
            assertThat(s.iik()).isEqualTo("KZ946010111000012345");
            assertThat(s.certificateSeries()).isEqualTo("60001");
            assertThat(s.kbe()).isEqualTo("17");
        });
    }

    @Test
    void readsSeveralSellersCustomersAndTheirShares() {
        InvoiceV2 invoice = reader.read(bytes(Documents.JOINT_ACTIVITY)).invoices().get(0);

        assertThat(invoice.sellers()).extracting(s -> s.tin()).containsExactly("111111111110", "555555555550");
        assertThat(invoice.customers()).extracting(c -> c.tin())
                .containsExactly("222222222220", "333333333330", "444444444440");
        assertThat(invoice.customers().get(2).statuses()).containsExactly("JOINT_ACTIVITY_PARTICIPANT", "INDIVIDUAL");
        assertThat(invoice.customerParticipants()).singleElement()
                .satisfies(p -> assertThat(p.productShares().get(0).productNumber()).isEqualTo("1"));
        assertThat(invoice.sellerParticipants().get(0).productShares().get(0).priceWithTax()).isEqualTo("232.00");
    }

    @Test
    void skipsElementsTheModelDoesNotKnow() {
        String withExtras = edited(Documents.FIXED, "<turnoverDate>",
                "<futureField><nested>1</nested></futureField><turnoverDate>");

        InvoiceV2 invoice = reader.read(utf8(withExtras)).invoices().get(0);

        assertThat(invoice.turnoverDate()).isEqualTo("14.01.2024");
    }

    @Test
    void refusesAnExternalEntityAndNeverReadsTheFile(@TempDir Path dir) throws Exception {
        Path secret = dir.resolve("secret.txt");
        Files.writeString(secret, "TOP-SECRET-PASSWORD");
        String xxe = edited(Documents.FIXED, "<esf:invoiceContainer",
                "<!DOCTYPE esf:invoiceContainer [<!ENTITY xxe SYSTEM \"" + secret.toUri() + "\">]>\n"
                        + "<esf:invoiceContainer")
                .replace("<operatorFullname>Иванов Иван Иванович", "<operatorFullname>&xxe;");

        SourceMessageRejected rejection = rejected("UNSAFE_XML", () -> reader.read(utf8(xxe)));

        assertThat(rejection.getMessage()).contains("DOCTYPE").doesNotContain("TOP-SECRET");
        assertThat(stackText(rejection)).doesNotContain("TOP-SECRET");
    }

    @Test
    void refusesAnExternalDtd(@TempDir Path dir) throws Exception {
        Path dtd = dir.resolve("evil.dtd");
        Files.writeString(dtd, "<!ENTITY leak \"LEAKED\">");
        String external = edited(Documents.FIXED, "<esf:invoiceContainer",
                "<!DOCTYPE esf:invoiceContainer SYSTEM \"" + dtd.toUri() + "\">\n<esf:invoiceContainer");

        assertThat(rejected("UNSAFE_XML", () -> reader.read(utf8(external))).getMessage()).contains("DOCTYPE");
    }

    @Test
    void refusesBillionLaughsQuickly() {
        StringBuilder dtd = new StringBuilder("<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n<!ENTITY lol \"lol\">\n");
        dtd.append("<!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">\n");
        for (int i = 2; i <= 9; i++) {
            dtd.append("<!ENTITY lol").append(i).append(" \"");
            dtd.append(("&lol" + (i - 1) + ";").repeat(10)).append("\">\n");
        }
        String bomb = dtd + "]>\n<esf:invoiceContainer xmlns:esf=\"esf\"><invoiceSet>&lol9;</invoiceSet>"
                + "</esf:invoiceContainer>";

        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> rejected("UNSAFE_XML", () -> reader.read(utf8(bomb))));
    }

    @Test
    void refusesNestingFarDeeperThanAnInvoice() {
        String deep = "<esf:invoiceContainer xmlns:esf=\"esf\"><invoiceSet>" + "<x>".repeat(100) + "</x>".repeat(100)
                + "</invoiceSet></esf:invoiceContainer>";

        assertThat(rejected("UNSAFE_XML", () -> reader.read(utf8(deep))).getMessage())
                .contains("nested more than " + EsfReader.MAX_DEPTH);
    }

    @Test
    void refusesADocumentOverTheLimitBeforeParsingIt() {
        byte[] document = bytes(Documents.ORDINARY_FULL);
        EsfReader small = new EsfReader(document.length - 1);

        assertThat(rejected("TOO_LARGE", () -> small.read(document)).getMessage())
                .contains(document.length + " bytes").contains("limit is " + (document.length - 1));
        assertThat(new EsfReader(document.length).read(document).invoices()).hasSize(1);
    }

    @Test
    void defaultLimitIsOneMebibyte() {
        byte[] huge = new byte[EsfReader.DEFAULT_MAX_BYTES + 1];
        Arrays.fill(huge, (byte) ' ');
        huge[0] = '<';

        rejected("TOO_LARGE", () -> reader.read(huge));
    }

    @ParameterizedTest
    @ValueSource(ints = {60, 400, 1500, 1850})
    void aDocumentCutOffIsTruncated(int keptCharacters) {
        String whole = text(Documents.FIXED);
        String cut = whole.substring(0, keptCharacters);

        assertThat(rejected("TRUNCATED", () -> reader.read(utf8(cut))).getMessage())
                .contains("ends before it is complete").contains("line");
    }

    @Test
    void aDocumentMissingOnlyItsLastEndTagIsTruncated() {
        String whole = text(Documents.FIXED).strip();
        String cut = whole.substring(0, whole.lastIndexOf("</esf:invoiceContainer>"));

        rejected("TRUNCATED", () -> reader.read(utf8(cut)));
    }

    @Test
    void mismatchedTagsAreMalformedWithTheirPosition() {
        String broken = edited(Documents.FIXED, "</num>\n      <operatorFullname>", "</nun>\n      <operatorFullname>");

        assertThat(rejected("MALFORMED", () -> reader.read(utf8(broken))).getMessage())
                .contains("not well-formed").contains("line 8");
    }

    @Test
    void contentAfterTheRootIsMalformed() {
        String trailing = text(Documents.FIXED) + "<another/>";

        rejected("MALFORMED", () -> reader.read(utf8(trailing)));
    }

    @Test
    void anUndeclaredEntityIsMalformed() {
        String entity = edited(Documents.FIXED, "Иванов Иван Иванович", "&name;");

        rejected("MALFORMED", () -> reader.read(utf8(entity)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"invoice\": 1}", "hello", "%PDF-1.4\n%\u00e2\u00e3", "   "})
    void notXmlIsMalformed(String body) {
        assertThat(rejected("MALFORMED", () -> reader.read(utf8(body))).getMessage()).containsAnyOf("not XML", "empty");
    }

    @Test
    void binaryIsMalformedNotBadlyEncoded() {
        byte[] zip = {'P', 'K', 3, 4, (byte) 0x14, 0, 0, (byte) 0xC8, (byte) 0xFF};

        assertThat(rejected("MALFORMED", () -> reader.read(zip)).getMessage()).contains("PK\\x03\\x04");
    }

    @Test
    void emptyIsMalformed() {
        rejected("MALFORMED", () -> reader.read(new byte[0]));
        rejected("MALFORMED", () -> reader.read(null));
    }

    @Test
    void windows1251BytesDeclaredAsUtf8AreBadlyEncoded() {
        byte[] cp1251 = text(Documents.FIXED).getBytes(WINDOWS_1251);

        assertThat(rejected("BAD_ENCODING", () -> reader.read(cp1251)).getMessage())
                .contains("declares encoding UTF-8").contains("line 9").contains("not valid UTF-8");
    }

    @Test
    void windows1251BytesWithoutDeclarationAreBadlyEncoded() {
        String undeclared = text(Documents.FIXED).replace("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", "");

        assertThat(rejected("BAD_ENCODING", () -> reader.read(undeclared.getBytes(WINDOWS_1251))).getMessage())
                .contains("no encoding declaration");
    }

    @Test
    void utf8BytesDeclaredAsWindows1251AreBadlyEncoded() {
        String declared1251 = edited(Documents.FIXED, "encoding=\"UTF-8\"", "encoding=\"windows-1251\"");

        assertThat(rejected("BAD_ENCODING", () -> reader.read(utf8(declared1251))).getMessage())
                .contains("declares encoding windows-1251 but its bytes are UTF-8");
    }

    @Test
    void windows1251DeclaredAndWrittenSoIsRead() {
        String declared1251 = edited(Documents.FIXED, "encoding=\"UTF-8\"", "encoding=\"windows-1251\"");

        InvoiceContainer container = reader.read(declared1251.getBytes(WINDOWS_1251));

        assertThat(container.invoices().get(0).sellers().get(0).name()).isEqualTo("ТОО «Поставщик»");
    }

    @Test
    void utf16WithByteOrderMarkIsRead() {
        String declared16 = edited(Documents.FIXED, "encoding=\"UTF-8\"", "encoding=\"UTF-16\"");

        InvoiceContainer container = reader.read(declared16.getBytes(StandardCharsets.UTF_16));

        assertThat(container.invoices().get(0).operatorFullname()).isEqualTo("Иванов Иван Иванович");
    }

    @Test
    void utf8ByteOrderMarkIsAccepted() {
        byte[] document = bytes(Documents.FIXED);
        byte[] withBom = new byte[document.length + 3];
        withBom[0] = (byte) 0xEF;
        withBom[1] = (byte) 0xBB;
        withBom[2] = (byte) 0xBF;
        System.arraycopy(document, 0, withBom, 3, document.length);

        assertThat(reader.read(withBom).invoices()).hasSize(1);
    }

    @Test
    void unknownOrContradictoryEncodingsAreBadlyEncoded() {
        String unknown = edited(Documents.FIXED, "encoding=\"UTF-8\"", "encoding=\"KOI-9\"");
        String utf16WithoutMark = edited(Documents.FIXED, "encoding=\"UTF-8\"", "encoding=\"UTF-16\"");

        assertThat(rejected("BAD_ENCODING", () -> reader.read(utf8(unknown))).getMessage()).contains("KOI-9");
        rejected("BAD_ENCODING", () -> reader.read(utf8(utf16WithoutMark)));
    }

    @Test
    void aDifferentRootIsSchemaInvalid() {
        String otherNamespace = edited(Documents.FIXED, "xmlns:esf=\"esf\"", "xmlns:esf=\"urn:example:esf\"");
        String otherRoot = "<?xml version=\"1.0\"?><invoice><num>1</num></invoice>";

        assertThat(rejected("SCHEMA_INVALID", () -> reader.read(utf8(otherNamespace))).getMessage())
                .contains("namespace 'urn:example:esf'");
        assertThat(rejected("SCHEMA_INVALID", () -> reader.read(utf8(otherRoot))).getMessage())
                .contains("invoice (no namespace)");
    }

    @Test
    void anInvoiceInAnUnknownNamespaceIsSchemaInvalid() {
        String v3 = edited(Documents.FIXED, "xmlns:v2=\"v2.esf\"", "xmlns:v2=\"v3.esf\"");

        assertThat(rejected("SCHEMA_INVALID", () -> reader.read(utf8(v3))).getMessage()).contains("{v3.esf}invoice");
    }

    @Test
    void aVersion1InvoiceIsSchemaInvalid() {
        String v1 = "<esf:invoiceContainer xmlns:esf=\"esf\"><invoiceSet><v1:invoice xmlns:v1=\"v1.esf\">"
                + "<date>01.01.2015</date></v1:invoice></invoiceSet></esf:invoiceContainer>";

        assertThat(rejected("SCHEMA_INVALID", () -> reader.read(utf8(v1))).getMessage())
                .contains("{v1.esf}invoice").contains("only version 2");
    }

    @Test
    void twoInvoicesInOneContainerAreSchemaInvalid() {
        String invoice = text(Documents.FIXED);
        String one = invoice.substring(invoice.indexOf("<v2:invoice"), invoice.indexOf("</v2:invoice>") + 13);
        String two = invoice.replace(one, one + "\n" + one);

        assertThat(rejected("SCHEMA_INVALID", () -> reader.read(utf8(two))).getMessage())
                .contains("holds 2 invoices").contains("exactly one");
    }

    @Test
    void anEmptyContainerIsSchemaInvalid() {
        assertThat(rejected("SCHEMA_INVALID", () -> reader.read(utf8("<esf:invoiceContainer xmlns:esf=\"esf\"/>")))
                .getMessage()).contains("no invoice");
    }

    private static String stackText(Throwable t) {
        StringBuilder all = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            all.append(c).append('\n');
        }
        return all.toString();
    }
}
