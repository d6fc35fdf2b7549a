package kz.digitaltenge.canonical;

/**
 * A route module's verdict that a source system's message cannot become a canonical message. The hub quarantines
 * the original bytes under {@link #code()} with the message, which must say what is wrong and where, in words the back
 * office can act on (what each code means and what to do is the code's own documentation).
 */
public class SourceMessageRejected extends RuntimeException {
    private final ReasonCode code;

    public SourceMessageRejected(ReasonCode code, String message) {
        super(message);
        this.code = java.util.Objects.requireNonNull(code, "code");
    }

    public SourceMessageRejected(ReasonCode code, String message, Throwable cause) {
        super(message, cause);
        this.code = java.util.Objects.requireNonNull(code, "code");
    }

    public ReasonCode code() {
        return code;
    }

    /** The code's name, as the quarantine and the API answers carry it. */
    public String reason() {
        return code.name();
    }
}
