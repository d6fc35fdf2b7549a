package kz.digitaltenge.routes.erp1c;

import static kz.digitaltenge.routes.erp1c.TestFiles.CP1251;
import static kz.digitaltenge.routes.erp1c.TestFiles.CP866;
import static kz.digitaltenge.routes.erp1c.TestFiles.UTF8;
import static kz.digitaltenge.routes.erp1c.TestFiles.bytes;
import static kz.digitaltenge.routes.erp1c.TestFiles.file;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.Charset;
import kz.digitaltenge.canonical.SourceMessageRejected;
import kz.digitaltenge.routes.erp1c.TestFiles.Doc;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The encoding is established from the bytes and must agree with Кодировка; a disagreement rejects the file. */
class EncodingTest {
    private final ClientBankExchangeReader reader = new ClientBankExchangeReader();

    @ParameterizedTest(name = "{0} declared {1}, CRLF={2}")
    @CsvSource({
            "windows-1251, Windows, true, WINDOWS_1251",
            "windows-1251, Windows, false, WINDOWS_1251",
            "windows-1251, windows, true, WINDOWS_1251",
            "UTF-8, UTF-8, true, UTF_8",
            "UTF-8, UTF-8, false, UTF_8",
            "UTF-8, UTF8, false, UTF_8",
            "IBM866, DOS, true, DOS_866",
            "IBM866, DOS, false, DOS_866"})
    void theSameOrderReadsAlikeInEveryEncodingAndLineEnd(
            String charset, String declared, boolean crlf, ExchangeEncoding expected) {
        Doc document = Doc.kazakh().set("НазначениеПлатежа", "Оплата по ЭСФ № " + TestFiles.INVOICE
                + ", в т.ч. НДС 12% - 133,98");
        ExchangeFile read = reader.read(bytes(file(declared, document), Charset.forName(charset), crlf));

        assertThat(read.encoding()).isEqualTo(expected);
        assertThat(read.failedDocuments()).isEmpty();
        PaymentOrder order = read.paymentOrders().get(0);
        assertThat(order.payer().name()).isEqualTo("ТОО Астана Строй");
        assertThat(order.purpose()).isEqualTo("Оплата по ЭСФ № " + TestFiles.INVOICE + ", в т.ч. НДС 12% - 133,98");
        assertThat(order.vat()).isEqualTo(13_398L);
        assertThat(order.startLine()).isEqualTo(TestFiles.HEADER_LINES + 1);
    }

    @Test
    void aUtf8ByteOrderMarkIsTolerated() {
        byte[] text = bytes(file("UTF-8", Doc.kazakh()), UTF8, true);
        byte[] withBom = new byte[text.length + 3];
        withBom[0] = (byte) 0xEF;
        withBom[1] = (byte) 0xBB;
        withBom[2] = (byte) 0xBF;
        System.arraycopy(text, 0, withBom, 3, text.length);

        ExchangeFile read = reader.read(withBom);

        assertThat(read.paymentOrders()).hasSize(1);
        assertThat(read.paymentOrders().get(0).startLine()).isEqualTo(6);
    }

    @Test
    void cp1251BytesDeclaredUtf8AreRejected() {
        assertRejected(bytes(file("UTF-8", Doc.kazakh()), CP1251, true),
                "line 3 declares Кодировка=UTF-8 but the file is written in Windows (cp1251); export it again so that the "
                        + "declaration and the bytes agree");
    }

    @Test
    void utf8BytesDeclaredWindowsAreRejected() {
        assertRejected(bytes(file("Windows", Doc.kazakh()), UTF8, true),
                "line 3 declares Кодировка=Windows but the file is written in UTF-8");
    }

    @Test
    void cp866BytesDeclaredWindowsAreRejected() {
        assertRejected(bytes(file("Windows", Doc.kazakh()), CP866, false),
                "line 3 declares Кодировка=Windows but the file is written in DOS (cp866)");
    }

    @Test
    void cp1251BytesDeclaredDosAreRejected() {
        assertRejected(bytes(file("DOS", Doc.kazakh()), CP1251, false),
                "line 3 declares Кодировка=DOS but the file is written in Windows (cp1251)");
    }

    @Test
    void anUnknownEncodingIsRejected() {
        assertRejected(bytes(file("KOI8-R", Doc.kazakh()), UTF8, false),
                "line 3: Кодировка=KOI8-R is not supported; use Windows (cp1251), DOS (cp866) or UTF-8");
    }

    @Test
    void aFileWithoutKodirovkaIsRejected() {
        String text = file("Windows", Doc.kazakh()).replace("Кодировка=Windows\n", "");
        assertRejected(bytes(text, CP1251, true), "the header has no Кодировка line");
    }

    @Test
    void aUtf8FileWithOneCp1251DocumentIsRejectedAsMixed() {
        byte[] head = bytes(file("UTF-8", Doc.kazakh()).replace("КонецФайла\n", ""), UTF8, false);
        byte[] tail = bytes(Doc.kazakh().text() + "КонецФайла\n", CP1251, false);
        byte[] mixed = new byte[head.length + tail.length];
        System.arraycopy(head, 0, mixed, 0, head.length);
        System.arraycopy(tail, 0, mixed, head.length, tail.length);

        assertRejected(mixed, "line 25: byte 0xD1 is not valid UTF-8 although the file declares and begins in that "
                + "encoding; the file mixes encodings");
    }

    @Test
    void aByteOrderMarkOnACp1251FileIsRejected() {
        byte[] text = bytes(file("Windows", Doc.kazakh()), CP1251, true);
        byte[] withBom = new byte[text.length + 3];
        withBom[0] = (byte) 0xEF;
        withBom[1] = (byte) 0xBB;
        withBom[2] = (byte) 0xBF;
        System.arraycopy(text, 0, withBom, 3, text.length);

        assertRejected(withBom, "starts with a UTF-8 byte order mark but declares and is written in Windows (cp1251)");
    }

    @Test
    void utf16IsRejectedAsAnEncodingProblem() {
        byte[] text = bytes("\uFEFF" + file("UTF-8", Doc.kazakh()), Charset.forName("UTF-16LE"), true);
        assertRejected(text, "the file is UTF-16");
    }

    private void assertRejected(byte[] bytes, String message) {
        assertThatThrownBy(() -> reader.read(bytes))
                .isInstanceOfSatisfying(SourceMessageRejected.class,
                        rejected -> assertThat(rejected.reason()).isEqualTo("BAD_ENCODING"))
                .hasMessageContaining(message);
    }
}
