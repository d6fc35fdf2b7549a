package kz.digitaltenge.routes.procurement.contract;

import java.util.Optional;

/**
 * The names of contract statuses from the portal's own reference list ({@code ref_contract_status}), when it was
 * loaded; the hub never writes a name of its own (a status without a name is shown by its code).
 */
@FunctionalInterface
public interface StatusNames {
    StatusNames NONE = code -> Optional.empty();

    Optional<String> nameOf(int code);
}
