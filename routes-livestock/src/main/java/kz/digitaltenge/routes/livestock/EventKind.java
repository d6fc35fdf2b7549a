package kz.digitaltenge.routes.livestock;

import static kz.digitaltenge.routes.livestock.EventFields.*;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The kinds of record the module reads ({@code kind}): a loan's registration, and the animal events the identification
 * system records. Each kind has its own fields; a field of another kind in a record is refused, so a misspelt or
 * misplaced field is never silently dropped.
 */
public enum EventKind {
    /** A purchase loan: the money held for it and the agreement (species, heads, price per head). */
    LOAN_REGISTERED(List.of(KIND, LOAN_NUMBER, LENDER_ACCOUNT, SELLER_ACCOUNT, BORROWER, AGREEMENT, VALID_UNTIL),
            List.of(CARRY_OVER_TO, AT)),
    /** An animal re-registered to a new owner (перерегистрация): what releases money. */
    OWNER_CHANGE(ANIMAL_REQUIRED, ANIMAL_OPTIONAL),
    /** A correction of an animal's record (its number, species, castration: amendment No. 246 of 15.08.2025). */
    CORRECTION(ANIMAL_REQUIRED, concat(ANIMAL_OPTIONAL, List.of(PREVIOUS_ANIMAL_NUMBER, PREVIOUS_SPECIES))),
    /** The animal died (history only). */
    DEATH(ANIMAL_REQUIRED, ANIMAL_OPTIONAL),
    /** A veterinary quarantine imposed on the animal ({@code quarantine} true or absent) or lifted ({@code false}). */
    QUARANTINE(ANIMAL_REQUIRED, ANIMAL_OPTIONAL);

    private final List<String> required;
    private final Set<String> allowed;

    EventKind(List<String> required, List<String> optional) {
        this.required = required;
        this.allowed = Set.copyOf(concat(required, optional));
    }

    /** The fields a record of this kind must have, in the order they are checked. */
    public List<String> required() {
        return required;
    }

    /** Every field a record of this kind may have. */
    public Set<String> allowed() {
        return allowed;
    }

    public boolean isAnimalEvent() {
        return this != LOAN_REGISTERED;
    }

    public static Optional<EventKind> of(String name) {
        for (EventKind k : values()) {
            if (k.name().equals(name)) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new java.util.ArrayList<>(a);
        all.addAll(b);
        return List.copyOf(all);
    }
}
