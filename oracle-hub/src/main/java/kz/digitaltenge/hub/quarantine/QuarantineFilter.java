package kz.digitaltenge.hub.quarantine;

import java.time.Instant;

/** What {@link Quarantine#list} selects; every field is optional (null = any). {@code from} inclusive, {@code to} exclusive, on {@code receivedAt}. */
public record QuarantineFilter(QuarantineStatus status, String reasonCode, String sourceSystem, String routeId,
                               Instant from, Instant to) {
    public static QuarantineFilter any() {
        return new QuarantineFilter(null, null, null, null, null, null);
    }
}
