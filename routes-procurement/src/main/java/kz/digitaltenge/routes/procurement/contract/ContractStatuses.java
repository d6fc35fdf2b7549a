package kz.digitaltenge.routes.procurement.contract;

import java.util.Set;

/**
 * The one table of the portal's status codes the hub acts on ({@code ref_contract_status_id} of a contract,
 * {@code status_id} of an act). Only the codes are the hub's: the names come from the portal's own reference list
 * ({@code ref_contract_status}, loaded by the portal client when it can reach the portal), never from here. The
 * documentation confirms only 190 (Действует); the others are from an unverified live list, grouped as the format note
 * infers, so each group's effect is chosen to be safe when the inference is wrong.
 *
 * <table>
 *   <caption>contract statuses</caption>
 *   <tr><th>codes</th><th>group</th><th>what the hub does</th></tr>
 *   <tr><td>110–135</td><td>{@link Group#DRAFTING}</td><td>refused BUSINESS_RULE: not concluded, nothing to register</td></tr>
 *   <tr><td>160, 165</td><td>{@link Group#TREASURY_REGISTRATION}</td><td>registered, not in force: its window is closed
 *       at {@code sign_date} (nothing moves); acts and Treasury records can attach to it</td></tr>
 *   <tr><td>185, 190</td><td>{@link Group#SIGNED}</td><td>in force: money moves within its validity</td></tr>
 *   <tr><td>450, 455</td><td>{@link Group#AMENDED}</td><td>in force</td></tr>
 *   <tr><td>375</td><td>{@link Group#PART_EXECUTED}</td><td>in force</td></tr>
 *   <tr><td>390</td><td>{@link Group#EXECUTED}</td><td>in force until its end: payments follow the accepted work</td></tr>
 *   <tr><td>470</td><td>{@link Group#TERM_ENDED}</td><td>in force rules; its {@code ec_end_date} ends it</td></tr>
 *   <tr><td>345</td><td>{@link Group#AWAITING_TERMINATION}</td><td>in force until the termination itself arrives</td></tr>
 *   <tr><td>330, 340, 350, 480</td><td>{@link Group#TERMINATED}</td><td>terminated: validity cut, nothing more moves</td></tr>
 *   <tr><td>456–465</td><td>{@link Group#ASSIGNMENT}</td><td>not in force (the supplier changes; its next record says to whom)</td></tr>
 *   <tr><td>any other</td><td>{@link Group#UNKNOWN}</td><td>not in force: registered, visible, nothing moves</td></tr>
 * </table>
 *
 * <p>Acts of completed work: {@code status_id} 15 ("утвержден", the only documented sample) is approved; any other
 * status is not.
 */
public final class ContractStatuses {
    /** What a group means for the money marked to the contract. */
    public enum Effect {
        /** Refused: the contract is not concluded yet. */
        NOT_CONCLUDED,
        /** Registered with a closed window: nothing moves until a status in force arrives. */
        NOT_IN_FORCE,
        /** Money moves within {@code validFrom}–{@code validTo}. */
        IN_FORCE,
        /** Validity cut at the termination: nothing more moves. */
        TERMINATED
    }

    public enum Group {
        DRAFTING(Effect.NOT_CONCLUDED),
        TREASURY_REGISTRATION(Effect.NOT_IN_FORCE),
        SIGNED(Effect.IN_FORCE),
        AMENDED(Effect.IN_FORCE),
        PART_EXECUTED(Effect.IN_FORCE),
        EXECUTED(Effect.IN_FORCE),
        TERM_ENDED(Effect.IN_FORCE),
        AWAITING_TERMINATION(Effect.IN_FORCE),
        TERMINATED(Effect.TERMINATED),
        ASSIGNMENT(Effect.NOT_IN_FORCE),
        UNKNOWN(Effect.NOT_IN_FORCE);

        private final Effect effect;

        Group(Effect effect) {
            this.effect = effect;
        }

        public Effect effect() {
            return effect;
        }
    }

    /** The act statuses that allow an act's {@code sum_transfer} to be cashed out. */
    public static final Set<Integer> APPROVED_ACTS = Set.of(15);

    private ContractStatuses() {
    }

    public static Group group(int code) {
        if (code >= 110 && code <= 135) {
            return Group.DRAFTING;
        }
        if (code >= 456 && code <= 465) {
            return Group.ASSIGNMENT;
        }
        return switch (code) {
            case 160, 165 -> Group.TREASURY_REGISTRATION;
            case 185, 190 -> Group.SIGNED;
            case 450, 455 -> Group.AMENDED;
            case 375 -> Group.PART_EXECUTED;
            case 390 -> Group.EXECUTED;
            case 470 -> Group.TERM_ENDED;
            case 345 -> Group.AWAITING_TERMINATION;
            case 330, 340, 350, 480 -> Group.TERMINATED;
            default -> Group.UNKNOWN;
        };
    }

    public static boolean actApproved(int statusId) {
        return APPROVED_ACTS.contains(statusId);
    }
}
