package kz.digitaltenge.routes.procurement.contract;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import kz.digitaltenge.canonical.ReasonCode;
import kz.digitaltenge.canonical.source.FactLookup;
import kz.digitaltenge.canonical.source.KnownFact;

/**
 * The contracts one translation knows: the hub's registered facts (through its {@link FactLookup}) and, before them,
 * what the file's earlier records of the same contract made. The hub signs a file's messages one after the other, so a
 * second act of the same contract in one file must start from the first act's version, not from the fact registered
 * before the file: each message names its {@code version}, and the hub's check refuses one whose predecessor did not
 * become a fact ({@link ContractVersionCheck}).
 */
final class KnownContracts {
    static final String TYPE = "CONTRACT_REGISTERED";

    private final FactLookup hub;
    private final Map<String, ContractState> pending = new HashMap<>();
    private final Map<Long, String> pendingByPortalId = new HashMap<>();
    private final Map<Long, String> pendingByRootId = new HashMap<>();

    KnownContracts(FactLookup hub) {
        this.hub = hub;
    }

    /** The subject of the contract one of whose versions has portal id {@code id} (or whose root it is). */
    Optional<String> subjectOf(long id) {
        String p = pendingByPortalId.get(id);
        if (p == null) {
            p = pendingByRootId.get(id);
        }
        if (p != null) {
            return Optional.of(p);
        }
        Optional<String> s = hub.subjectBy(TYPE, ContractTerms.PORTAL_ID, Long.toString(id));
        return s.isPresent() ? s : hub.subjectBy(TYPE, ContractTerms.ROOT_ID, Long.toString(id));
    }

    /** The contract's latest version: this file's, else the hub's; empty when none is registered. */
    Optional<Base> latest(String subject) {
        ContractState p = pending.get(subject);
        if (p != null) {
            return Optional.of(new Base(p, p.version()));
        }
        Optional<KnownFact> f = hub.latest(TYPE, subject);
        if (f.isEmpty()) {
            return Optional.empty();
        }
        ContractState s = ContractState.of(subject, f.get().terms());
        return Optional.of(new Base(s, s == null ? 0 : s.version()));
    }

    /** The latest version, which must be one this module wrote (an act or a Treasury record builds on it). */
    ContractState requirePortalContract(String subject) {
        Base b = latest(subject).orElseThrow(() -> new RecordProblem(ReasonCode.UNKNOWN_REFERENCE, "contract " + subject
                + " is not registered: import the contract first"));
        if (b.state() == null) {
            throw new RecordProblem(ReasonCode.CONFLICT, "the latest fact of contract " + subject + " was not made from the"
                    + " procurement portal (it has no portalId): the back office decides how it goes on");
        }
        return b.state();
    }

    /** What a message of this file made (the next records of the same contract start from it). */
    void made(ContractState s) {
        pending.put(s.subject(), s);
        pendingByPortalId.put(s.portalId(), s.subject());
        pendingByRootId.put(s.rootId(), s.subject());
    }

    /**
     * @param state   the latest version, or null for a fact this module did not write
     * @param version its version number (0 for a fact without one)
     */
    record Base(ContractState state, long version) {
    }
}
