package kz.digitaltenge.canonical;

import java.util.Map;

/**
 * What a route module hands to the hub's intake: the source system's own message id (for deduplication), the
 * fact it asserts (type, subject, terms as strings) and, optionally, when it happened in the source system
 * (an ISO-8601 instant). The hub validates, signs and stores it; a route module never signs.
 */
public record CanonicalMessage(String sourceMessageId, String type, String subject, Map<String, String> terms,
                               String occurredAt) {
}
