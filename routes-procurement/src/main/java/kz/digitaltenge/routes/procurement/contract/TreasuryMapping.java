package kz.digitaltenge.routes.procurement.contract;

import java.time.Instant;
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
 *   <li><b>Payment</b> ({@code pay_amount} and {@code pay_date}, both or neither): added to {@code treasuryPaid}
 *       (tiyn) when its {@code id} is above {@code treasuryPaidThrough}, the highest line id counted so far, which it
 *       then becomes; a line at or below it is counted already (read again: nothing changes). The portal numbers its
 *       records in order, and a contract's {@code TreasuryPay} list is applied in id order, so the sum is exact; a line
 *       imported on its own after a later one is not counted (documented: import lines in id order). It is what the
 *       Treasury paid outside the digital tenge: shown, never a limit (the ledger's own transfers limit a contract), so
 *       two terms whatever the number of lines, and a contract record is never refused for its payments. {@code ppn}
 *       (the payment order) is not kept.</li>
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
            if (line > base.treasuryPaidThrough()) {
                b.treasuryPaid(Amounts.add(base.treasuryPaid(), amount), line);
            }
        }
        return b.build();
    }
}
