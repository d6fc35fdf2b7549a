package kz.digitaltenge.hub.quarantine;

import java.time.Instant;

/** One line of the append-only audit log: who did what to which target, when. */
public record AuditEntry(long id, Instant at, String actor, String action, String targetType, String targetId,
                         String detail) {
}
