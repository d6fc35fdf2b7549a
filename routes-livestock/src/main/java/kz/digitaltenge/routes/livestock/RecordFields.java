package kz.digitaltenge.routes.livestock;

import java.util.List;
import java.util.Set;

/**
 * One record's fields as its format gives them (a JSON object, a CSV row), read by the one {@link EventMapper}. An
 * absent field, a JSON {@code null} and an empty value are the same: absent. A value of the wrong kind for the field
 * (a JSON number where a string belongs, "yes" for a boolean) is refused with {@link RecordRefused}, naming the field.
 */
interface RecordFields {
    /** The names of the fields present, in the record's order. */
    Set<String> present();

    /** A text field, or null when absent. */
    String text(String name);

    /** A boolean field ({@code true}/{@code false}), or null when absent. */
    Boolean flag(String name);

    /** The agreement of a loan, or null when absent. */
    List<AgreementLine> agreement();

    /** One line of a purchase agreement, as written: the mapper checks each value. */
    record AgreementLine(String species, String heads, String pricePerHead) {
    }
}
