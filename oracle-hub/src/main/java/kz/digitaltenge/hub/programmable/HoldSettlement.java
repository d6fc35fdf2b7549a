package kz.digitaltenge.hub.programmable;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kz.digitaltenge.canonical.LedgerException;
import kz.digitaltenge.canonical.ReasonCode;
import kz.digitaltenge.canonical.source.HoldDecision;
import kz.digitaltenge.canonical.source.HoldRules;
import kz.digitaltenge.canonical.source.KnownFact;
import kz.digitaltenge.canonical.source.SourceSystem;
import kz.digitaltenge.hub.oracle.OracleSigner;
import kz.digitaltenge.hub.pipeline.SourceFactReaction;
import kz.digitaltenge.hub.pipeline.SourceSystems;
import kz.digitaltenge.hub.quarantine.Quarantine;
import kz.digitaltenge.hub.quarantine.QuarantineReplay;
import kz.digitaltenge.hub.quarantine.QuarantinedMessage;
import kz.digitaltenge.ledger.Ledger;
import kz.digitaltenge.ledger.fact.Fact;
import kz.digitaltenge.ledger.fact.FactId;
import kz.digitaltenge.ledger.fact.FactType;
import kz.digitaltenge.ledger.fact.SignedFact;
import kz.digitaltenge.ledger.tx.CommittedTransaction;
import kz.digitaltenge.ledger.tx.Output;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The oracle as the controller of held money on events, automatically: when a fact of a source that drives holds is
 * stored ({@code EVENT_OCCURRED}; the source declares {@link HoldRules}), the source's rules decide what it means, the
 * decision is recorded ({@link HoldDecisions}), and the hub carries it out — it signs the approval and commits the
 * release, or the early return, itself; a refusal is quarantined with its reason and the money stays held. Nobody calls
 * a release endpoint.
 *
 * <p>Exactly once per occurrence: a fact is decided once (under its subject's lock, recorded before anything moves);
 * carrying it out is idempotent (the approval is made of the occurrence and the amount; the release's reference is
 * deterministic and the ledger lets an occurrence release once; a return spends each held output once); a decision
 * left PENDING by a crash, or a stored fact with no decision, is finished by {@link #sweep()} — on every hub, any number
 * of times.
 */
public final class HoldSettlement implements SourceFactReaction, QuarantineReplay {
    /** The quarantine's route of refused hold decisions. */
    static final String ROUTE = "hold-settlement";
    private static final Logger LOG = LoggerFactory.getLogger(HoldSettlement.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Ledger ledger;
    private final EventRelease release;
    private final OracleSigner oracle;
    private final HoldDecisions decisions;
    private final Quarantine quarantine;
    private final SourceSystems sources;
    private final SettlementSeam seam;

    public HoldSettlement(Ledger ledger, EventRelease release, OracleSigner oracle, javax.sql.DataSource db, Quarantine quarantine,
                          SourceSystems sources) {
        this(ledger, release, oracle, db, quarantine, sources, SettlementSeam.NONE);
    }

    public HoldSettlement(Ledger ledger, EventRelease release, OracleSigner oracle, javax.sql.DataSource db, Quarantine quarantine,
                          SourceSystems sources, SettlementSeam seam) {
        this.seam = seam;
        this.ledger = ledger;
        this.release = release;
        this.oracle = oracle;
        this.decisions = new HoldDecisions(db);
        this.quarantine = quarantine;
        this.sources = sources;
    }

    @Override
    public void stored(String sourceId, SourceSystem source, KnownFact fact) {
        HoldRules rules = source.holdRules();
        if (rules == null || !FactType.EVENT_OCCURRED.name().equals(fact.type())) {
            return;
        }
        settle(sourceId, rules, fact, false);
    }

    /** What the fact's decision came to (for a replay's answer). */
    private record Done(HoldDecisions.Row row, String outcome, String message) {
    }

    private Done settle(String sourceId, HoldRules rules, KnownFact fact, boolean replaying) {
        seam.beforeDecision(fact);
        HoldDecisions.Row row = decisions.decideOnce(fact.id(), sourceId, fact.subject(),
                () -> rules.decide(fact, new LedgerHoldBook(ledger, decisions, fact.id())));
        if (!row.pending()) {
            return new Done(row, row.outcome(), row.detail());
        }
        seam.beforeCarryingOut(fact);
        return carryOut(row, fact, replaying);
    }

    private Done carryOut(HoldDecisions.Row row, KnownFact fact, boolean replaying) {
        try {
            switch (row.decision()) {
                case "RELEASE" -> {
                    FactId occurrence = occurrence(row.eventId(), fact, row.amount());
                    CommittedTransaction tx = release.release(row.eventId(), occurrence, row.amount());
                    long paid = recipientShare(tx, row.eventId());
                    decisions.done(fact.id(), "RELEASED", paid, tx.id().hex(), null);
                    LOG.info("released {} tiyn held for event {} ({}) in {}", paid, row.eventId(), row.detail(), tx.id().hex());
                    return new Done(row, "RELEASED", row.detail());
                }
                case "RETURN_ALL" -> {
                    FactId occurrence = occurrence(row.eventId(), fact, null);
                    long returned = release.voidHold(row.eventId(), occurrence);
                    decisions.done(fact.id(), "RETURNED", 0, null, null);
                    LOG.info("returned {} tiyn held for event {} to its sender ({})", returned, row.eventId(), row.detail());
                    return new Done(row, "RETURNED", row.detail());
                }
                case "REFUSE" -> {
                    return refuse(row, fact, row.reasonCode(), row.detail(), replaying);
                }
                default -> {
                    decisions.done(fact.id(), "UNCHANGED", 0, null, null);
                    return new Done(row, "UNCHANGED", row.detail());
                }
            }
        } catch (LedgerException e) {
            if (e.reason() == ReasonCode.UNAVAILABLE) {
                throw e; // stays PENDING: the sweep carries it out once the store is back
            }
            // the ledger refused what the rules allowed (the hold expired meanwhile, more than is held): the back office sees it
            return refuse(row, fact, e.reason().name(), e.getMessage(), replaying);
        }
    }

    private Done refuse(HoldDecisions.Row row, KnownFact fact, String reason, String message, boolean replaying) {
        Long q = null;
        if (!replaying) {
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("factId", fact.id());
            headers.put("subject", fact.subject());
            if (row.eventId() != null) {
                headers.put("eventId", row.eventId());
            }
            q = quarantine.put(QuarantinedMessage.of(row.source(), "fact:" + fact.id(), ROUTE, reason,
                    message + " — the money stays held", "application/json", headers, body(fact)));
        }
        decisions.done(fact.id(), "REFUSED", 0, null, q);
        return new Done(row, "REFUSED", message);
    }

    /**
     * The occurrence the approval names: the source's fact itself when it is about the event and states no smaller
     * amount, else the oracle's own occurrence of the event made of it (an animal's owner change found the borrower's
     * loan; a status that stated 0 for "no amount") — issued when the source's fact was, so it is the same fact however
     * often it is made.
     */
    private FactId occurrence(String eventId, KnownFact fact, Long amount) {
        String stated = fact.term("amount");
        boolean covers = stated == null || amount == null || Long.parseLong(stated) >= amount;
        if (fact.subject().equals(eventId) && covers) {
            return FactId.parse(fact.id());
        }
        Map<String, String> terms = new LinkedHashMap<>();
        terms.put("occurrence", fact.term("occurrence") == null ? "fact:" + fact.id() : fact.term("occurrence"));
        terms.put("sourceFact", fact.id());
        if (amount != null) {
            terms.put("amount", Long.toString(amount));
        }
        SignedFact derived = oracle.sign(Fact.of(FactType.EVENT_OCCURRED, eventId, terms, fact.issuedAt()));
        ledger.facts().register(derived);
        return derived.id();
    }

    /**
     * What the release paid the event's recipient: its unheld outputs to the recipient. Not every unheld output — a
     * partial release of a SINGLE hold returns the rest to the sender unheld, which was counted as released before.
     */
    private long recipientShare(CommittedTransaction tx, String eventId) {
        kz.digitaltenge.canonical.id.AccountNumber recipient = release.event(eventId).fact().account("recipient");
        long paid = 0;
        for (Output o : tx.signed().tx().outputs()) {
            if (o.hold() == null && o.owner().equals(recipient)) {
                paid += o.amount();
            }
        }
        return paid;
    }

    private static byte[] body(KnownFact fact) {
        try {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("factId", fact.id());
            m.put("type", fact.type());
            m.put("subject", fact.subject());
            m.put("terms", fact.terms());
            m.put("issuedAt", fact.issuedAt().toString());
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(m);
        } catch (Exception e) {
            return fact.id().getBytes(StandardCharsets.UTF_8);
        }
    }

    /**
     * Finishes what a crash left: decisions recorded but not carried out, and facts of hold-driving sources stored
     * without a decision. Safe on every hub at once and any number of times.
     */
    public int sweep() {
        int done = 0;
        for (HoldDecisions.Row row : decisions.pending(200)) {
            KnownFact fact = known(row.factId());
            if (fact != null) {
                carryOut(row, fact, false);
                done++;
            }
        }
        List<String> holdSources = sources.all().stream().filter(d -> d.system().holdRules() != null).map(SourceSystems.Declared::id).toList();
        for (String[] undecided : decisions.undecided(holdSources, 200)) {
            KnownFact fact = known(undecided[1]);
            SourceSystems.Declared source = sources.find(undecided[0]).orElse(null);
            if (fact != null && source != null && FactType.EVENT_OCCURRED.name().equals(fact.type())) {
                settle(source.id(), source.system().holdRules(), fact, false);
                done++;
            }
        }
        return done;
    }

    private KnownFact known(String factId) {
        return ledger.facts().find(FactId.parse(factId)).map(SourceFactReaction::known).orElse(null);
    }

    /** A refused decision retried from the quarantine: decided again from what is registered now. */
    @Override
    public Outcome replay(QuarantinedMessage m) {
        if (!ROUTE.equals(m.routeId()) || m.headers().get("factId") == null) {
            return Outcome.noRoute("not a hold decision");
        }
        String factId = m.headers().get("factId");
        KnownFact fact = known(factId);
        SourceSystems.Declared source = sources.find(m.sourceSystem()).orElse(null);
        if (fact == null || source == null || source.system().holdRules() == null) {
            return Outcome.failed(ReasonCode.NOT_FOUND, "the fact or its source's hold rules are gone");
        }
        decisions.forget(factId);
        Done done = settle(source.id(), source.system().holdRules(), fact, true);
        if ("REFUSED".equals(done.outcome())) {
            HoldDecisions.Row row = decisions.find(factId).orElseThrow();
            return Outcome.failed(row.reasonCode() == null ? ReasonCode.BUSINESS_RULE.name() : row.reasonCode(), done.message());
        }
        return Outcome.replayed(done.outcome().toLowerCase(java.util.Locale.ROOT) + ": " + (done.message() == null ? "" : done.message()));
    }

    @Override
    public EditCheck checkEdit(QuarantinedMessage original, byte[] editedBody, String editedContentType) {
        if (!ROUTE.equals(original.routeId())) {
            return EditCheck.unknown();
        }
        return EditCheck.refused("a hold decision is about a signed fact; it is retried as it is, never edited");
    }

    static Instant now(Ledger ledger) {
        return ledger.clock().instant();
    }
}
