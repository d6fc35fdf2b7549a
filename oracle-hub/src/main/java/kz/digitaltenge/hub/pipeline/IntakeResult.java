package kz.digitaltenge.hub.pipeline;

/** The intake's answer: the fact made (or made before, for a redelivery), or where the message was quarantined. */
public record IntakeResult(Status status, String factId, Long quarantineId, String reason, String message) {
    public enum Status { ACCEPTED, DUPLICATE, QUARANTINED }

    static IntakeResult accepted(String factId, boolean duplicate) {
        return new IntakeResult(duplicate ? Status.DUPLICATE : Status.ACCEPTED, factId, null, null, null);
    }

    static IntakeResult quarantined(Long id, String reason, String message) {
        return new IntakeResult(Status.QUARANTINED, null, id, reason, message);
    }
}
