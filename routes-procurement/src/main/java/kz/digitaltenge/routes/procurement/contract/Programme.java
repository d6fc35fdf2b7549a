package kz.digitaltenge.routes.procurement.contract;

import java.util.Objects;
import java.util.Set;

/**
 * A funding programme (railway sections, road repair, a lending programme ...) as the hub configures it: which
 * contracts belong to it and how their suppliers cash out. A contract matches when it meets every criterion the
 * programme names (any value of a list): its customer's BIN ({@code customer_bin}), its source of financing
 * ({@code ref_finsource_id}), a budget programme of its units' budget lines ({@code ContractUnits[].spec[].ref_fkrb_program_id}).
 * A programme names at least one criterion; the first that matches, in configuration order, is the contract's.
 */
public record Programme(String name, Set<String> customerBins, Set<Long> finsources, Set<String> budgetProgrammes,
                        CashOutPolicy cashOut) {
    /** Every contract no configured programme takes: cash-out by approved acts. */
    public static final Programme DEFAULT = new Programme("default", Set.of(), Set.of(), Set.of(), CashOutPolicy.ACTS, true);

    public Programme {
        Objects.requireNonNull(name, "programme name");
        if (!name.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}")) {
            throw new IllegalArgumentException("a programme name is 1-64 letters, digits, '.', '_' or '-': '" + name + "'");
        }
        customerBins = Set.copyOf(customerBins);
        finsources = Set.copyOf(finsources);
        budgetProgrammes = Set.copyOf(budgetProgrammes);
        Objects.requireNonNull(cashOut, "programme " + name + ": cash-out");
    }

    public Programme(String name, Set<String> customerBins, Set<Long> finsources, Set<String> budgetProgrammes,
                     CashOutPolicy cashOut, boolean matchesAll) {
        this(name, customerBins, finsources, budgetProgrammes, cashOut);
        if (!matchesAll && customerBins.isEmpty() && finsources.isEmpty() && budgetProgrammes.isEmpty()) {
            throw new IllegalArgumentException("programme " + name + " names no customer BIN, source of financing or budget"
                    + " programme: it would take every contract (the default programme does that, with cash-out by acts)");
        }
    }

    /** A configured programme: it must name at least one criterion. */
    public static Programme of(String name, Set<String> customerBins, Set<Long> finsources, Set<String> budgetProgrammes,
                               CashOutPolicy cashOut) {
        return new Programme(name, customerBins, finsources, budgetProgrammes, cashOut, false);
    }

    boolean matches(String customerBin, Long finsource, Set<String> contractBudgetProgrammes) {
        return (customerBins.isEmpty() || customerBins.contains(customerBin))
                && (finsources.isEmpty() || (finsource != null && finsources.contains(finsource)))
                && (budgetProgrammes.isEmpty() || contractBudgetProgrammes.stream().anyMatch(budgetProgrammes::contains));
    }
}
