package kz.digitaltenge.routes.livestock;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import kz.digitaltenge.canonical.CanonicalMessage;
import kz.digitaltenge.canonical.ReasonCode;
import kz.digitaltenge.canonical.SourceMessageRejected;
import kz.digitaltenge.canonical.source.BatchTranslator;

/**
 * The livestock source's translator: a file of the module's event format — one JSON event, JSON lines, or a CSV with
 * a header row (UTF-8 or windows-1251) — to canonical messages, record by record. The format is taken from the
 * {@value #FORMAT} header when the sender names it ({@code json}, {@code jsonl}, {@code csv}) and otherwise from the
 * bytes (a JSON text starts with <code>{</code>): the content type says nothing (curl sends
 * application/x-www-form-urlencoded by default, a watched directory sends none). The encoding is taken from the
 * {@value #CHARSET} header or recognised ({@link TextDecoder}).
 *
 * <p>A record that is wrong becomes a {@link RejectedRecord} ({@code "line <n>"}, its reason, a message naming the
 * field, its text) and the others go on; a file that is not one of these formats at all, too large, binary or in
 * another encoding is refused whole ({@link SourceMessageRejected}).
 */
public final class LivestockReader implements BatchTranslator {
    /** The header (HTTP query parameter or header, Kafka record header) naming the format: json, jsonl or csv. */
    public static final String FORMAT = "format";
    /** The header naming the encoding: utf-8 or windows-1251. */
    public static final String CHARSET = "charset";
    /** The pilot sends 287 animals; a file of 8 MiB holds some 20,000 events. */
    public static final long DEFAULT_MAX_BYTES = 8L * 1024 * 1024;
    public static final int MAX_RECORDS = 50_000;
    /** One event is a few hundred characters; a record longer than this is refused on its own. */
    public static final int MAX_RECORD_CHARS = 16 * 1024;

    private final long maxBytes;
    private final EventMapper mapper = new EventMapper();

    public LivestockReader() {
        this(DEFAULT_MAX_BYTES);
    }

    public LivestockReader(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    public long maxBytes() {
        return maxBytes;
    }

    @Override
    public Batch translateBatch(byte[] body, Map<String, String> headers) {
        if (body == null || body.length == 0) {
            throw new SourceMessageRejected(ReasonCode.SCHEMA_INVALID, "the message is empty");
        }
        if (body.length > maxBytes) {
            throw new SourceMessageRejected(ReasonCode.TOO_LARGE, "the file has " + body.length + " bytes, more than "
                    + maxBytes + ": split it");
        }
        Map<String, String> h = headers == null ? Map.of() : headers;
        TextDecoder.Decoded decoded = TextDecoder.decode(body, h.get(CHARSET));
        String text = decoded.text();
        if (!text.isEmpty() && text.charAt(0) == '\uFEFF') {
            text = text.substring(1);
        }
        if (text.isBlank()) {
            throw new SourceMessageRejected(ReasonCode.SCHEMA_INVALID, "the message is empty");
        }
        List<SourceRecord> records = switch (format(h.get(FORMAT), text)) {
            case "json" -> JsonEvents.records(text, MAX_RECORDS, MAX_RECORD_CHARS);
            default -> CsvEvents.records(text, MAX_RECORDS, MAX_RECORD_CHARS);
        };
        List<CanonicalMessage> messages = new ArrayList<>();
        List<RejectedRecord> rejected = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            SourceRecord r = records.get(i);
            RecordRefused problem = r.problem();
            if (decoded.cutMidCharacter() && i == records.size() - 1) {
                problem = new RecordRefused(ReasonCode.TRUNCATED, "the file ends in the middle of a UTF-8 character:"
                        + " it was cut off");
            }
            if (problem == null) {
                try {
                    messages.addAll(mapper.map(r.fields()));
                    continue;
                } catch (RecordRefused e) {
                    problem = e;
                }
            }
            rejected.add(new RejectedRecord(r.where(), problem.reason(), problem.getMessage(),
                    r.text().getBytes(StandardCharsets.UTF_8)));
        }
        return new Batch(messages, rejected);
    }

    private static String format(String declared, String text) {
        if (declared != null && !declared.isBlank()) {
            return switch (declared.strip().toLowerCase(Locale.ROOT)) {
                case "json", "jsonl", "ndjson", "json-lines" -> "json";
                case "csv" -> "csv";
                default -> throw new SourceMessageRejected(ReasonCode.SCHEMA_INVALID, "format "
                        + Values.quote(declared) + " is not taken: json, jsonl or csv");
            };
        }
        String start = text.stripLeading();
        if (start.startsWith("{")) {
            return "json";
        }
        if (start.startsWith("[")) {
            throw new SourceMessageRejected(ReasonCode.SCHEMA_INVALID, "a JSON array is not taken: send one event, or"
                    + " JSON lines (one event per line)");
        }
        return "csv";
    }
}
