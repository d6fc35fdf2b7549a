package kz.digitaltenge.hub.programmable;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import kz.digitaltenge.canonical.LedgerException;
import kz.digitaltenge.canonical.ReasonCode;
import kz.digitaltenge.canonical.money.Tiyn;
import kz.digitaltenge.hub.oracle.OracleSigner;
import kz.digitaltenge.ledger.Ledger;
import kz.digitaltenge.ledger.fact.Fact;
import kz.digitaltenge.ledger.fact.FactId;
import kz.digitaltenge.ledger.fact.FactType;
import kz.digitaltenge.ledger.fact.SignedFact;
import kz.digitaltenge.ledger.programmable.LimitUse;

/**
 * An event's history as it happened, each entry saying who made it: the occurrences a <b>source</b> sent (its fact as
 * the source stated it — a subsidy's status with the amount it gave, 0 for none; an animal's owner change, even when it
 * names the borrower rather than the loan) with what the hub decided about each, and the occurrences the <b>oracle</b>
 * made itself (of a source's fact, when that fact named something else or stated no amount to release; a void the
 * programme's owner asked for) with the approvals that name them and whether they released. Read-only.
 *
 * <p>Who made an entry: a fact the hub decided for a source that drives holds is the source's ({@code hold_decisions});
 * a fact with a {@code sourceFact} term is the oracle's, made of that fact; any other is looked up in the intake's
 * repository (the source's, if it came in through the intake), else it is the oracle's when signed by the hub's oracle
 * key, or the signer's ({@code SIGNED}, registered with its own key through {@code POST /api/oracle/facts}).
 */
public final class EventHistory {
    /** Who made an entry. */
    public enum Origin { SOURCE, ORACLE, SIGNED }

    /** What the hub decided about a source's fact, and through which occurrence it was carried out. */
    public record Decision(String outcome, String amount, String released, String reasonCode, String detail,
                           String occurrenceFactId, String transactionId, Long quarantineId) {
    }

    /** An approval of the oracle that names an occurrence. */
    public record Approval(String type, String factId, String amount) {
    }

    /**
     * One entry: a fact about the event (or, for a source's fact about something else, the one decided for it), who made
     * it, its terms as registered, the hub's decision about it (source facts of sources that drive holds), the
     * approvals naming it, and whether it released held money itself.
     */
    public record Entry(String factId, String subject, Instant issuedAt, String occurrence, String amount, Origin origin,
                        String source, String madeOf, String keyId, Map<String, String> terms,
                        Decision decision, List<Approval> approvals, boolean released, String summary) {
    }

    private static final HexFormat HEX = HexFormat.of();

    private final Ledger ledger;
    private final DataSource db;
    private final HoldDecisions decisions;
    private final String oracleKeyId;

    public EventHistory(Ledger ledger, DataSource db, OracleSigner oracle) {
        this.ledger = ledger;
        this.db = db;
        this.decisions = new HoldDecisions(db);
        this.oracleKeyId = oracle.keyId();
    }

    /** The history of a registered event, oldest first (a fact the oracle made of a source's fact right after it). */
    public List<Entry> of(String eventId) {
        if (ledger.facts().latest(FactType.EVENT_REGISTERED, eventId).isEmpty()) {
            throw new LedgerException(ReasonCode.NOT_FOUND, "event " + eventId + " is not registered");
        }
        Map<String, HoldDecisions.Row> decided = new LinkedHashMap<>();
        for (HoldDecisions.Row row : decisions.ofEvent(eventId)) {
            decided.put(row.factId(), row);
        }
        Map<String, SignedFact> facts = new LinkedHashMap<>();
        for (SignedFact f : ledger.queries().factsAbout(FactType.EVENT_OCCURRED, eventId)) {
            facts.put(f.id().hex(), f);
        }
        // a source's fact about something else (an animal's owner change naming the borrower) decided for this event
        for (String factId : decided.keySet()) {
            if (!facts.containsKey(factId)) {
                ledger.facts().find(FactId.parse(factId)).ifPresent(f -> facts.put(factId, f));
            }
        }
        Map<String, List<Approval>> approvals = approvals(eventId);
        // the occurrence a source's fact was carried out through: the oracle's own made of it, else the fact itself
        Map<String, String> madeOf = new LinkedHashMap<>();
        for (SignedFact f : facts.values()) {
            String source = f.fact().optional("sourceFact");
            if (source != null) {
                madeOf.put(source, f.id().hex());
            }
        }
        Map<String, String> intake = intake(facts.keySet().stream()
                .filter(id -> !decided.containsKey(id) && facts.get(id).fact().optional("sourceFact") == null).toList());

        List<Entry> entries = new ArrayList<>();
        for (SignedFact f : facts.values()) {
            String id = f.id().hex();
            Fact fact = f.fact();
            HoldDecisions.Row row = decided.get(id);
            String sourceFact = fact.optional("sourceFact");
            Origin origin;
            String source = null;
            if (row != null) {
                origin = Origin.SOURCE;
                source = row.source();
            } else if (sourceFact != null) {
                origin = Origin.ORACLE;
            } else if (intake.containsKey(id)) {
                origin = Origin.SOURCE;
                source = intake.get(id);
            } else {
                origin = oracleKeyId.equals(f.keyId()) ? Origin.ORACLE : Origin.SIGNED;
            }
            Decision decision = row == null ? null : decision(row, madeOf.getOrDefault(id, id));
            boolean released = fact.subject().equals(eventId) && ledger.queries().usage(LimitUse.fact(f.id()))
                    .getOrDefault(LimitUse.Kind.OCCURRENCE_RELEASED, 0L) > 0;
            String amount = fact.optional("amount") == null ? null : Tiyn.format(fact.tiyn("amount"));
            List<Approval> named = approvals.getOrDefault(id, List.of());
            entries.add(new Entry(id, fact.subject(), Instant.ofEpochMilli(fact.issuedAtMillis()), fact.optional("occurrence"), amount,
                    origin, source, sourceFact, f.keyId(), fact.terms(), decision, named, released,
                    summary(origin, source, f, amount, decision, named, released)));
        }
        // oldest first; what the oracle made of a source's fact (issued when that fact was) right after it
        entries.sort(Comparator.comparing(Entry::issuedAt).thenComparing(e -> e.origin() == Origin.SOURCE ? 0 : 1));
        return entries;
    }

