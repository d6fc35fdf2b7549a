package kz.digitaltenge.canonical;

/**
 * A route module's verdict that a source system's message cannot become a canonical message. The hub quarantines
 * the original bytes under {@link #reason()} (a stable code such as {@code MALFORMED}, {@code SCHEMA_INVALID},
 * {@code UNSAFE_XML}, {@code TOO_LARGE}, {@code BAD_ENCODING}, {@code TRUNCATED}, {@code BUSINESS_RULE}) with the
 * message, which must say what is wrong and where, in words the back office can act on.
 */
public class SourceMessageRejected extends RuntimeException {
    private final String reason;

    public SourceMessageRejected(String reason, String message) {
        super(message);
        this.reason = reason;
    }

    public SourceMessageRejected(String reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }
}
