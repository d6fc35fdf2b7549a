package kz.digitaltenge.routes.erp1c;

import kz.digitaltenge.canonical.ReasonCode;

/**
 * Why one document cannot become a payment order, and on which line. Thrown while mapping a document; the reader
 * turns it into a {@link FailedDocument} and goes on with the next document, the JSON form into a
 * {@code SourceMessageRejected}.
 */
final class DocumentProblem extends RuntimeException {
    private final ReasonCode reason;
    private final int line;

    DocumentProblem(ReasonCode reason, int line, String message) {
        super(message, null, false, false);
        this.reason = reason;
        this.line = line;
    }

    /** A problem with one field, located by it: "line 42 (ПлательщикИИК): ...". */
    static DocumentProblem at(ReasonCode reason, DocumentField field, String what) {
        return new DocumentProblem(reason, field.line(), field.location() + ": " + what);
    }

    ReasonCode reason() {
        return reason;
    }

    int line() {
        return line;
    }
}
