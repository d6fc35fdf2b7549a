package kz.digitaltenge.routes.livestock;

import java.util.Optional;

/**
 * The species codes of the identification rules (Order No. 7-1/68): the digit the individual number carries after its
 * region letter, and the {@code species} field of every event.
 */
public enum Species {
    CATTLE('1', "cattle"),
    SHEEP_AND_GOATS('2', "sheep and goats"),
    PIGS('3', "pigs"),
    HORSES('4', "horses"),
    CAMELS('5', "camels");

    private final char digit;
    private final String label;

    Species(char digit, String label) {
        this.digit = digit;
        this.label = label;
    }

    /** The code as events and terms carry it: "1" to "5". */
    public String code() {
        return String.valueOf(digit);
    }

    /** The English name, for messages the back office reads. */
    public String label() {
        return label;
    }

    /** "1 (cattle)". */
    public String describe() {
        return digit + " (" + label + ")";
    }

    public static Optional<Species> ofCode(String code) {
        if (code == null || code.length() != 1) {
            return Optional.empty();
        }
        for (Species s : values()) {
            if (s.digit == code.charAt(0)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    /** A code for a message even when it is not one of ours. */
    public static String describe(String code) {
        return ofCode(code).map(Species::describe).orElse(code);
    }
}
