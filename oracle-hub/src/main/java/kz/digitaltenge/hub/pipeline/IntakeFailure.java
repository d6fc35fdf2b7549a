package kz.digitaltenge.hub.pipeline;

/** A message the intake cannot turn into a fact, with the reason code it is quarantined under. */
public final class IntakeFailure extends RuntimeException {
    private final String reason;

    public IntakeFailure(String reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }
}
