package kz.digitaltenge.hub.routefiles;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import kz.digitaltenge.canonical.CanonicalMessage;
import kz.digitaltenge.canonical.SourceMessageRejected;
import kz.digitaltenge.canonical.source.SourceSystem;
import kz.digitaltenge.canonical.source.SourceTranslator;
import kz.digitaltenge.hub.web.StrictJson;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;

/**
 * A source declared in a route file: its translator sends the original bytes and headers to the file's route
 * ({@code direct:translate-<id>}) and reads what the mapping made — a canonical message, an array of them (a batch),
 * or {@code {"rejected": {"reason": ..., "message": ...}}} when the mapping itself refuses the input — strictly, as
 * every canonical message is read. Everything after that is the hub's pipeline, as for any source.
 */
final class RouteFileTranslation implements SourceSystem {
    private static final ObjectMapper JSON = StrictJson.mapper();
    private final RouteFileSource declared;
    private final String file;
    private final ProducerTemplate producer;

    RouteFileTranslation(RouteFileSource declared, String file, ProducerTemplate producer) {
        this.declared = declared;
        this.file = file;
        this.producer = producer;
    }

    static String endpoint(String id) {
        return "direct:translate-" + id;
    }

    String file() {
        return file;
    }

    @Override
    public String id() {
        return declared.getId();
    }

    @Override
    public String role() {
        return declared.getRole();
    }

    @Override
    public Set<String> factTypes() {
        return declared.factTypeNames();
    }

    @Override
    public Set<String> headers() {
        return declared.headerNames();
    }

    @Override
    public kz.digitaltenge.canonical.source.Transports transports() {
        String dir = declared.getDirectory();
        return new kz.digitaltenge.canonical.source.Transports(null, dir == null || dir.isBlank() ? null : dir, null);
    }

    @Override
    public SourceTranslator translator() {
        return this::translate;
    }

    private List<CanonicalMessage> translate(byte[] body, Map<String, String> headers) {
        Exchange done = producer.send(endpoint(id()), x -> {
            x.getMessage().setHeaders(new java.util.LinkedHashMap<>(headers));
            x.getMessage().setBody(new String(body, java.nio.charset.StandardCharsets.UTF_8));
        });
        if (done.getException() != null) {
            throw new SourceMessageRejected(kz.digitaltenge.canonical.ReasonCode.MALFORMED, "the mapping of source " + id() + " (" + file + ") could not translate"
                    + " this message: " + RouteFiles.innermost(done.getException(), 300));
        }
        String out = done.getMessage().getBody(String.class);
        JsonNode tree;
        try {
            tree = JSON.readTree(out == null ? "" : out);
        } catch (java.io.IOException e) {
            throw new SourceMessageRejected(kz.digitaltenge.canonical.ReasonCode.MALFORMED, "the mapping of source " + id() + " (" + file + ") made no JSON");
        }
        if (tree != null && tree.isObject() && tree.has("rejected")) {
            JsonNode r = tree.get("rejected");
            String code = r.path("reason").asText("SCHEMA_INVALID");
            kz.digitaltenge.canonical.ReasonCode reason = java.util.Arrays.stream(kz.digitaltenge.canonical.ReasonCode.values())
                    .filter(c -> c.name().equals(code)).findFirst().orElse(kz.digitaltenge.canonical.ReasonCode.SCHEMA_INVALID);
            throw new SourceMessageRejected(reason, r.path("message").asText("refused by the mapping"));
        }
        List<CanonicalMessage> messages = new ArrayList<>();
        for (JsonNode item : tree != null && tree.isArray() ? tree : List.of(tree)) {
            try {
                messages.add(JSON.treeToValue(item, CanonicalMessage.class));
            } catch (java.io.IOException | IllegalArgumentException e) {
                throw new SourceMessageRejected(kz.digitaltenge.canonical.ReasonCode.MALFORMED, "the mapping of source " + id() + " (" + file
                        + ") made something that is not a canonical message {sourceMessageId, type, subject, terms, occurredAt}");
            }
        }
        return messages;
    }
}
