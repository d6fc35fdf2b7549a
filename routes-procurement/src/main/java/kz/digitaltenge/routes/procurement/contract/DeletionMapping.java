package kz.digitaltenge.routes.procurement.contract;

import java.time.Instant;
import kz.digitaltenge.canonical.ReasonCode;

/**
 * A deletion in the portal's change list ({@code /v3/journal} item with {@code action} D) of a contract: a new version
 * of the contract's fact with {@code deleted} = true and its validity ended at {@code date_action} (a window that
 * would end before it starts collapses to that instant), so nothing more moves; the earlier versions stay as they
 * were (facts are append-only: its history stays visible). It applies when {@code object_id} is the latest version's
 * {@code portalId} or the contract's {@code rootId}; a superseded version's deletion changes nothing.
 * {@code object_id} is a string: digits, or {@code <system>-<digits>} (the sample's {@code "1-4909"}, read as system
 * 1, record 4909 — inferred).
 */
final class DeletionMapping {
    private DeletionMapping() {
    }

    /** The portal id an {@code object_id} names. */
    static long objectId(String objectId) {
        String id = objectId.matches("[0-9]{1,18}") ? objectId
                : objectId.matches("[0-9]{1,4}-[0-9]{1,18}") ? objectId.substring(objectId.indexOf('-') + 1) : null;
        if (id == null) {
            throw new RecordProblem(ReasonCode.MALFORMED, "object_id '" + Values.excerpt(objectId)
                    + "' is not a portal id (digits, or <system>-<digits>)");
        }
        return Long.parseLong(id);
    }

    static ContractState apply(long id, Instant at, ContractState base) {
        if (id != base.portalId() && id != base.rootId()) {
            return base;
        }
        if (at == null) {
            throw new RecordProblem(ReasonCode.INCOMPLETE, "the deletion has no date_action");
        }
        Instant validTo = at.isBefore(base.validTo()) ? at : base.validTo();
        Instant validFrom = validTo.isBefore(base.validFrom()) ? validTo : base.validFrom();
        Instant updated = at.isAfter(base.portalUpdatedAt()) ? at : base.portalUpdatedAt();
        return base.toBuilder().deleted(true).validFrom(validFrom).validTo(validTo).portalUpdatedAt(updated).build();
    }
}
