package kz.digitaltenge.routes.subsidy;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * The six statuses of a subsidy application, as the subsidy system writes them (its register export's
 * {@code Статус заявки} and this module's JSON {@code status}), with the code the canonical terms carry.
 *
 * <p>The lifecycle (inferred from the statuses, shared/formats/subsidy): Получена → Одобрена | Отклонена | Отозвано;
 * Одобрена → Сформировано поручение → Исполнена. A later status may skip one in between (an export shows only the
 * current status, so Получена may be followed by Сформировано поручение directly); Отклонена, Отозвано and Исполнена are
 * final.
 */
public enum ApplicationStatus {
    RECEIVED("Получена"),
    APPROVED("Одобрена"),
    REJECTED("Отклонена"),
    ORDER_FORMED("Сформировано поручение"),
    EXECUTED("Исполнена"),
    WITHDRAWN("Отозвано");

    private final String label;

    ApplicationStatus(String label) {
        this.label = label;
    }

    /** The status exactly as the subsidy system writes it. */
    public String label() {
        return label;
    }

    /** The code in canonical terms ({@code status}, the {@code occurrence}'s prefix, the message id). */
    public String code() {
        return name();
    }

    /** The status for its label, exactly as written (surrounding and repeated blanks aside), or empty. */
    public static Optional<ApplicationStatus> ofLabel(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String normal = text.strip().replaceAll("[\\s\\u00A0]+", " ");
        for (ApplicationStatus s : values()) {
            if (s.label.equals(normal)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    /** The status for its code, or empty. */
    public static Optional<ApplicationStatus> ofCode(String code) {
        for (ApplicationStatus s : values()) {
            if (s.name().equals(code)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    /** Whether the status allows the release of the held subsidy (Одобрена, Сформировано поручение). */
    public boolean releases() {
        return this == APPROVED || this == ORDER_FORMED;
    }

    /** Whether the status returns the held subsidy to its sender (Отклонена, Отозвано). */
    public boolean returns() {
        return this == REJECTED || this == WITHDRAWN;
    }

    /** Whether nothing follows this status. */
    public boolean isFinal() {
        return this == REJECTED || this == WITHDRAWN || this == EXECUTED;
    }

    /** The statuses that may follow this one (skipping intermediate ones included). */
    public Set<ApplicationStatus> next() {
        return switch (this) {
            case RECEIVED -> EnumSet.of(APPROVED, REJECTED, WITHDRAWN, ORDER_FORMED, EXECUTED);
            case APPROVED -> EnumSet.of(ORDER_FORMED, EXECUTED);
            case ORDER_FORMED -> EnumSet.of(EXECUTED);
            case REJECTED, WITHDRAWN, EXECUTED -> EnumSet.noneOf(ApplicationStatus.class);
        };
    }
}
