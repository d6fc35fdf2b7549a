package kz.digitaltenge.hub.pipeline;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The intake's answer: the fact made (or made before, for a redelivery), or where the message was quarantined; for a
 * batch (a source input the translator made several messages of), each message's own answer in {@code items}, and
 * QUARANTINED when any of them was.
 */
public record IntakeResult(Status status, String factId, Long quarantineId, String reason, String message,
                           @JsonInclude(JsonInclude.Include.NON_NULL) List<IntakeResult> items) {
    public enum Status { ACCEPTED, DUPLICATE, QUARANTINED }

    static IntakeResult accepted(String factId, boolean duplicate) {
        return new IntakeResult(duplicate ? Status.DUPLICATE : Status.ACCEPTED, factId, null, null, null, null);
    }

    static IntakeResult quarantined(Long id, String reason, String message) {
        return new IntakeResult(Status.QUARANTINED, null, id, reason, message, null);
    }

    static IntakeResult batch(List<IntakeResult> items) {
        boolean quarantined = items.stream().anyMatch(r -> r.status() == Status.QUARANTINED);
        return new IntakeResult(quarantined ? Status.QUARANTINED : Status.ACCEPTED, null, null, null, null, List.copyOf(items));
    }
}
