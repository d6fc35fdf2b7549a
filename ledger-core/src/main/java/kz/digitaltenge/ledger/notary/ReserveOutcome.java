package kz.digitaltenge.ledger.notary;

import kz.digitaltenge.ledger.tx.OutputRef;

/**
 * What the notary answered for a transaction's inputs. {@link Kind#RESERVED}: all inputs are now held by the
 * transaction. {@link Kind#CONFLICT}: one is held by another transaction ({@code spent} tells whether that one
 * is committed); none of this transaction's inputs stay reserved. {@link Kind#ALREADY_FINAL}: this very
 * transaction already spent them (a resubmission of a committed transaction).
 */
public record ReserveOutcome(Kind kind, OutputRef input, String holder, boolean spent) {
    public enum Kind { RESERVED, CONFLICT, ALREADY_FINAL }

    static final ReserveOutcome RESERVED = new ReserveOutcome(Kind.RESERVED, null, null, false);
    static final ReserveOutcome ALREADY_FINAL = new ReserveOutcome(Kind.ALREADY_FINAL, null, null, true);

    static ReserveOutcome conflict(OutputRef input, String holder, boolean spent) {
        return new ReserveOutcome(Kind.CONFLICT, input, holder, spent);
    }
}
