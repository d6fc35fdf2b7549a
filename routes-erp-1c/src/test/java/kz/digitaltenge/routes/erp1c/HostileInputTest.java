package kz.digitaltenge.routes.erp1c;

import static kz.digitaltenge.routes.erp1c.TestFiles.CP1251;
import static kz.digitaltenge.routes.erp1c.TestFiles.UTF8;
import static kz.digitaltenge.routes.erp1c.TestFiles.bytes;
import static kz.digitaltenge.routes.erp1c.TestFiles.file;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Random;
import kz.digitaltenge.canonical.SourceMessageRejected;
import kz.digitaltenge.routes.erp1c.TestFiles.Doc;
import org.junit.jupiter.api.Test;

/** Input that is not a sound 1C file is rejected as a whole, each with a reason and a message saying what is wrong. */
class HostileInputTest {
    private final ClientBankExchangeReader reader = new ClientBankExchangeReader();

    @Test
    void aBodyShorterThanTheMarkerIsMalformedNotACrash() {
        // "hello" and every prefix of the marker line: the reader must refuse, never index past the end
        String marker = "1CClientBankExchange";
        java.util.List<byte[]> shortBodies = new java.util.ArrayList<>();
        shortBodies.add("hello".getBytes(UTF8));
        shortBodies.add("1CClientBankExchangX\n".getBytes(UTF8));
        for (int n = 1; n < marker.length(); n++) {
            shortBodies.add(marker.substring(0, n).getBytes(UTF8));
        }
        for (byte[] body : shortBodies) {
            assertThatThrownBy(() -> new ClientBankExchangeReader().read(body)).as(new String(body, UTF8))
                    .isInstanceOfSatisfying(SourceMessageRejected.class, e -> assertThat(e.reason()).isEqualTo("MALFORMED"));
        }
    }

    @Test
    void aFileOverTheDefaultTenMebibytesIsTooLarge() {
        byte[] huge = new byte[ClientBankExchangeReader.DEFAULT_MAX_BYTES + 1];
        Arrays.fill(huge, (byte) 'A');

        assertRejected(reader, huge, "TOO_LARGE", "the file has 10485761 bytes; at most 10485760 are accepted");
    }

    @Test
    void theLimitIsAConstructorParameter() {
        byte[] ordinary = bytes(file("Windows", Doc.kazakh()), CP1251, true);

        assertRejected(new ClientBankExchangeReader(100), ordinary, "TOO_LARGE", "at most 100 are accepted");
        assertThat(new ClientBankExchangeReader(ordinary.length).read(ordinary).paymentOrders()).hasSize(1);
    }

    @Test
    void aFileCutOffWithoutKonecFailaIsTruncated() {
        String text = file("Windows", Doc.kazakh(), Doc.kazakh()).replace("КонецФайла\n", "");

        assertRejected(reader, bytes(text, CP1251, true), "TRUNCATED",
                "the file ends at line 43 without КонецФайла; it may have been cut off");
    }

    @Test
    void aFileCutOffInsideADocumentIsTruncated() {
        String text = file("Windows", Doc.kazakh());
        String cut = text.substring(0, text.indexOf("ПолучательИИК"));

        assertRejected(reader, bytes(cut, CP1251, true), "TRUNCATED",
                "the file ends inside the document starting at line 6 (no КонецДокумента, no КонецФайла)");
    }

    @Test
    void aFileCutOffInsideAnAccountSectionIsTruncated() {
        String text = "1CClientBankExchange\nВерсияФормата=1.03\nКодировка=Windows\nСекцияРасчСчет\n"
                + "РасчСчет=KZ18722S000012345678\nНачальныйОстаток=10.00\n";

        assertRejected(reader, bytes(text, CP1251, true), "TRUNCATED",
                "the file ends inside the account section starting at line 4");
    }

    @Test
    void binaryGarbageIsNotA1cFile() {
        byte[] garbage = new byte[4096];
        new Random(20250314).nextBytes(garbage);

        assertRejected(reader, garbage, "MALFORMED",
                "not a 1C client-bank exchange file: the first line must be 1CClientBankExchange");
    }

