package kz.digitaltenge.hub.pipeline;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * The intake's answer: the fact made (or made before, for a redelivery), or where the message was quarantined; for a
 * batch (a source input the translator made several messages of), each message's own answer in {@code items}, and
 * QUARANTINED when any of them was. {@code supersedes} names the subject's fact the new one follows (absent for a
 * subject's first fact); {@code labels} name a batch record as its translator did (its number, the source's id).
 */
public record IntakeResult(Status status, String factId, Long quarantineId, String reason, String message,
                           @JsonInclude(JsonInclude.Include.NON_NULL) List<IntakeResult> items,
                           @JsonInclude(JsonInclude.Include.NON_NULL) String supersedes,
                           @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, String> labels) {
    public enum Status { ACCEPTED, DUPLICATE, QUARANTINED }

    public IntakeResult {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }

    static IntakeResult accepted(String factId, boolean duplicate) {
        return new IntakeResult(duplicate ? Status.DUPLICATE : Status.ACCEPTED, factId, null, null, null, null, null, null);
    }

    /** The answer for a message that went through: a new fact, or the one made before (or that it restates). */
    static IntakeResult of(IntakeState s) {
        return new IntakeResult(s.duplicate ? Status.DUPLICATE : Status.ACCEPTED, s.factId, null, null, null, null,
                s.duplicate ? null : s.supersedes, s.labels);
    }

    static IntakeResult quarantined(Long id, String reason, String message) {
        return quarantined(id, reason, message, Map.of());
    }

    static IntakeResult quarantined(Long id, String reason, String message, Map<String, String> labels) {
        return new IntakeResult(Status.QUARANTINED, null, id, reason, message, null, null, labels);
    }

    static IntakeResult batch(List<IntakeResult> items) {
        boolean quarantined = items.stream().anyMatch(r -> r.status() == Status.QUARANTINED);
        return new IntakeResult(quarantined ? Status.QUARANTINED : Status.ACCEPTED, null, null, null, null, List.copyOf(items),
                null, null);
    }
}
