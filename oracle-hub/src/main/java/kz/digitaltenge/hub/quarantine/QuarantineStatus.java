package kz.digitaltenge.hub.quarantine;

/**
 * Where a quarantined message stands. Only {@link #QUARANTINED} entries can be acted on; the other three are
 * final (docs/quarantine.md, "Statuses and transitions").
 */
public enum QuarantineStatus {
    /** Stored, waiting for an operator (or a failed retry put it back here with the new reason). */
    QUARANTINED,
    /** Edited and retried: a new entry ({@code retriedAs}) carries the edited copy; this one is kept unchanged. */
    RETRIED,
    /** Replayed successfully; {@code producedRef} names what the replay produced, when it said. */
    RESOLVED,
    /** Rejected by an operator with a written reason ({@code resolutionNote}). */
    REJECTED
}
