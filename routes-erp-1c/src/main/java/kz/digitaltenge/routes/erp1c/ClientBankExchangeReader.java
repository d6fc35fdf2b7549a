package kz.digitaltenge.routes.erp1c;

import kz.digitaltenge.canonical.ReasonCode;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import kz.digitaltenge.canonical.SourceMessageRejected;

/**
 * Reads a {@code 1CClientBankExchange} file (format versions 1.01–1.03) into an {@link ExchangeFile}.
 *
 * <p>A problem with the file as a whole (too large, not this format, wrong or undeclared encoding, no
 * {@code КонецФайла}, an unsupported version, a broken header or account section) rejects the file with a
 * {@link SourceMessageRejected}. A problem inside one document only fails that document: it becomes a
 * {@link FailedDocument} and the other documents are read as usual, so one mistyped account does not hold back a
 * day's payments.
 *
 * <p>The encoding is established from the bytes before anything is read, because even the key {@code Кодировка}
 * is Cyrillic: the declaration line is looked for as UTF-8, cp1251 and cp866 bytes, the whole file must decode
 * strictly in the encoding found, and the declared value must name that same encoding. A file in one encoding that
 * declares another is rejected, never re-read in a guessed encoding.
 */
public final class ClientBankExchangeReader {
    public static final int DEFAULT_MAX_BYTES = 10 * 1024 * 1024;

