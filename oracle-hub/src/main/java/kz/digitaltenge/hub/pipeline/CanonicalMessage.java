package kz.digitaltenge.hub.pipeline;

import java.util.Map;

/**
 * What a route module hands to the hub's intake: the source system's own message id (for deduplication), the
 * fact it asserts (type, subject, terms as strings) and, optionally, when it happened in the source system.
 */
public record CanonicalMessage(String sourceMessageId, String type, String subject, Map<String, String> terms,
                               String occurredAt) {
}