    private static Decision decision(HoldDecisions.Row row, String through) {
        boolean carriedOut = "RELEASED".equals(row.outcome()) || "RETURNED".equals(row.outcome());
        return new Decision(row.outcome(), row.amount() == null ? null : Tiyn.format(row.amount()), Tiyn.format(row.released()),
                row.reasonCode(), row.detail(), carriedOut ? through : null, row.transactionId(), row.quarantineId());
    }

    /** The oracle's RELEASE_APPROVED and VOID_APPROVED about the event, by the occurrence each names. */
    private Map<String, List<Approval>> approvals(String eventId) {
        Map<String, List<Approval>> out = new LinkedHashMap<>();
        for (FactType type : List.of(FactType.RELEASE_APPROVED, FactType.VOID_APPROVED)) {
            for (SignedFact a : ledger.queries().factsAbout(type, eventId)) {
                String occurrence = a.fact().optional("occurrence");
                if (occurrence != null) {
                    String amount = a.fact().optional("amount") == null ? null : Tiyn.format(a.fact().tiyn("amount"));
                    out.computeIfAbsent(occurrence, k -> new ArrayList<>()).add(new Approval(type.name(), a.id().hex(), amount));
                }
            }
        }
        return out;
    }

    /**
     * The source system of each of these facts that came in through the intake, by fact id. Asked only for the facts no
     * hold decision names (of sources without hold rules, or made by the oracle), few in an event's history.
     */
    private Map<String, String> intake(List<String> factIds) {
        Map<String, String> out = new LinkedHashMap<>();
        if (factIds.isEmpty()) {
            return out;
        }
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("select source_system, fact_id"
                + " from intake_messages where fact_id = any(select decode(x, 'hex') from unnest(?::text[]) x)")) {
            ps.setArray(1, c.createArrayOf("text", factIds.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(HEX.formatHex(rs.getBytes(2)), rs.getString(1));
                }
            }
        } catch (SQLException e) {
            throw new LedgerException(ReasonCode.UNAVAILABLE, "the intake's repository is unavailable: " + e.getMessage(), e);
        }
        return out;
    }

    /** One line a person reads: who made the entry, what it says, what came of it. */
    private static String summary(Origin origin, String source, SignedFact signed, String amount, Decision decision,
                                  List<Approval> approvals, boolean released) {
        Fact fact = signed.fact();
        String sourceFact = fact.optional("sourceFact");
        StringBuilder b = new StringBuilder();
        String occurrence = fact.optional("occurrence");
        switch (origin) {
            case SOURCE -> {
                b.append("sent by ").append(source == null ? "a source" : source).append(": ")
                        .append(occurrence == null ? fact.type().name() : occurrence);
                if (fact.optional("status") != null) {
                    b.append(", status ").append(fact.optional("status"));
                }
                if (amount != null) {
                    b.append(", amount ").append(amount);
                }
                b.append(" (as the source stated it)");
                if (decision != null) {
                    b.append(" — ").append(decision.outcome());
                    if ("RELEASED".equals(decision.outcome())) {
                        b.append(' ').append(decision.released());
                    }
                    if (decision.reasonCode() != null) {
                        b.append(' ').append(decision.reasonCode());
                    }
                    if (decision.occurrenceFactId() != null && !decision.occurrenceFactId().equals(signed.id().hex())) {
                        b.append(" through the oracle's occurrence ").append(decision.occurrenceFactId(), 0, 16);
                    }
                }
            }
            case ORACLE -> {
                b.append("made by the oracle: ").append(occurrence == null ? fact.type().name() : occurrence);
                if (amount != null) {
                    b.append(", amount ").append(amount);
                }
                if (sourceFact != null) {
                    b.append(", of the source's fact ").append(sourceFact, 0, 16);
                } else if (fact.optional("voidedBy") != null) {
                    b.append(", a void asked by ").append(fact.optional("voidedBy"));
                }
            }
            case SIGNED -> b.append("registered under key ").append(signed.keyId()).append(": ")
                    .append(occurrence == null ? fact.type().name() : occurrence);
        }
        for (Approval a : approvals) {
            b.append("; ").append(a.type()).append(a.amount() == null ? "" : " " + a.amount());
        }
        if (released) {
            b.append("; released");
        }
        return b.toString();
    }
}