    static final String MARKER = "1CClientBankExchange";
    private static final String ENCODING_KEY = "Кодировка";
    private static final Set<String> VERSIONS = Set.of("1.01", "1.02", "1.03");
    private static final Set<String> REPEATABLE_HEADER_KEYS = Set.of("РасчСчет", "Документ");
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT).withResolverStyle(ResolverStyle.STRICT);
    private static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private final int maxBytes;

    public ClientBankExchangeReader() {
        this(DEFAULT_MAX_BYTES);
    }

    /** @param maxBytes files larger than this are rejected as TOO_LARGE before they are decoded */
    public ClientBankExchangeReader(int maxBytes) {
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("maxBytes must be positive, got " + maxBytes);
        }
        this.maxBytes = maxBytes;
    }

    /**
     * Reads the file.
     *
     * @throws SourceMessageRejected when the file as a whole cannot be read; problems of single documents are
     *                               reported in {@link ExchangeFile#failedDocuments()} instead
     */
    public ExchangeFile read(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            throw new SourceMessageRejected(ReasonCode.MALFORMED, "the file is empty");
        }
        if (bytes.length > maxBytes) {
            throw new SourceMessageRejected(ReasonCode.TOO_LARGE,
                    "the file has " + bytes.length + " bytes; at most " + maxBytes + " are accepted");
        }
        boolean bom = startsWith(bytes, 0, UTF8_BOM);
        int start = bom ? UTF8_BOM.length : 0;
        requireMarker(bytes, start);
        ExchangeEncoding encoding = establishEncoding(bytes, start, bom);
        String text = decode(bytes, start, encoding);
        return new Structure(splitLines(text), encoding).read();
    }

    private static void requireMarker(byte[] bytes, int start) {
        if (bytes.length >= 2 && ((bytes[0] == (byte) 0xFF && bytes[1] == (byte) 0xFE)
                || (bytes[0] == (byte) 0xFE && bytes[1] == (byte) 0xFF))) {
            throw new SourceMessageRejected(ReasonCode.BAD_ENCODING,
                    "the file is UTF-16; 1C client-bank files are Windows (cp1251), DOS (cp866) or UTF-8");
        }
        byte[] marker = MARKER.getBytes(StandardCharsets.US_ASCII);
        int end = start + marker.length;
        // a body shorter than the marker is simply not such a file (it must never index past its end)
        boolean lineEnds = end == bytes.length || (end < bytes.length && (bytes[end] == '\n'
                || (bytes[end] == '\r' && end + 1 < bytes.length && bytes[end + 1] == '\n')));
        if (end > bytes.length || !startsWith(bytes, start, marker) || !lineEnds) {
            throw new SourceMessageRejected(ReasonCode.MALFORMED, "not a 1C client-bank exchange file: the first line "
                    + "must be " + MARKER + " (lines end with CRLF or LF)");
        }
    }

    /**
     * Finds the {@code Кодировка=} line by its bytes in each supported encoding; the encoding its key is written in
     * is the encoding of the file, which must then match the declared value.
     */
    private static ExchangeEncoding establishEncoding(byte[] bytes, int start, boolean bom) {
        int lineNumber = 0;
        for (int lineStart = start; lineStart < bytes.length; ) {
            lineNumber++;
            int lineEnd = indexOf(bytes, (byte) '\n', lineStart);
            int contentEnd = lineEnd > lineStart && bytes[lineEnd - 1] == '\r' ? lineEnd - 1 : lineEnd;
            for (ExchangeEncoding actual : ExchangeEncoding.values()) {
                byte[] key = (ENCODING_KEY + "=").getBytes(actual.charset());
                if (startsWith(bytes, lineStart, key) && lineStart + key.length <= contentEnd) {
                    String declared = new String(bytes, lineStart + key.length, contentEnd - lineStart - key.length,
                            actual.charset());
                    return checkDeclaration(bom, actual, declared.strip(), lineNumber);
                }
            }
            lineStart = lineEnd + 1;
        }
        throw new SourceMessageRejected(ReasonCode.BAD_ENCODING, "the header has no Кодировка line (looked for it in "
                + "UTF-8, Windows (cp1251) and DOS (cp866)); the file must declare its encoding: Windows, DOS or UTF-8");
    }

    private static ExchangeEncoding checkDeclaration(boolean bom, ExchangeEncoding actual, String declared, int line) {
        ExchangeEncoding declaredEncoding = ExchangeEncoding.fromDeclared(declared).orElseThrow(() ->
                new SourceMessageRejected(ReasonCode.BAD_ENCODING, "line " + line + ": Кодировка=" + declared
                        + " is not supported; use Windows (cp1251), DOS (cp866) or UTF-8"));
        if (declaredEncoding != actual) {
            throw new SourceMessageRejected(ReasonCode.BAD_ENCODING, "line " + line + " declares Кодировка=" + declared
                    + " but the file is written in " + actual.describe()
                    + "; export it again so that the declaration and the bytes agree");
        }
        if (bom && actual != ExchangeEncoding.UTF_8) {
            throw new SourceMessageRejected(ReasonCode.BAD_ENCODING, "the file starts with a UTF-8 byte order mark but "
                    + "declares and is written in " + actual.describe());
        }
        return actual;
    }

    /** Decodes strictly: a byte the encoding does not define rejects the file, it is never replaced. */
    private static String decode(byte[] bytes, int start, ExchangeEncoding encoding) {
        CharsetDecoder decoder = encoding.charset().newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, start, bytes.length - start);
        CharBuffer out = CharBuffer.allocate((int) Math.ceil(in.remaining() * (double) decoder.maxCharsPerByte()));
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            int offset = in.position();
            throw new SourceMessageRejected(ReasonCode.BAD_ENCODING, "line " + lineOf(bytes, start, offset)
                    + ": byte 0x" + String.format("%02X", bytes[offset] & 0xFF) + " is not valid " + encoding.describe()
                    + " although the file declares and begins in that encoding; the file mixes encodings");
        }
        decoder.flush(out);
        out.flip();
        return out.toString();
    }

    private static int lineOf(byte[] bytes, int start, int offset) {
        int line = 1;
        for (int i = start; i < offset; i++) {
            if (bytes[i] == '\n') {
                line++;
            }
        }
        return line;
    }

    private static List<String> splitLines(String text) {
        List<String> lines = new ArrayList<>(Arrays.asList(text.split("\n", -1)));
        if (lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1);
        }
        lines.replaceAll(line -> line.endsWith("\r") ? line.substring(0, line.length() - 1) : line);
        return lines;
    }

    private static boolean startsWith(byte[] bytes, int offset, byte[] prefix) {
        if (bytes.length - offset < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (bytes[offset + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static int indexOf(byte[] bytes, byte wanted, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == wanted) {
                return i;
            }
        }
        return bytes.length;
    }

    /** The decoded lines walked once, section by section. Line numbers are 1-based; line 1 is the marker. */
    private static final class Structure {
        private final List<String> lines;
        private final ExchangeEncoding encoding;
        private final Map<String, DocumentField> header = new LinkedHashMap<>();
        private final List<String> accounts = new ArrayList<>();
        private final List<String> documentKinds = new ArrayList<>();
        private final List<AccountSection> accountSections = new ArrayList<>();
        private final List<PaymentOrder> paymentOrders = new ArrayList<>();
        private final List<FailedDocument> failedDocuments = new ArrayList<>();

        Structure(List<String> lines, ExchangeEncoding encoding) {
            this.lines = lines;
            this.encoding = encoding;
        }

        ExchangeFile read() {
            requireText();
            boolean sectionsStarted = false;
            int lineNumber = 2;
            while (lineNumber <= lines.size()) {
                String line = lines.get(lineNumber - 1).strip();
                if (line.isEmpty()) {
                    lineNumber++;
                } else if (line.equals("КонецФайла")) {
                    requireNothingAfter(lineNumber);
                    return exchangeFile();
                } else if (line.equals("СекцияРасчСчет")) {
                    sectionsStarted = true;
                    lineNumber = readAccountSection(lineNumber);
                } else if (isDocumentStart(line)) {
                    sectionsStarted = true;
                    lineNumber = readDocument(lineNumber);
                } else if (!sectionsStarted && line.indexOf('=') > 0) {
                    addHeaderField(lineNumber, line);
                    lineNumber++;
                } else {
                    throw new SourceMessageRejected(ReasonCode.MALFORMED, "line " + lineNumber + ": '" + abbreviate(line)
                            + "' is not expected here (" + (sectionsStarted ? "outside any section" : "in the header")
                            + ")");
                }
            }
            throw new SourceMessageRejected(ReasonCode.TRUNCATED,
                    "the file ends at line " + lines.size() + " without КонецФайла; it may have been cut off");
        }

        /** Control characters mean binary content; no 1C configuration writes them. */
        private void requireText() {
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                for (int c = 0; c < line.length(); c++) {
                    char ch = line.charAt(c);
                    if ((ch < 0x20 && ch != '\t') || ch == 0x7F) {
                        throw new SourceMessageRejected(ReasonCode.MALFORMED, "line " + (i + 1) + " contains the control "
                                + "character U+" + String.format("%04X", (int) ch) + "; the file is not plain text");
                    }
                }
            }
        }

        private void requireNothingAfter(int endOfFileLine) {
            for (int i = endOfFileLine + 1; i <= lines.size(); i++) {
                if (!lines.get(i - 1).isBlank()) {
                    throw new SourceMessageRejected(ReasonCode.MALFORMED, "line " + i + ": content after КонецФайла (line "
                            + endOfFileLine + ")");
                }
            }
        }

        private static boolean isDocumentStart(String line) {
            return line.equals("СекцияДокумент") || line.startsWith("СекцияДокумент=");
        }

        private static boolean isSectionBoundary(String line) {
            return line.equals("СекцияРасчСчет") || isDocumentStart(line) || line.equals("КонецФайла");
        }

        private void addHeaderField(int lineNumber, String line) {
            DocumentField field = field(lineNumber, line);
            if (REPEATABLE_HEADER_KEYS.contains(field.key())) {
                (field.key().equals("РасчСчет") ? accounts : documentKinds).add(field.value());
                return;
            }
            DocumentField earlier = header.putIfAbsent(field.key(), field);
            if (earlier != null) {
                throw new SourceMessageRejected(ReasonCode.MALFORMED, "line " + lineNumber + ": header field " + field.key()
                        + " repeats line " + earlier.line());
            }
        }

        /** Returns the line after {@code КонецРасчСчет}. */
        private int readAccountSection(int startLine) {
            Map<String, DocumentField> fields = new LinkedHashMap<>();
            for (int lineNumber = startLine + 1; lineNumber <= lines.size(); lineNumber++) {
                String line = lines.get(lineNumber - 1).strip();
                if (line.isEmpty()) {
                    continue;
                }
                if (line.equals("КонецРасчСчет")) {
                    accountSections.add(accountSection(fields, startLine, lineNumber));
                    return lineNumber + 1;
                }
                if (isSectionBoundary(line)) {
                    throw new SourceMessageRejected(ReasonCode.MALFORMED, "the account section starting at line " + startLine
                            + " has no КонецРасчСчет before line " + lineNumber);
                }
                if (line.indexOf('=') <= 0) {
                    throw new SourceMessageRejected(ReasonCode.MALFORMED,
                            "line " + lineNumber + ": '" + abbreviate(line) + "' is not a Key=Value line");
                }
                DocumentField field = field(lineNumber, line);
                DocumentField earlier = fields.putIfAbsent(field.key(), field);
                if (earlier != null) {
                    throw new SourceMessageRejected(ReasonCode.MALFORMED, "line " + lineNumber + ": " + field.key()
                            + " repeats line " + earlier.line() + " in the account section");
                }
            }
            throw new SourceMessageRejected(ReasonCode.TRUNCATED, "the file ends inside the account section starting at line "
                    + startLine + " (no КонецРасчСчет, no КонецФайла); it may have been cut off");
        }

        private AccountSection accountSection(Map<String, DocumentField> fields, int startLine, int endLine) {
            try {
                return new AccountSection(
                        value(fields.get("РасчСчет")),
                        date(fields.get("ДатаНачала")),
                        date(fields.get("ДатаКонца")),
                        balance(fields.get("НачальныйОстаток")),
                        balance(fields.get("ВсегоПоступило")),
                        balance(fields.get("ВсегоСписано")),
                        balance(fields.get("КонечныйОстаток")),
                        startLine, endLine);
            } catch (DocumentProblem problem) {
                throw new SourceMessageRejected(problem.reason(), problem.getMessage());
            }
        }

        /**
         * Collects one document up to {@code КонецДокумента} and maps it. A document that runs into the next
         * section or the end of the file without {@code КонецДокумента} fails as TRUNCATED; the reading goes on
         * from where it stopped. Returns the line to continue with.
         */
        private int readDocument(int startLine) {
            String startText = lines.get(startLine - 1).strip();
            String kind = startText.indexOf('=') < 0 ? "" : startText.substring(startText.indexOf('=') + 1).strip();
            Map<String, DocumentField> fields = new LinkedHashMap<>();
            DocumentProblem problem = null;
            int lastContentLine = startLine;
            for (int lineNumber = startLine + 1; lineNumber <= lines.size(); lineNumber++) {
                String line = lines.get(lineNumber - 1).strip();
                if (line.isEmpty()) {
                    continue;
                }
                if (line.equals("КонецДокумента")) {
                    finishDocument(kind, startLine, lineNumber, fields, problem);
                    return lineNumber + 1;
                }
                if (isSectionBoundary(line)) {
                    DocumentProblem truncated = new DocumentProblem(ReasonCode.TRUNCATED, startLine, "the document starting at line "
                            + startLine + " has no КонецДокумента before line " + lineNumber);
                    failed(truncated, kind, startLine, lastContentLine);
                    return lineNumber;
                }
                lastContentLine = lineNumber;
                if (problem != null) {
                    continue;
                }
                if (line.indexOf('=') <= 0) {
                    problem = new DocumentProblem(ReasonCode.MALFORMED, lineNumber,
                            "line " + lineNumber + ": '" + abbreviate(line) + "' is not a Key=Value line");
                    continue;
                }
                DocumentField field = field(lineNumber, line);
                DocumentField earlier = fields.putIfAbsent(field.key(), field);
                if (earlier != null) {
                    problem = new DocumentProblem(ReasonCode.MALFORMED, lineNumber, "line " + lineNumber + ": " + field.key()
                            + " repeats line " + earlier.line() + "; a document states each field once");
                }
            }
            throw new SourceMessageRejected(ReasonCode.TRUNCATED, "the file ends inside the document starting at line "
                    + startLine + " (no КонецДокумента, no КонецФайла); it may have been cut off");
        }

        private void finishDocument(
                String kind, int startLine, int endLine, Map<String, DocumentField> fields, DocumentProblem problem) {
            if (problem != null) {
                failed(problem, kind, startLine, endLine);
                return;
            }
            try {
                paymentOrders.add(PaymentOrderMapper.fromDocument(kind, startLine, endLine,
                        new OrderFields(fields, startLine)));
            } catch (DocumentProblem mappingProblem) {
                failed(mappingProblem, kind, startLine, endLine);
            }
        }

        private void failed(DocumentProblem problem, String kind, int startLine, int endLine) {
            String rawText = String.join("\n", lines.subList(startLine - 1, endLine));
            failedDocuments.add(new FailedDocument(problem.reason().name(), problem.getMessage(), kind, startLine, endLine,
                    problem.line(), rawText));
        }

        private ExchangeFile exchangeFile() {
            DocumentField version = header.get("ВерсияФормата");
            if (version == null) {
                throw new SourceMessageRejected(ReasonCode.SCHEMA_INVALID, "the header has no ВерсияФормата (1.01–1.03)");
            }
            if (!VERSIONS.contains(version.value())) {
                throw new SourceMessageRejected(ReasonCode.SCHEMA_INVALID, "line " + version.line() + ": ВерсияФормата="
                        + version.value() + " is not supported (1.01, 1.02, 1.03)");
            }
            try {
                return new ExchangeFile(version.value(), encoding,
                        value(header.get("Отправитель")),
                        value(header.get("Получатель")),
                        date(header.get("ДатаСоздания")),
                        time(header.get("ВремяСоздания")),
                        date(header.get("ДатаНачала")),
                        date(header.get("ДатаКонца")),
                        accounts, documentKinds, accountSections, paymentOrders, failedDocuments);
            } catch (DocumentProblem problem) {
                throw new SourceMessageRejected(problem.reason(), problem.getMessage());
            }
        }

        private static DocumentField field(int lineNumber, String line) {
            int equals = line.indexOf('=');
            return new DocumentField(line.substring(0, equals).strip(), line.substring(equals + 1).strip(), lineNumber);
        }

        private static String value(DocumentField field) {
            return field == null || field.value().isEmpty() ? null : field.value();
        }

        private static LocalDate date(DocumentField field) {
            return value(field) == null ? null : OrderFields.date(field, OrderFields.DOTTED_DATE);
        }

        private static Long balance(DocumentField field) {
            return value(field) == null ? null : OrderFields.money(field);
        }

        private static LocalTime time(DocumentField field) {
            if (value(field) == null) {
                return null;
            }
            try {
                return LocalTime.parse(field.value(), TIME);
            } catch (DateTimeParseException e) {
                throw DocumentProblem.at(ReasonCode.SCHEMA_INVALID, field, "'" + field.value() + "' is not a time (HH:mm:ss)");
            }
        }

        private static String abbreviate(String line) {
            return line.length() <= 60 ? line : line.substring(0, 60) + "…";
        }
    }
}
