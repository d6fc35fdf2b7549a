package kz.digitaltenge.hub.web;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * JSON as a person may have mistyped it (trailing commas, single quotes, unquoted names, comments), read only to learn
 * what a quarantined message says when judging an edit of it; everything the hub acts on is read by {@link StrictJson}.
 */
public final class MistypedJson {
    private static final JsonMapper FORGIVING = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_TRAILING_COMMA, JsonReadFeature.ALLOW_SINGLE_QUOTES,
                    JsonReadFeature.ALLOW_UNQUOTED_FIELD_NAMES, JsonReadFeature.ALLOW_JAVA_COMMENTS)
            .build();

    private MistypedJson() {
    }

    /** The JSON object, or null when the bytes are not one even read this forgivingly. */
    public static JsonNode object(byte[] bytes) {
        try {
            JsonNode tree = FORGIVING.readTree(bytes);
            return tree != null && tree.isObject() ? tree : null;
        } catch (java.io.IOException e) {
            return null;
        }
    }
}