    @Test
    void binaryAfterAValidFirstLineIsNotText() {
        byte[] text = bytes(file("UTF-8", Doc.kazakh().set("НомерДокумента", "\u0000\u0000\u0007")), UTF8, false);

        assertRejected(reader, text, "MALFORMED", "line 8 contains the control character U+0000; the file is not plain text");
    }

    @Test
    void otherTextFormatsAreNot1cFiles() {
        assertRejected(reader, bytes("<?xml version=\"1.0\"?><v2:invoiceContainer/>", UTF8, false), "MALFORMED",
                "first line must be 1CClientBankExchange");
        assertRejected(reader, bytes("number;date;amount\n1;14.03.2025;1250.50\n", UTF8, false), "MALFORMED",
                "first line must be 1CClientBankExchange");
        assertRejected(reader, bytes("1CClientBankExchange extra\nВерсияФормата=1.03\n", UTF8, false), "MALFORMED",
                "first line must be 1CClientBankExchange");
    }

    @Test
    void anEmptyFileIsRejected() {
        assertRejected(reader, new byte[0], "MALFORMED", "the file is empty");
    }

    @Test
    void anUnknownFormatVersionIsRejected() {
        String text = file("Windows", Doc.kazakh()).replace("ВерсияФормата=1.03", "ВерсияФормата=2.00");

        assertRejected(reader, bytes(text, CP1251, true), "SCHEMA_INVALID",
                "line 2: ВерсияФормата=2.00 is not supported (1.01, 1.02, 1.03)");
    }

    @Test
    void aMissingFormatVersionIsRejected() {
        String text = file("Windows", Doc.kazakh()).replace("ВерсияФормата=1.03\n", "");

        assertRejected(reader, bytes(text, CP1251, true), "SCHEMA_INVALID", "the header has no ВерсияФормата");
    }

    @Test
    void anInvalidHeaderDateIsRejectedWithItsLine() {
        String text = file("Windows", Doc.kazakh()).replace("ДатаСоздания=14.03.2025", "ДатаСоздания=31.02.2025");

        assertRejected(reader, bytes(text, CP1251, true), "SCHEMA_INVALID",
                "line 5 (ДатаСоздания): '31.02.2025' is not a valid date (dd.MM.yyyy)");
    }

    @Test
    void contentAfterKonecFailaIsRejected() {
        String text = file("Windows", Doc.kazakh()) + "\n" + Doc.kazakh().text();

        assertRejected(reader, bytes(text, CP1251, true), "MALFORMED", "line 27: content after КонецФайла (line 25)");
    }

    @Test
    void aLineOutsideAnySectionIsRejected() {
        String text = file("Windows", Doc.kazakh(), Doc.kazakh()).replace("КонецДокумента\nСекцияДокумент",
                "КонецДокумента\nСумма=5.00\nСекцияДокумент");

        assertRejected(reader, bytes(text, CP1251, true), "MALFORMED",
                "line 25: 'Сумма=5.00' is not expected here (outside any section)");
    }

    @Test
    void anAccountSectionWithoutItsEndIsRejected() {
        String text = file("Windows", Doc.kazakh()).replace("СекцияДокумент", "СекцияРасчСчет\nНачальныйОстаток=1.00\n"
                + "СекцияДокумент");

        assertRejected(reader, bytes(text, CP1251, true), "MALFORMED",
                "the account section starting at line 6 has no КонецРасчСчет before line 8");
    }

    @Test
    void aRepeatedHeaderFieldIsRejected() {
        String text = file("Windows", Doc.kazakh()).replace("ДатаСоздания=14.03.2025\n",
                "ДатаСоздания=14.03.2025\nДатаСоздания=15.03.2025\n");

        assertRejected(reader, bytes(text, CP1251, true), "MALFORMED", "line 6: header field ДатаСоздания repeats line 5");
    }

    private static void assertRejected(ClientBankExchangeReader reader, byte[] bytes, String reason, String message) {
        assertThatThrownBy(() -> reader.read(bytes))
                .isInstanceOfSatisfying(SourceMessageRejected.class,
                        rejected -> assertThat(rejected.reason()).isEqualTo(reason))
                .hasMessageContaining(message);
    }
}
