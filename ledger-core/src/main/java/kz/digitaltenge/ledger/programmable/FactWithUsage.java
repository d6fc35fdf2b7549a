package kz.digitaltenge.ledger.programmable;

import java.util.Map;
import java.util.Optional;
import kz.digitaltenge.ledger.fact.SignedFact;

/**
 * A subject's current fact and the limit usage tracked against it, read together from one snapshot: an invoice's
 * state and what is paid on it, a contract and what was prepaid under it. One round trip instead of two on the
 * payment path, and the two agree with each other (issue 14).
 *
 * @param fact  the latest fact of the type about the subject, if any
 * @param usage every kind of limit with what is used (0 when nothing is)
 */
public record FactWithUsage(Optional<SignedFact> fact, Map<LimitUse.Kind, Long> usage) {
}
