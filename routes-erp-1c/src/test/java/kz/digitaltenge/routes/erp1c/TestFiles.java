package kz.digitaltenge.routes.erp1c;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Hand-made 1C documents and files for the tests. Identifiers are valid (check digits computed). */
final class TestFiles {
    static final Charset CP1251 = Charset.forName("windows-1251");
    static final Charset CP866 = Charset.forName("IBM866");
    static final Charset UTF8 = StandardCharsets.UTF_8;

    static final String SELLER_BIN = "120340005124";
    static final String SELLER_IIK = "KZ35601A000000000123";
    static final String BUYER_BIN = "040840000997";
    static final String BUYER_IIK = "KZ18722S000012345678";
    static final String INVOICE = "ESF-120340005124-20250314-0001";

    /** Lines before the first document of {@link #file}. */
    static final int HEADER_LINES = 5;

    private TestFiles() {
    }

    static byte[] resource(String name) {
        try (InputStream in = TestFiles.class.getResourceAsStream("/erp1c/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The text (written with \n) in the charset, with CRLF line ends when asked. */
    static byte[] bytes(String text, Charset charset, boolean crlf) {
        return (crlf ? text.replace("\n", "\r\n") : text).getBytes(charset);
    }

    /** A whole file: header declaring the encoding, the documents, КонецФайла. */
    static String file(String declaredEncoding, Doc... documents) {
        StringBuilder text = new StringBuilder()
                .append("1CClientBankExchange\n")
                .append("ВерсияФормата=1.03\n")
                .append("Кодировка=").append(declaredEncoding).append('\n')
                .append("Отправитель=Бухгалтерия для Казахстана\n")
                .append("ДатаСоздания=14.03.2025\n");
        for (Doc document : documents) {
            text.append(document.text());
        }
        return text.append("КонецФайла\n").toString();
    }

    /** A document as field lines that tests change one at a time. */
    static final class Doc {
        private final String kind;
        private final Map<String, String> fields = new LinkedHashMap<>();

        private Doc(String kind) {
            this.kind = kind;
        }

        /** A valid Kazakh-variant payment order of 1250.50 paying {@link #INVOICE}. */
        static Doc kazakh() {
            return new Doc("Выписка")
                    .set("ВидДокумента", "ПлатежноеПоручение")
                    .set("НомерДокумента", "117")
                    .set("ДатаДокумента", "14.03.2025")
                    .set("СуммаРасход", "1250.50")
                    .set("Валюта", "KZT")
                    .set("ПлательщикНаименование", "ТОО Астана Строй")
                    .set("ПлательщикБИН_ИИН", BUYER_BIN)
                    .set("ПлательщикИИК", BUYER_IIK)
                    .set("ПлательщикКБЕ", "17")
                    .set("ПлательщикБанкБИК", "CASPKZKA")
                    .set("ПолучательНаименование", "ТОО Дала Трейд")
                    .set("ПолучательБИН_ИИН", SELLER_BIN)
                    .set("ПолучательИИК", SELLER_IIK)
                    .set("ПолучательКБЕ", "17")
                    .set("ПолучательБанкБИК", "HSBKKZKX")
                    .set("НазначениеПлатежа", "Оплата по ЭСФ " + INVOICE)
                    .set("КодНазначенияПлатежа", "710");
        }

        /** A valid Russian-variant payment order of 1250.50 paying {@link #INVOICE}. */
        static Doc russian() {
            return new Doc("Платежное поручение")
                    .set("Номер", "245")
                    .set("Дата", "14.03.2025")
                    .set("Сумма", "1250.50")
                    .set("ПлательщикСчет", BUYER_IIK)
                    .set("Плательщик", "ТОО Астана Строй")
                    .set("ПлательщикИНН", BUYER_BIN)
                    .set("ПолучательСчет", SELLER_IIK)
                    .set("Получатель", "ТОО Дала Трейд")
                    .set("ПолучательИНН", SELLER_BIN)
                    .set("НазначениеПлатежа", "Оплата по ЭСФ " + INVOICE);
        }

        static Doc ofKind(String kind) {
            return new Doc(kind);
        }

        Doc set(String key, String value) {
            fields.put(key, value);
            return this;
        }

        Doc remove(String key) {
            fields.remove(key);
            return this;
        }

        /** Lines from СекцияДокумент to КонецДокумента inclusive. */
        int lineCount() {
            return fields.size() + 2;
        }

        /** The 1-based position of a field within the document (СекцияДокумент is 1). */
        int offsetOf(String key) {
            int offset = 2;
            for (String present : fields.keySet()) {
                if (present.equals(key)) {
                    return offset;
                }
                offset++;
            }
            throw new IllegalArgumentException(key);
        }

        String text() {
            StringBuilder text = new StringBuilder("СекцияДокумент=").append(kind).append('\n');
            fields.forEach((key, value) -> text.append(key).append('=').append(value).append('\n'));
            return text.append("КонецДокумента\n").toString();
        }
    }
}
