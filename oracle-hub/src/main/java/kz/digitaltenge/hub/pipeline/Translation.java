package kz.digitaltenge.hub.pipeline;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import kz.digitaltenge.canonical.CanonicalMessage;
import kz.digitaltenge.canonical.SourceMessageRejected;
import kz.digitaltenge.canonical.source.SourceSystem;
import kz.digitaltenge.canonical.source.SourceTranslator;

/**
 * A source's own format to canonical messages, through the translator its declaration names (the original bytes,
 * with the headers as the source sent them). A source without one sends canonical messages; one that declares
 * {@code takesCanonicalJson} also takes a canonical message sent as JSON.
 */
final class Translation {
    private Translation() {
    }

    /** The step id a translation failure is recorded under. */
    static String routeId(String source) {
        return "translate-" + source;
    }

    /**
     * A source with a translator takes its own format, JSON too, unless it also takes canonical JSON and got one (JSON
     * that is not an event of its own JSON format, which names its {@code kind}: subsidy and livestock events): those
     * are still translated.
     */
    static boolean applies(SourceSystem source, String contentType, byte[] body) {
        return source.translator() != SourceTranslator.CANONICAL
                && !(source.takesCanonicalJson() && isJson(contentType) && canonical(body));
    }

    /** Anything but an event of the source's own JSON format (which names its {@code kind}, not a fact {@code type}). */
    private static boolean canonical(byte[] body) {
        com.fasterxml.jackson.databind.JsonNode tree = kz.digitaltenge.hub.web.MistypedJson.object(body);
        return tree == null || !tree.has("kind") || tree.has("type");
    }

    /** The canonical messages, or the source's refusal ({@link SourceMessageRejected}). */
    static List<CanonicalMessage> translate(SourceSystem source, byte[] body, Map<String, String> headers) {
        List<CanonicalMessage> messages = source.translator().translate(body, Map.copyOf(headers));
        // (the content type reaches a translator as the header Content-Type: see withContentType)
        if (messages == null || messages.isEmpty()) {
            throw new SourceMessageRejected(kz.digitaltenge.canonical.ReasonCode.SCHEMA_INVALID, "the " + source.id() + " message holds nothing the hub takes");
        }
        return messages;
    }

    private static boolean isJson(String contentType) {
        return contentType != null && contentType.toLowerCase(Locale.ROOT).contains("json");
    }

    /** The headers a translator reads, with the declared content type as {@code Content-Type} (when there is one). */
    static Map<String, String> withContentType(IntakeState s) {
        Map<String, String> h = new java.util.LinkedHashMap<>(s.headers);
        if (s.contentType != null && !h.containsKey("Content-Type")) {
            h.put("Content-Type", s.contentType);
        }
        return Map.copyOf(h);
    }
}
