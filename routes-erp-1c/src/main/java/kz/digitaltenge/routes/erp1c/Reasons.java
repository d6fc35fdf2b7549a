package kz.digitaltenge.routes.erp1c;

/** The {@code SourceMessageRejected} reason codes this module gives (ledger-core defines their meaning). */
final class Reasons {
    static final String MALFORMED = "MALFORMED";
    static final String SCHEMA_INVALID = "SCHEMA_INVALID";
    static final String TOO_LARGE = "TOO_LARGE";
    static final String BAD_ENCODING = "BAD_ENCODING";
    static final String TRUNCATED = "TRUNCATED";
    static final String BUSINESS_RULE = "BUSINESS_RULE";

    private Reasons() {
    }
}
