package kz.digitaltenge.hub.security;

import java.util.Map;
import java.util.Optional;

/**
 * Who sent a message, as the hub recorded it when the message arrived ({@value #HEADER} header of a pipeline
 * message or a quarantine entry): {@code user:<name>} for an API user, {@code kafka:<topic>} for a Kafka record,
 * {@code directory:<name>} for a file from the operator's watched directory, {@code poll:<source>} for what the hub read
 * from a source's API. The quarantine never lets an edit change
 * a header, so this is the hub's own statement; a retry resolves it to the {@link Caller} it runs as.
 */
public record Sender(Kind kind, String name) {
    public static final String HEADER = "sender";

    public enum Kind { USER, KAFKA, DIRECTORY, POLL }

    public static Sender user(String name) {
        return new Sender(Kind.USER, name);
    }

    public static Sender kafka(String topic) {
        return new Sender(Kind.KAFKA, topic);
    }

    public static Sender directory(String name) {
        return new Sender(Kind.DIRECTORY, name);
    }

    /** The hub itself, reading a source's API on its schedule ({@code poll:<source id>}). */
    public static Sender poll(String source) {
        return new Sender(Kind.POLL, source);
    }

    public String header() {
        return kind.name().toLowerCase(java.util.Locale.ROOT) + ":" + name;
    }

    /**
     * The sender recorded with a message. Entries quarantined before the header existed name their user in
     * {@code caller}, or their topic in {@code kafkaTopic}; anything else has no known sender.
     */
    public static Optional<Sender> of(Map<String, String> headers) {
        if (headers == null) {
            return Optional.empty();
        }
        String h = headers.get(HEADER);
        if (h != null) {
            int colon = h.indexOf(':');
            if (colon > 0) {
                try {
                    return Optional.of(new Sender(Kind.valueOf(h.substring(0, colon).toUpperCase(java.util.Locale.ROOT)),
                            h.substring(colon + 1)));
                } catch (IllegalArgumentException e) {
                    return Optional.empty();
                }
            }
            return Optional.empty();
        }
        if (headers.get("kafkaTopic") != null) {
            return Optional.of(kafka(headers.get("kafkaTopic")));
        }
        String caller = headers.get("caller");
        return caller == null || caller.isBlank() || "anonymous".equals(caller) ? Optional.empty() : Optional.of(user(caller));
    }
}
