package kz.digitaltenge.routes.procurement.contract;

import java.util.Optional;
import kz.digitaltenge.canonical.CanonicalMessage;
import kz.digitaltenge.canonical.ReasonCode;
import kz.digitaltenge.canonical.SourceMessageRejected;
import kz.digitaltenge.canonical.source.FactLookup;
import kz.digitaltenge.canonical.source.KnownFact;
import kz.digitaltenge.canonical.source.RegistryCheck;

/**
 * A contract's message is computed from the contract's latest version (its acts, its Treasury registration): it may
 * only follow that version. Its {@code version} must be the latest fact's plus one (1 for a contract's first fact; a
 * fact without a version, registered by hand, counts as 0). Otherwise something changed the contract between the
 * translation and now — another import, or an earlier record of the same file that did not become a fact — and
 * signing it would lose that change: refused CONFLICT (or UNKNOWN_REFERENCE when the contract is not registered at all),
 * for a retry, which reads the current version. Runs after {@link AlreadyRegisteredCheck}.
 */
public final class ContractVersionCheck implements RegistryCheck {
    @Override
    public void check(CanonicalMessage message, FactLookup facts) {
        if (!KnownContracts.TYPE.equals(message.type()) || message.terms() == null) {
            return;
        }
        String v = message.terms().get(ContractTerms.VERSION);
        if (v == null) {
            return; // not a message of this module's translator (a canonical message sent as such)
        }
        long version = parse(v);
        Optional<KnownFact> latest = facts.latest(KnownContracts.TYPE, message.subject());
        long registered = latest.map(f -> parse(f.term(ContractTerms.VERSION))).orElse(0L);
        if (version == registered + 1) {
            return;
        }
        if (latest.isEmpty()) {
            throw new SourceMessageRejected(ReasonCode.UNKNOWN_REFERENCE, "contract " + message.subject()
                    + " is not registered, and this record follows its version " + (version - 1)
                    + " (an earlier record of the file was not registered?): import the original contract first");
        }
        throw new SourceMessageRejected(ReasonCode.CONFLICT, "contract " + message.subject() + " is at version " + registered
                + "; this record was read against version " + (version - 1) + " (another import, or an earlier record of"
                + " this file that was not registered): retry it, the retry reads the current version");
    }

    private static long parse(String v) {
        return v != null && v.matches("[0-9]{1,18}") ? Long.parseLong(v) : 0;
    }
}
