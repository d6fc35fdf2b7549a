package kz.digitaltenge.routes.subsidy;

import java.util.Locale;
import java.util.Map;
import kz.digitaltenge.canonical.ReasonCode;
import kz.digitaltenge.canonical.SourceMessageRejected;
import kz.digitaltenge.canonical.source.BatchTranslator;

/**
 * What the subsidy source sends, to canonical messages: the module's JSON events (one, or an array), or a register
 * export as CSV or XLSX. Each register row and each event of an array is judged on its own; a whole-file problem (not
 * one of these formats, truncated, too large, a zip bomb, not the register's header) refuses the file.
 *
 * <p>Which reader: the bytes first where they are unambiguous — a zip ({@code PK}) is an XLSX, an OLE2 file (an old
 * {@code .xls}) is refused with a hint, a UTF-16 text too; then the content type ({@code Content-Type} header, when the
 * caller passed one: {@code text/csv}, {@value RegisterXlsx#CONTENT_TYPE}, JSON) or the file name's extension
 * ({@code fileName}, from a watched directory); otherwise the bytes again: JSON when they start with {@code {} or
 * {@code [}, else CSV. A declared type the bytes contradict is refused (MALFORMED), not read as something else. A
 * generic type (none, {@code application/octet-stream}, curl's default {@code application/x-www-form-urlencoded},
 * {@code text/plain}) declares nothing.
 */
public final class SubsidyTranslator implements BatchTranslator {
    /** The headers read when present (the hub passes the file name of a watched directory's file). */
    public static final String CONTENT_TYPE = "Content-Type";
    public static final String FILE_NAME = "fileName";

    enum Kind { JSON, CSV, XLSX }

    private final RegisterLimits limits;
    private final EventJson events;
    private final Register register;
    private final RegisterCsv csv;
    private final RegisterXlsx xlsx;

    public SubsidyTranslator() {
        this(KatoTable.bundled(), RegisterLimits.DEFAULT);
    }

    public SubsidyTranslator(KatoTable kato, RegisterLimits limits) {
        this.limits = limits;
        this.events = new EventJson(kato);
        this.register = new Register(kato);
        this.csv = new RegisterCsv(limits);
        this.xlsx = new RegisterXlsx(limits);
    }

    @Override
    public Batch translateBatch(byte[] body, Map<String, String> headers) {
        if (body == null || body.length == 0) {
            throw new SourceMessageRejected(ReasonCode.MALFORMED, "the message is empty: expected a subsidy event (JSON)"
                    + " or a register export (CSV or XLSX)");
        }
        if (body.length > limits.maxFileBytes()) {
            throw new SourceMessageRejected(ReasonCode.TOO_LARGE, "the message has " + body.length + " bytes; the subsidy"
                    + " source takes up to " + limits.maxFileBytes() + " bytes (a larger register export must be split)");
        }
        return switch (kind(body, headers == null ? Map.of() : headers)) {
            case JSON -> events.read(body);
            case CSV -> register.read(csv.rows(body), "CSV file");
            case XLSX -> register.read(xlsx.rows(body), "XLSX file");
        };
    }

    /** Which reader takes the bytes. */
    static Kind kind(byte[] body, Map<String, String> headers) {
        Kind sniffed = sniff(body);
        Kind declared = declared(header(headers, CONTENT_TYPE), header(headers, FILE_NAME));
        if (declared == null) {
            return sniffed;
        }
        if (declared != sniffed && (sniffed == Kind.XLSX || declared == Kind.XLSX || declared == Kind.JSON)) {
            throw new SourceMessageRejected(ReasonCode.MALFORMED, "the message is declared " + declared + " ("
                    + Values.quote(describe(headers)) + ") but its bytes are " + (sniffed == Kind.XLSX ? "a zip (an XLSX)"
                    : sniffed == Kind.JSON ? "JSON" : "not " + declared));
        }
        return declared;
    }

    private static Kind sniff(byte[] body) {
        if (RegisterXlsx.isZip(body)) {
            return Kind.XLSX;
        }
        if (body.length >= 4 && (body[0] & 0xFF) == 0xD0 && (body[1] & 0xFF) == 0xCF && (body[2] & 0xFF) == 0x11
                && (body[3] & 0xFF) == 0xE0) {
            throw new SourceMessageRejected(ReasonCode.MALFORMED, "the file is an Excel 97-2003 workbook (.xls), which"
                    + " is not read: save the register as .xlsx or as CSV");
        }
        if (body.length >= 4 && body[0] == '%' && body[1] == 'P' && body[2] == 'D' && body[3] == 'F') {
            throw new SourceMessageRejected(ReasonCode.MALFORMED, "the file is a PDF: send the register export as CSV or XLSX");
        }
        if (EventJson.looksLikeJson(body)) {
            return Kind.JSON;
        }
        return Kind.CSV;
    }

    private static Kind declared(String contentType, String fileName) {
        if (contentType != null) {
            String t = contentType.toLowerCase(Locale.ROOT).split(";", 2)[0].strip();
            if (t.equals(RegisterXlsx.CONTENT_TYPE)) {
                return Kind.XLSX;
            }
            if (t.equals("text/csv") || t.equals("application/csv") || t.equals("text/comma-separated-values")) {
                return Kind.CSV;
            }
            if (t.equals("application/json") || t.endsWith("+json")) {
                return Kind.JSON;
            }
        }
        if (fileName != null) {
            String n = fileName.toLowerCase(Locale.ROOT);
            if (n.endsWith(".xlsx")) {
                return Kind.XLSX;
            }
            if (n.endsWith(".csv")) {
                return Kind.CSV;
            }
            if (n.endsWith(".json")) {
                return Kind.JSON;
            }
        }
        return null;
    }

    private static String header(Map<String, String> headers, String name) {
        for (Map.Entry<String, String> e : headers.entrySet()) {
            if (e.getKey() != null && e.getKey().replace("-", "").equalsIgnoreCase(name.replace("-", ""))) {
                return e.getValue();
            }
        }
        return null;
    }

    private static String describe(Map<String, String> headers) {
        String type = header(headers, CONTENT_TYPE);
        String name = header(headers, FILE_NAME);
        return type != null ? type : String.valueOf(name);
    }
}
