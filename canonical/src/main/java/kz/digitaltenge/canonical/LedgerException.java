package kz.digitaltenge.canonical;

import java.util.Objects;

/** A refusal with a stable {@link ReasonCode}. Nothing changed in the ledger when this is thrown. */
public class LedgerException extends RuntimeException {
    private final ReasonCode reason;

    public LedgerException(ReasonCode reason, String message) {
        super(message);
        this.reason = Objects.requireNonNull(reason);
    }

    public LedgerException(ReasonCode reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason);
    }

    public ReasonCode reason() {
        return reason;
    }
}
