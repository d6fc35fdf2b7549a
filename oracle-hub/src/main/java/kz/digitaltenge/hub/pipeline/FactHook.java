package kz.digitaltenge.hub.pipeline;

import java.util.Map;
import kz.digitaltenge.canonical.CanonicalMessage;
import kz.digitaltenge.ledger.fact.FactType;
import kz.digitaltenge.ledger.fact.SignedFact;

/**
 * The oracle's own bookkeeping around facts of one type, whatever source they came from: what it settles into the
 * terms it signs (e.g. the prepayment allocated to an invoice) and what it records once the fact is stored (e.g. the
 * invoice registry's current state). Hub beans; the pipeline runs every hook of the fact's type and names none.
 */
public interface FactHook {
    FactType type();

    /** The terms the oracle signs; the same message must always give the same terms (a redelivery signs the same fact). */
    default Map<String, String> settle(CanonicalMessage message) {
        return message.terms() == null ? Map.of() : message.terms();
    }

    /**
     * With the fact: rows added to the group append's batched statements, run inside its transaction that stores the
     * fact, its evidence entry and the message's fact id (one commit for all, one round trip for the batch's rows;
     * {@link kz.digitaltenge.ledger.fact.FactCompanion}'s rules apply: only rows of its own, write only, quick). A
     * refused row rolls all of it back and the message fails; a redelivery signs the same fact again and records it then.
     */
    default void recorded(kz.digitaltenge.ledger.fact.CompanionStatements statements, SignedFact fact) throws java.sql.SQLException {
    }
}
