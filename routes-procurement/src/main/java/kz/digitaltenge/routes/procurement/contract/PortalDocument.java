package kz.digitaltenge.routes.procurement.contract;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import kz.digitaltenge.canonical.ReasonCode;
import kz.digitaltenge.canonical.SourceMessageRejected;

/**
 * What an import holds, as the portal's API writes it: a list response {@code {total, limit, next_page, items: [...]}},
 * one record (an object without {@code items}), or, leniently, a bare JSON array of records (the treasury list sample
 * has no envelope). Each record comes with its number (from 1) and its own bytes as they came, for the quarantine.
 *
 * <p>The document as a whole is refused when it is not UTF-8 JSON, has a key twice (which of two sums would count?),
 * nests deeper than {@value #MAX_DEPTH}, has a number longer than {@value #MAX_NUMBER_CHARS} characters or a string
 * longer than {@value #MAX_STRING_CHARS}, or has anything after its end: none of that is one bad record among good
 * ones. Numbers with decimals are read as exact decimals, never doubles.
 */
final class PortalDocument {
    static final int MAX_DEPTH = 64;
    static final int MAX_NUMBER_CHARS = 100;
    static final int MAX_STRING_CHARS = 1_000_000;

    /** One record: its number in the document (from 1), its JSON, its bytes as they came. */
    record Item(int number, JsonNode node, byte[] bytes) {
    }

    private static final ObjectMapper JSON = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH)
                            .maxNumberLength(MAX_NUMBER_CHARS).maxStringLength(MAX_STRING_CHARS).build())
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .build())
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();

    private PortalDocument() {
    }

    static List<Item> read(byte[] body) {
        try (JsonParser p = JSON.createParser(body)) {
            JsonToken first = p.nextToken();
            if (first == null) {
                throw refused(ReasonCode.MALFORMED, "the document is empty: expected the portal's JSON (a list response, a"
                        + " record, or an array of records)");
            }
            List<Item> items;
            if (first == JsonToken.START_ARRAY) {
                items = array(p, body);
            } else if (first == JsonToken.START_OBJECT) {
                items = object(p, body);
            } else {
                throw refused(ReasonCode.SCHEMA_INVALID, "the document is a JSON " + first.asString() + ", not the portal's"
                        + " list response, a record or an array of records");
            }
            if (p.nextToken() != null) {
                throw refused(ReasonCode.MALFORMED, "the document goes on after its JSON value ends (line "
                        + p.currentTokenLocation().getLineNr() + ")");
            }
            if (items.isEmpty()) {
                throw refused(ReasonCode.SCHEMA_INVALID, "the document holds no record (an empty list)");
            }
            return items;
        } catch (JsonProcessingException e) {
            throw refused(ReasonCode.MALFORMED, "not valid JSON: " + Values.excerptLong(e.getOriginalMessage())
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ")"));
        } catch (IOException e) {
            throw refused(ReasonCode.MALFORMED, "not valid JSON: " + Values.excerptLong(e.getMessage()));
        }
    }

    /** An envelope's items, or the object itself as the one record. */
    private static List<Item> object(JsonParser p, byte[] body) throws IOException {
        ObjectNode whole = JSON.createObjectNode();
        List<Item> items = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken value = p.nextToken();
            if (name.equals("items") && value == JsonToken.START_ARRAY) {
                items = array(p, body);
            } else {
                JsonNode v = JSON.readTree(p);
                whole.set(name, v == null ? NullNode.getInstance() : v);
            }
        }
        if (items != null) {
            return items;
        }
        if (whole.has("items")) {
            throw refused(ReasonCode.SCHEMA_INVALID, "items of the list response must be a JSON array, not "
                    + whole.get("items").getNodeType().name().toLowerCase(Locale.ROOT));
        }
        return List.of(new Item(1, whole, body.clone()));
    }

    private static List<Item> array(JsonParser p, byte[] body) throws IOException {
        List<Item> items = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            long start = p.currentTokenLocation().getByteOffset();
            JsonNode read = JSON.readTree(p);
            JsonNode node = read == null ? NullNode.getInstance() : read;
            long end = p.currentLocation().getByteOffset();
            byte[] bytes = start >= 0 && end >= start && end <= body.length
                    ? Arrays.copyOfRange(body, (int) start, (int) end) : JSON.writeValueAsBytes(node);
            items.add(new Item(items.size() + 1, node, bytes));
        }
        return items;
    }

    private static SourceMessageRejected refused(ReasonCode code, String message) {
        return new SourceMessageRejected(code, message);
    }
}
