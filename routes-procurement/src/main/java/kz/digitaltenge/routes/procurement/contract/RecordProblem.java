package kz.digitaltenge.routes.procurement.contract;

import kz.digitaltenge.canonical.ReasonCode;

/** Why one record of a file cannot become a message: it becomes a rejected record, the file's others go on. */
final class RecordProblem extends RuntimeException {
    private final ReasonCode reason;

    RecordProblem(ReasonCode reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    ReasonCode reason() {
        return reason;
    }
}
