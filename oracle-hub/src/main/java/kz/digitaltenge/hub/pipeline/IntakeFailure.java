package kz.digitaltenge.hub.pipeline;

import kz.digitaltenge.canonical.ReasonCode;

/** A message the intake cannot turn into a fact, with the reason code it is quarantined under. */
public final class IntakeFailure extends RuntimeException {
    private final ReasonCode code;

    public IntakeFailure(ReasonCode code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public String reason() {
        return code.name();
    }
}
