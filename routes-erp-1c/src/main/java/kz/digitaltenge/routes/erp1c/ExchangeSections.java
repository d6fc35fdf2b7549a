package kz.digitaltenge.routes.erp1c;

import kz.digitaltenge.canonical.ReasonCode;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import kz.digitaltenge.canonical.SourceMessageRejected;

/**
 * The decoded lines of a {@code 1CClientBankExchange} file walked once, section by section: the header, each
 * {@code СекцияРасчСчет} and each {@code СекцияДокумент}, up to {@code КонецФайла}. Line numbers are 1-based; line 1
 * is the marker.
 *
 * <p>Why on its own: this is where the line between a broken file and a broken document is drawn. A problem with the
 * file's structure (a line outside any section, no {@code КонецФайла}, an account section without its end, a bad
 * header) rejects the file; a problem inside one document only fails that document ({@link FailedDocument}), and the
 * walk goes on with the next one. What a complete document means is {@link PaymentOrderMapper}'s job.
 */
final class ExchangeSections {
    private static final Set<String> VERSIONS = Set.of("1.01", "1.02", "1.03");
    private static final Set<String> REPEATABLE_HEADER_KEYS = Set.of("РасчСчет", "Документ");
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT).withResolverStyle(ResolverStyle.STRICT);

    private final List<String> lines;
    private final ExchangeEncoding encoding;
    private final Map<String, DocumentField> header = new LinkedHashMap<>();
    private final List<String> accounts = new ArrayList<>();
    private final List<String> documentKinds = new ArrayList<>();
    private final List<AccountSection> accountSections = new ArrayList<>();
    private final List<PaymentOrder> paymentOrders = new ArrayList<>();
    private final List<FailedDocument> failedDocuments = new ArrayList<>();

    ExchangeSections(List<String> lines, ExchangeEncoding encoding) {
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
