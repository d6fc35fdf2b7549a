package kz.digitaltenge.routes.subsidy;

import kz.digitaltenge.canonical.ReasonCode;

/**
 * Why one record (a register row, an event of a batch) cannot become a message: a reason code and a message naming the
 * field. Inside the module only: it becomes a {@code RejectedRecord}, or a {@code SourceMessageRejected} for a document
 * that is one record.
 */
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
