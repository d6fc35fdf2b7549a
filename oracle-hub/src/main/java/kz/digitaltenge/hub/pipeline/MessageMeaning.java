package kz.digitaltenge.hub.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import kz.digitaltenge.hub.quarantine.QuarantinedMessage;
import kz.digitaltenge.canonical.CanonicalMessage;

/**
 * What a source message says, independent of its format: the source's id of it, the fact type, the subject and the
 * terms (parties, accounts, amounts, dates). The back office may correct the format of a quarantined message, never
 * what it says: an edit whose meaning differs from the original's is refused, and so is an edit of an original whose
 * meaning cannot be read at all (the hub could not tell what changed; the source must send the correction).
 */
final class MessageMeaning {
    record Meaning(String sourceMessageId, String type, String subject, Map<String, String> terms) {
    }

    private final SourceSystems sources;

    MessageMeaning(SourceSystems sources) {
        this.sources = sources;
    }

    Optional<Meaning> of(String source, byte[] body, String contentType, Map<String, String> headers) {
        SourceSystems.Declared declared = sources.find(source).orElse(null);
        if (declared != null && Translation.applies(declared.system(), contentType, body)) {
            try {
                List<CanonicalMessage> messages = Translation.translate(declared.system(), body, headers);
                if (messages.size() != 1) {
                    return Optional.empty(); // a batch is judged as a whole only when it says one thing
                }
                CanonicalMessage m = messages.get(0);
                return Optional.of(new Meaning(m.sourceMessageId(), m.type(), m.subject(),
                        new TreeMap<>(m.terms() == null ? Map.of() : m.terms())));
            } catch (RuntimeException e) {
                return Optional.empty();
            }
        }
        JsonNode tree = kz.digitaltenge.hub.web.MistypedJson.object(body);
        if (tree == null) {
            return Optional.empty();
        }
        Map<String, String> terms = new TreeMap<>();
        JsonNode t = tree.get("terms");
        if (t != null && t.isObject()) {
            t.fields().forEachRemaining(f -> terms.put(f.getKey(), f.getValue().isValueNode() ? f.getValue().asText() : f.getValue().toString()));
        }
        return Optional.of(new Meaning(text(tree, "sourceMessageId"), text(tree, "type"), text(tree, "subject"), terms));
    }

    /** Why the edit may not be retried; null when it keeps what the original says. */
    String editRefusal(QuarantinedMessage original, byte[] edited, String editedContentType) {
        Optional<Meaning> before = of(original.sourceSystem(), original.body(), original.contentType(), original.headers());
        if (before.isEmpty()) {
            return "the original message cannot be read, so the hub cannot tell whether an edit keeps its parties, accounts"
                    + " and amounts; such a correction must come from source system " + original.sourceSystem() + " itself";
        }
        Optional<Meaning> after = of(original.sourceSystem(), edited, editedContentType, original.headers());
        if (after.isEmpty()) {
            return null; // it says nothing the pipeline could act on: the retry fails as MALFORMED and is recorded
        }
        List<String> changed = new ArrayList<>();
        Meaning a = before.get();
        Meaning b = after.get();
        compare(changed, "sourceMessageId", a.sourceMessageId(), b.sourceMessageId());
        compare(changed, "type", a.type(), b.type());
        compare(changed, "subject", a.subject(), b.subject());
        TreeSet<String> keys = new TreeSet<>(a.terms().keySet());
        keys.addAll(b.terms().keySet());
        for (String k : keys) {
            compare(changed, "terms." + k, a.terms().get(k), b.terms().get(k));
        }
        if (changed.isEmpty()) {
            return null;
        }
        return "the back office corrects the format of a message, never what it says: this edit changes "
                + String.join(", ", changed) + "; such a correction must come from source system " + original.sourceSystem()
                + " itself";
    }

    private static void compare(List<String> changed, String name, String before, String after) {
        if (!Objects.equals(before, after)) {
            changed.add(name);
        }
    }

    private static String text(JsonNode tree, String field) {
        JsonNode n = tree.get(field);
        return n == null || n.isNull() ? null : n.asText();
    }
}
