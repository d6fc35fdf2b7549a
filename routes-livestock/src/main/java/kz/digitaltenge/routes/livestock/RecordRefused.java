package kz.digitaltenge.routes.livestock;

import kz.digitaltenge.canonical.ReasonCode;

/** One record of a file cannot become a message: the reason and a message naming the field. Never leaves the module. */
final class RecordRefused extends RuntimeException {
    private final ReasonCode reason;

    RecordRefused(ReasonCode reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    ReasonCode reason() {
        return reason;
    }
}
