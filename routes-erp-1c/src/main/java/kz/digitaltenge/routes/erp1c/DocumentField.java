package kz.digitaltenge.routes.erp1c;

/**
 * One {@code Key=Value} line of a document as the source wrote it, with its 1-based line number in the file. A
 * payment order that came as JSON has its properties here with line 0.
 */
public record DocumentField(String key, String value, int line) {

    /** Where the field is, for messages: "line 42 (ПлательщикИИК)" or, for JSON, "field payerAccount". */
    public String location() {
        return line > 0 ? "line " + line + " (" + key + ")" : "field " + key;
    }
}
