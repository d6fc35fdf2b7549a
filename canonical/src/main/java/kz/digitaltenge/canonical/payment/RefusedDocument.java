package kz.digitaltenge.canonical.payment;

/**
 * A document of an otherwise readable file that cannot become a {@link PaymentInstruction}. The file's other documents
 * go on; the back office sees what is wrong, where, and the document exactly as it came.
 *
 * @param reason    a reason code's name (MALFORMED, SCHEMA_INVALID, TRUNCATED, BUSINESS_RULE)
 * @param message   what is wrong and on which line
 * @param number    the document's number as written, or null when it has none
 * @param date      the document's date as written, or null
 * @param line      the line of the offending field; {@code startLine} when a field is missing
 * @param rawText   the document's lines as decoded, joined with {@code \n}
 */
public record RefusedDocument(String reason, String message, String number, String date, int startLine, int endLine,
                              int line, String rawText) {
}
