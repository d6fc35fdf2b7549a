package kz.digitaltenge.routes.einvoice;

import kz.digitaltenge.canonical.ReasonCode;

import static kz.digitaltenge.routes.einvoice.EsfValues.present;
import static kz.digitaltenge.routes.einvoice.InvoiceValidator.quoted;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import kz.digitaltenge.canonical.SourceMessageRejected;
import kz.digitaltenge.routes.einvoice.esf.InvoiceV2;

/**
 * Problems found in one pass of the {@link InvoiceValidator}, each already naming its element path, and the
 * element checks that find them.
 *
 * <p>Why on its own: a pass never stops at its first problem, so that the back office can fix the invoice in one
 * go; every check therefore reports into this collector instead of throwing, and only {@link #throwIfAny} turns what
 * was collected into one refusal.
 */
final class Findings {
    /** Enough for a back-office reader; a document with more problems is wrong throughout. */
    static final int MAX_LISTED_PROBLEMS = 20;

    private final List<String> problems = new ArrayList<>();

    void add(String problem) {
        problems.add(problem);
    }

    void throwIfAny(ReasonCode reason, InvoiceV2 invoice) {
        if (problems.isEmpty()) {
            return;
        }
        String subject = "invoice" + (present(invoice.num()) ? " num " + invoice.num().strip() : "")
                + (present(invoice.date()) ? " of " + invoice.date().strip() : "");
        String listed = String.join("; ", problems.subList(0, Math.min(problems.size(), MAX_LISTED_PROBLEMS)));
        String more = problems.size() > MAX_LISTED_PROBLEMS
                ? "; and " + (problems.size() - MAX_LISTED_PROBLEMS) + " more" : "";
        throw new SourceMessageRejected(reason, subject + ": " + listed + more);
    }

    /** Whether the element is there; a required one that is not is reported. */
    boolean required(String path, String text) {
        if (text == null) {
            add(path + " is missing");
            return false;
        }
        return true;
    }

    /** Whether an optional element is there, or a required one is (reporting it if not). */
    private boolean given(String path, String text, boolean required) {
        return required ? required(path, text) : text != null;
    }

    void date(String path, String text, boolean required) {
        if (given(path, text, required) && EsfValues.date(text) == null) {
            add(path + " " + quoted(text) + " is not a date in dd.MM.yyyy");
        }
    }

    void matches(String path, String text, boolean required, Pattern pattern, String expectation) {
        if (given(path, text, required) && !pattern.matcher(text.strip()).matches()) {
            add(path + " " + quoted(text) + " is not " + expectation);
        }
    }

    void oneOf(String path, String text, boolean required, Set<String> allowed) {
        if (given(path, text, required) && !allowed.contains(text.strip())) {
            add(path + " " + quoted(text) + " is not one of " + String.join(", ", allowed.stream().sorted()
                    .toList()));
        }
    }

    void integer(String path, String text, boolean required, int min, int max) {
        if (!given(path, text, required)) {
            return;
        }
        Integer value = EsfValues.integer(text);
        if (value == null) {
            add(path + " " + quoted(text) + " is not a whole number");
        } else if (value < min || value > max) {
            add(path + " " + value + " is outside " + min + "–" + max);
        }
    }

    void bool(String path, String text, boolean required) {
        if (given(path, text, required) && EsfValues.bool(text) == null) {
            add(path + " " + quoted(text) + " is not true or false");
        }
    }

    /** Money: at most 2 decimals and 17 digits (the schema's fractionDigits and totalDigits). */
    BigDecimal money(String path, String text, boolean required) {
        return decimal(path, text, required, 2, 17);
    }

    BigDecimal decimal(String path, String text, boolean required, int maxFraction, int maxTotal) {
        if (!given(path, text, required)) {
            return null;
        }
        BigDecimal value = EsfValues.decimal(text);
        if (value == null) {
            add(path + " " + quoted(text) + " is not a decimal number (digits 0-9 with an optional '.', at most "
                    + EsfValues.MAX_DECIMAL_TEXT + " characters; no exponent, no thousands separators)");
            return null;
        }
        if (EsfValues.fractionDigits(value) > maxFraction) {
            add(path + " " + quoted(text) + " has " + EsfValues.fractionDigits(value) + " decimals; at most "
                    + maxFraction + " are allowed");
            return null;
        }
        if (EsfValues.totalDigits(value) > maxTotal) {
            add(path + " " + quoted(text) + " has more than " + maxTotal + " digits");
            return null;
        }
        return value;
    }
}
