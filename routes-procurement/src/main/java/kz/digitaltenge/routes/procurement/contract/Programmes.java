package kz.digitaltenge.routes.procurement.contract;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The configured programmes in order, and the default one ({@link Programme#DEFAULT}: cash-out by approved acts). */
public record Programmes(List<Programme> configured) {
    public static final Programmes NONE = new Programmes(List.of());

    public Programmes {
        configured = List.copyOf(configured);
        Set<String> names = new HashSet<>();
        names.add(Programme.DEFAULT.name());
        for (Programme p : configured) {
            if (!names.add(p.name())) {
                throw new IllegalArgumentException("programme name " + p.name() + " is used twice (or is the default's)");
            }
        }
    }

    /** The first configured programme the contract meets, else the default. */
    public Programme of(String customerBin, Long finsource, Set<String> budgetProgrammes) {
        for (Programme p : configured) {
            if (p.matches(customerBin, finsource, budgetProgrammes)) {
                return p;
            }
        }
        return Programme.DEFAULT;
    }
}
