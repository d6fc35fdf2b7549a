package kz.digitaltenge.routes.procurement.contract;

import java.util.List;
import kz.digitaltenge.canonical.ReasonCode;

/**
 * An act of completed work ({@code /v3/acts}) applied to its contract's latest version (the translator finds the
 * contract by {@code contract_root_id}, else {@code contract_id}):
 * <ul>
 *   <li><b>Approved</b>: {@code status_id} in {@link ContractStatuses#APPROVED_ACTS} (15), {@code is_deleted} 0 (absent
 *       = 0) and no {@code revoke_date}: its {@code sum_transfer} (required: an approved act without it is refused
 *       INCOMPLETE) is added to the contract's acts; under the ACTS policy {@code maxCashOut} becomes the sum of the
 *       approved acts (at most {@code maxTransfer}).</li>
 *   <li><b>Revoked</b>: an act the hub has approved that now is deleted, revoked or in another status: its amount no
 *       longer counts (what the supplier cashed out already stays cashed out: the ledger keeps it, and only what is
 *       left shrinks). A revocation is final ({@link ContractActs}).</li>
 *   <li>Any other act (not approved yet, or deleted before the hub saw it approved) changes nothing.</li>
 * </ul>
 * The contract's other terms stay as its latest version has them. Re-imports change nothing (the fact keeps each act).
 */
final class ActMapping {
    static final List<String> REQUIRED = List.of("id", "status_id");

    private ActMapping() {
    }

    static ContractState apply(RecordFields f, ContractState base) {
        List<String> missing = f.missing(REQUIRED);
        if (!missing.isEmpty()) {
            throw new RecordProblem(ReasonCode.INCOMPLETE, "the act lacks " + String.join(", ", missing));
        }
        long act = f.requireNumber("id");
        int status = f.code("status_id", 0);
        boolean deleted = f.number("is_deleted", 0) != 0;
        boolean revoked = f.has("revoke_date");
        ContractActs acts = base.acts();
        if (ContractStatuses.actApproved(status) && !deleted && !revoked) {
            Long sum = f.tiyn("sum_transfer");
            if (sum == null) {
                throw new RecordProblem(ReasonCode.INCOMPLETE, "act " + act + " is approved but has no sum_transfer: the hub"
                        + " does not guess what it allows");
            }
            acts = acts.approve(act, sum, base.subject());
        } else if (acts.isApproved(act)) {
            acts = acts.revoke(act);
        }
        return base.toBuilder().acts(acts).build();
    }
}
