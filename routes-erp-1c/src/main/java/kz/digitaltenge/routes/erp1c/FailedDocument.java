package kz.digitaltenge.routes.erp1c;

/**
 * A document of an otherwise readable file that cannot become a payment order. The other documents of the file are
 * not affected; the back office sees what is wrong, where, and the document exactly as it came.
 *
 * @param reason    a {@code SourceMessageRejected} reason code: MALFORMED, SCHEMA_INVALID, TRUNCATED or BUSINESS_RULE
 * @param message   what is wrong and on which line
 * @param kind      the value of {@code СекцияДокумент} ("Платежное поручение", "Выписка", ...)
 * @param startLine the line of {@code СекцияДокумент}
 * @param endLine   the line of {@code КонецДокумента}, or the document's last line when it has none
 * @param line      the line of the offending field; {@code startLine} when the problem is a missing field
 * @param rawText   the document's lines as decoded, joined with {@code \n}
 */
public record FailedDocument(
        String reason, String message, String kind, int startLine, int endLine, int line, String rawText) {
}
