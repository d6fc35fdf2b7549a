package kz.digitaltenge.routes.procurement.portal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The portal's JSON as the hub passes it on. Numbers with decimals are read as exact decimals and written back as
 * they came ({@code 1.10} stays {@code 1.10}, {@code 99999999999999.99} is no double): money in the records is the
 * translator's to judge, so it must arrive as the portal wrote it.
 */
final class PortalJson {
    static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private PortalJson() {
    }

    /**
     * @throws PortalUnavailable naming the request and where the JSON broke, never its text
     */
    static JsonNode read(byte[] body, String request) {
        JsonNode node;
        try {
            node = MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr();
            throw new PortalUnavailable("the portal answered " + request + " with malformed JSON" + where + ": "
                    + e.getOriginalMessage(), 200, null);
        } catch (IOException e) {
            throw new PortalUnavailable("the portal's answer to " + request + " could not be read: " + e.getMessage());
        }
        if (node == null || node.isMissingNode()) {
            throw new PortalUnavailable("the portal answered " + request + " with an empty body, not JSON", 200, null);
        }
        return node;
    }

    /** A record's message: its UTF-8 JSON bytes. */
    static byte[] bytes(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A scalar as text ({@code 57113}, {@code "1-4909"}), or null when absent, null or not a scalar. */
    static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        if (value == null || value.isNull() || !value.isValueNode()) {
            return null;
        }
        String text = value.asText();
        return text.isBlank() ? null : text.strip();
    }
}
