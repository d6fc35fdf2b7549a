package kz.digitaltenge.routes.einvoice;

import kz.digitaltenge.canonical.SourceMessageRejected;

/** The reason codes the hub quarantines a source message under (see {@link SourceMessageRejected}). */
enum Rejection {
    /** Not well-formed XML (or not XML at all). */
    MALFORMED,
    /** Well-formed, but not an invoice container as the IS schemas define it, or a header is unusable. */
    SCHEMA_INVALID,
    /** Uses XML features that are refused outright: a DOCTYPE (entities, external references), absurd nesting. */
    UNSAFE_XML,
    /** Larger than the configured limit; refused before parsing. */
    TOO_LARGE,
    /** The bytes are not in the encoding the document declares. */
    BAD_ENCODING,
    /** Ends before the document is complete. */
    TRUNCATED,
    /** A valid document whose content breaks an invoice rule (arithmetic, signs, type rules) or the hub's contract. */
    BUSINESS_RULE;

    SourceMessageRejected because(String message) {
        return new SourceMessageRejected(name(), message);
    }

    SourceMessageRejected because(String message, Throwable cause) {
        return new SourceMessageRejected(name(), message, cause);
    }
}
