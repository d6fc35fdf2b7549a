package kz.digitaltenge.routes.procurement.contract;

import java.time.Instant;
import java.util.TreeSet;
import kz.digitaltenge.canonical.ReasonCode;

/**
 * A Treasury record ({@code /v3/treasury-pay}, or an entry of a contract's {@code TreasuryPay}) applied to the
 * contract's latest version:
 * <ul>
 *   <li><b>Registration</b> ({@code dt_reg} and {@code nom_uved}, both or neither: one alone is refused INCOMPLETE):
 *       {@code treasuryRegisteredAt} = {@code dt_reg}, {@code treasuryNotice} = {@code nom_uved}. The ledger pays
 *       nothing to the recipient of a contract with {@code treasuryRequired} = true before it has a notice. A
 *       registration older than the one registered changes nothing (the latest {@code dt_reg} wins: a supplementary
 *       agreement is registered again).</li>
 *   <li><b>Payment</b> ({@code pay_amount} and {@code pay_date}, both or neither): counted once per record {@code id}
 *       into {@code treasuryPaid} (tiyn), its id kept in {@code treasuryPayments} so the same line read again adds
 *       nothing. It is what the Treasury paid outside the digital tenge: shown, never a limit (the ledger's own
 *       transfers are what limit a contract). A line read again with another amount keeps the first amount.
 *       Limit: the ids that fit in {@value ContractTerms#PAYMENT_TERMS} terms of 512 characters (at least 92 lines);
 *       beyond, refused OVER_LIMIT.</li>
 *   <li>A request alone ({@code nom_za} without a registration) or a record with neither changes nothing.</li>
 * </ul>
 */
final class TreasuryMapping {
    private TreasuryMapping() {
    }

    static ContractState apply(RecordFields f, ContractState base) {
        String notice = f.text("nom_uved");
        Instant registered = f.instant("dt_reg");
        if ((notice == null) != (registered == null)) {
            throw new RecordProblem(ReasonCode.INCOMPLETE, "a Treasury registration needs both " + f.name("dt_reg") + " and "
                    + f.name("nom_uved") + "; the record has only " + (notice == null ? f.name("dt_reg") : f.name("nom_uved")));
        }
        ContractState.Builder b = base.toBuilder();
        if (notice != null && (base.treasuryRegisteredAt() == null || !registered.isBefore(base.treasuryRegisteredAt()))) {
            b.treasuryRegistration(notice, registered);
        }
        Long amount = f.tiyn("pay_amount");
        Instant paid = f.instant("pay_date");
        if ((amount == null) != (paid == null)) {
            throw new RecordProblem(ReasonCode.INCOMPLETE, "a Treasury payment needs both " + f.name("pay_amount") + " and "
                    + f.name("pay_date") + "; the record has only " + (amount == null ? f.name("pay_date") : f.name("pay_amount")));
        }
        if (amount != null) {
            long line = f.requireNumber("id");
            if (!base.treasuryPayments().contains(line)) {
                TreeSet<Long> ids = new TreeSet<>(base.treasuryPayments());
                ids.add(line);
                b.treasuryPayments(ids, Amounts.add(base.treasuryPaid(), amount));
            }
        }
        return b.build();
    }
}
