package kz.digitaltenge.hub.quarantine;

import java.time.Instant;

/** What {@link Quarantine#audit} selects; null = any. {@code from} inclusive, {@code to} exclusive, on {@code at}. */
public record AuditFilter(String targetType, String targetId, String actor, Instant from, Instant to) {
}
