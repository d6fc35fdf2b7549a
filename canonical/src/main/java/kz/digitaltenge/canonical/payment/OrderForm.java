package kz.digitaltenge.canonical.payment;

import java.util.Arrays;
import java.util.Optional;

/**
 * The form a quarantined payment order was kept in, so a retry reads it again the way it was first read. The header
 * values are those stored since the first payment-order source (1C); older quarantine entries carry them.
 */
public enum OrderForm {
    /** A whole file that could not be read as one. */
    FILE("1c-file"),
    /** One document of a file, its lines as UTF-8 text. */
    DOCUMENT("1c-document"),
    /** One order sent as JSON. */
    JSON("json");

    /** The quarantine header that names the form. */
    public static final String HEADER = "format";

    private final String header;

    OrderForm(String header) {
        this.header = header;
    }

    public String header() {
        return header;
    }

    /** The form a header value names; DOCUMENT when it names none (the entries before forms were recorded). */
    public static OrderForm of(String header) {
        return Arrays.stream(values()).filter(f -> f.header.equals(header)).findFirst().orElse(DOCUMENT);
    }

    public static Optional<OrderForm> find(String header) {
        return Arrays.stream(values()).filter(f -> f.header.equals(header)).findFirst();
    }
}
