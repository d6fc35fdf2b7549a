package kz.digitaltenge.routes.livestock;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import kz.digitaltenge.canonical.ReasonCode;

/**
 * The JSON side of the format: one event (on one line or pretty-printed over many), or JSON lines (one event per line;
 * events run together on one line, as {@code curl -d} sends a file with its line breaks removed, are read one by one).
 * Jackson reads strictly: duplicate members, comments, NaN and trailing commas are refused; nesting is at most 8
 * levels and a string at most 4,096 characters.
 */
final class JsonEvents {
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(8).maxStringLength(4096)
                    .maxNumberLength(24).maxNameLength(128).build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
    private static final ObjectMapper JSON = new ObjectMapper(FACTORY);

    private JsonEvents() {
    }

    /** The records of a JSON text (BOM already removed). */
    static List<SourceRecord> records(String text, int maxRecords, int maxRecordChars) {
        String[] lines = text.split("\n", -1);
        int first = -1;
        int others = 0;
        for (int i = 0; i < lines.length; i++) {
            if (!lines[i].isBlank()) {
                if (first < 0) {
                    first = i;
                } else {
                    others++;
                }
            }
        }
        if (first >= 0 && others > 0 && !startsComplete(lines[first])
                && (isOneValue(text) || !anyOtherLineComplete(lines, first))) {
            // one event over many lines (pretty-printed), or one that is broken
            if (text.length() > maxRecordChars) {
                return List.of(SourceRecord.broken("line " + (first + 1), cut(text, maxRecordChars),
                        tooLong(text.length(), maxRecordChars)));
            }
            return values(text.strip(), "line " + (first + 1));
        }
        List<SourceRecord> records = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            String line = stripCr(lines[i]);
            if (line.isBlank()) {
                continue;
            }
            String where = "line " + (i + 1);
            if (line.length() > maxRecordChars) {
                records.add(SourceRecord.broken(where, cut(line, maxRecordChars), tooLong(line.length(), maxRecordChars)));
            } else {
                records.addAll(values(line, where));
            }
            if (records.size() > maxRecords) {
                throw new kz.digitaltenge.canonical.SourceMessageRejected(ReasonCode.TOO_LARGE, "the file holds more"
                        + " than " + maxRecords + " events: split it");
            }
        }
        return records;
    }

    /** Whether a line holds at least one complete JSON value at its start (a JSON lines record, not a fragment). */
    private static boolean startsComplete(String line) {
        try (JsonParser p = JSON.createParser(line)) {
            p.readValueAsTree();
            return true;
        } catch (JsonEOFException e) {
            return false;
        } catch (IOException e) {
            // broken, but not unfinished: a bad line of JSON lines
            return !String.valueOf(e.getMessage()).contains("end-of-input");
        }
    }

    /** Whether the whole text is exactly one JSON value. */
    private static boolean isOneValue(String text) {
        try (JsonParser p = JSON.createParser(text)) {
            return p.readValueAsTree() != null && p.nextToken() == null;
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean anyOtherLineComplete(String[] lines, int first) {
        for (int i = first + 1; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.startsWith("{") && line.endsWith("}")) {
                try (JsonParser p = JSON.createParser(line)) {
                    if (p.readValueAsTree() != null) {
                        return true;
                    }
                } catch (IOException e) {
                    // a fragment of a pretty-printed object
                }
            }
        }
        return false;
    }

    /** The JSON values of one line (one normally; several when they run together), each its own record. */
    private static List<SourceRecord> values(String line, String where) {
        List<SourceRecord> out = new ArrayList<>();
        try (JsonParser p = JSON.createParser(line)) {
            int n = 0;
            while (true) {
                int start = (int) p.currentLocation().getCharOffset();
                int index = n + 1; // the value being read
                String label = index == 1 ? where : where + ", object " + index;
                try {
                    if (p.nextToken() == null) {
                        break;
                    }
                    start = (int) p.currentTokenLocation().getCharOffset();
                    n = index;
                    JsonNode node = p.readValueAsTree();
                    int end = (int) p.currentLocation().getCharOffset();
                    String original = line.substring(Math.max(0, start), Math.min(line.length(), Math.max(start, end)));
                    if (node == null || node.getNodeType() != JsonNodeType.OBJECT) {
                        out.add(SourceRecord.broken(label, original, new RecordRefused(ReasonCode.SCHEMA_INVALID,
                                "not a JSON object (an event is {\"kind\": ...})")));
                    } else {
                        out.add(SourceRecord.read(label, original, new JsonFields(node)));
                    }
                } catch (JsonProcessingException e) {
                    String rest = line.substring(Math.max(0, Math.min(start, line.length())));
                    out.add(SourceRecord.broken(label, rest, problem(e)));
                    break;
                }
            }
        } catch (IOException e) {
            out.add(SourceRecord.broken(where, line, new RecordRefused(ReasonCode.MALFORMED, "not JSON: "
                    + Values.safe(e.getMessage()))));
        }
        return out;
    }

    private static RecordRefused problem(JsonProcessingException e) {
        String at = e.getLocation() == null ? "" : " at column " + e.getLocation().getColumnNr();
        if (e instanceof JsonEOFException || String.valueOf(e.getOriginalMessage()).contains("end-of-input")) {
            return new RecordRefused(ReasonCode.TRUNCATED, "the JSON object ends" + at + " before it is complete");
        }
        if (e instanceof StreamConstraintsException) {
            return new RecordRefused(ReasonCode.TOO_LARGE, "over a limit of the format: " + Values.safe(e.getOriginalMessage()));
        }
        return new RecordRefused(ReasonCode.MALFORMED, "not valid JSON" + at + ": " + Values.safe(e.getOriginalMessage()));
    }

    private static RecordRefused tooLong(int length, int max) {
        return new RecordRefused(ReasonCode.TOO_LARGE, "the record has " + length + " characters, more than " + max);
    }

    static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }

    private static String stripCr(String line) {
        return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    }

    /** A JSON object's members as the mapper reads them. */
    private static final class JsonFields implements RecordFields {
        private final JsonNode node;

        JsonFields(JsonNode node) {
            this.node = node;
        }

        @Override
        public Set<String> present() {
            Set<String> names = new LinkedHashSet<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!absent(e.getValue())) {
                    names.add(e.getKey());
                }
            }
            return names;
        }

        @Override
        public String text(String name) {
            JsonNode v = node.get(name);
            if (absent(v)) {
                return null;
            }
            if (!v.isTextual()) {
                throw new RecordRefused(ReasonCode.SCHEMA_INVALID, "field '" + name + "' must be a JSON string, not "
                        + kind(v) + (EventFields.SPECIES.equals(name) ? " (species are \"1\" to \"5\")" : ""));
            }
            return v.textValue();
        }

        @Override
        public Boolean flag(String name) {
            JsonNode v = node.get(name);
            if (absent(v)) {
                return null;
            }
            if (!v.isBoolean()) {
                throw new RecordRefused(ReasonCode.SCHEMA_INVALID, "field '" + name + "' must be true or false, not "
                        + kind(v));
            }
            return v.booleanValue();
        }

        @Override
        public List<AgreementLine> agreement() {
            JsonNode v = node.get(EventFields.AGREEMENT);
            if (absent(v)) {
                return null;
            }
            if (!v.isArray()) {
                throw new RecordRefused(ReasonCode.SCHEMA_INVALID, "field 'agreement' must be an array of"
                        + " {\"species\", \"heads\", \"pricePerHead\"}, not " + kind(v));
            }
            List<AgreementLine> lines = new ArrayList<>();
            for (int i = 0; i < v.size(); i++) {
                JsonNode line = v.get(i);
                String where = "field 'agreement' line " + (i + 1);
                if (!line.isObject()) {
                    throw new RecordRefused(ReasonCode.SCHEMA_INVALID, where + " is not an object");
                }
                for (Iterator<String> names = line.fieldNames(); names.hasNext(); ) {
                    String n = names.next();
                    if (!Set.of(EventFields.SPECIES, EventFields.HEADS, EventFields.PRICE_PER_HEAD).contains(n)) {
                        throw new RecordRefused(ReasonCode.SCHEMA_INVALID, where + " has field '" + Values.safe(n)
                                + "', not one of species, heads, pricePerHead");
                    }
                }
                JsonNode species = line.get(EventFields.SPECIES);
                JsonNode heads = line.get(EventFields.HEADS);
                JsonNode price = line.get(EventFields.PRICE_PER_HEAD);
                if (!absent(species) && !species.isTextual()) {
                    throw new RecordRefused(ReasonCode.SCHEMA_INVALID, where + " 'species' must be a JSON string \"1\""
                            + " to \"5\", not " + kind(species));
                }
                if (!absent(heads) && !heads.isIntegralNumber()) {
                    throw new RecordRefused(ReasonCode.SCHEMA_INVALID, where + " 'heads' must be a whole JSON number,"
                            + " not " + kind(heads));
                }
                if (!absent(price) && !price.isTextual()) {
                    throw new RecordRefused(ReasonCode.SCHEMA_INVALID, where + " 'pricePerHead' must be a JSON string"
                            + " like \"450000.00\" (amounts are never JSON numbers), not " + kind(price));
                }
                lines.add(new AgreementLine(absent(species) ? null : species.textValue(),
                        absent(heads) ? null : heads.bigIntegerValue().toString(),
                        absent(price) ? null : price.textValue()));
            }
            return lines;
        }

        private static boolean absent(JsonNode v) {
            return v == null || v.isNull() || (v.isTextual() && v.textValue().isEmpty());
        }

        private static String kind(JsonNode v) {
            return switch (v.getNodeType()) {
                case NUMBER -> "a number";
                case BOOLEAN -> "a boolean";
                case ARRAY -> "an array";
                case OBJECT -> "an object";
                case STRING -> "a string";
                default -> v.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
            };
        }
    }
}
