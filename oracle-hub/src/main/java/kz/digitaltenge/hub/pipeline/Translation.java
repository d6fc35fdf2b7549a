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

    /** A source with a translator takes its own format, JSON too, unless it also takes canonical JSON and got JSON. */
    static boolean applies(SourceSystem source, String contentType) {
        return source.translator() != SourceTranslator.CANONICAL && !(source.takesCanonicalJson() && isJson(contentType));
    }

    /** The canonical messages, or the source's refusal ({@link SourceMessageRejected}). */
    static List<CanonicalMessage> translate(SourceSystem source, byte[] body, Map<String, String> headers) {
        List<CanonicalMessage> messages = source.translator().translate(body, Map.copyOf(headers));
        if (messages == null || messages.isEmpty()) {
            throw new SourceMessageRejected(kz.digitaltenge.canonical.ReasonCode.SCHEMA_INVALID, "the " + source.id() + " message holds nothing the hub takes");
        }
        return messages;
    }

    private static boolean isJson(String contentType) {
        return contentType != null && contentType.toLowerCase(Locale.ROOT).contains("json");
    }
}
