package kz.digitaltenge.canonical.id;

import java.util.regex.Pattern;
import kz.digitaltenge.canonical.LedgerException;
import kz.digitaltenge.canonical.ReasonCode;

/**
 * A bank identifier code (БИК, ISO 9362): 4 letters of the institution, country {@code KZ}, 2 characters of
 * location, optionally 3 of branch. Examples: {@code HSBKKZKX}, Treasury {@code KKMFKZ2A}, National Bank
 * {@code NBRKKZKX}.
 */
public record Bic(String value) {
    private static final Pattern SHAPE = Pattern.compile("[A-Z]{4}KZ[A-Z0-9]{2}([A-Z0-9]{3})?");

    public Bic {
        if (value == null || !SHAPE.matcher(value).matches()) {
            throw new LedgerException(ReasonCode.INVALID_IDENTIFIER,
                    "BIC '" + value + "': must be 4 letters, KZ, 2 letters or digits, and an optional 3-character branch");
        }
    }

    public static Bic of(String value) {
        return new Bic(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
