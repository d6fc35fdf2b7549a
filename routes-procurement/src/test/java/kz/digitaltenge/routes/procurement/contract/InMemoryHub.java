package kz.digitaltenge.routes.procurement.contract;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import kz.digitaltenge.canonical.CanonicalMessage;
import kz.digitaltenge.canonical.LedgerException;
import kz.digitaltenge.canonical.ReasonCode;
import kz.digitaltenge.canonical.SourceMessageRejected;
import kz.digitaltenge.canonical.source.AlreadyRegistered;
import kz.digitaltenge.canonical.source.BatchTranslator;
import kz.digitaltenge.canonical.source.FactLookup;
import kz.digitaltenge.canonical.source.KnownFact;
import kz.digitaltenge.canonical.source.RegistryCheck;
import kz.digitaltenge.canonical.source.SourceHeaders;
import kz.digitaltenge.ledger.fact.Fact;
import kz.digitaltenge.ledger.fact.FactTerms;
import kz.digitaltenge.ledger.fact.FactType;
import kz.digitaltenge.routes.procurement.ProcurementSource;

/**
 * The hub as far as this module sees it, in memory: it translates a file with the source's translator, then takes each
 * message in order as the pipeline does — the ledger's {@code FactTerms}, deduplication by message id and content,
 * the source's checks (an {@link AlreadyRegistered} is UNCHANGED), storing the fact and indexing its lookup terms —
 * and answers per record REGISTERED, AMENDED, UNCHANGED, INCOMPLETE or REFUSED in file order.
 */
final class InMemoryHub implements FactLookup {
    /** One record's outcome, as the hub's import answers it. */
    record Outcome(Map<String, String> labels, String status, String reason, String message, String factId) {
    }

    private final ProcurementSource source;
    private final Map<String, List<KnownFact>> facts = new HashMap<>();
    private final Map<String, List<String>> index = new HashMap<>();
    private final Map<String, String[]> intake = new HashMap<>();
    private long clock = Instant.parse("2026-11-01T00:00:00Z").toEpochMilli();

    InMemoryHub(Programmes programmes, StatusNames names) {
        this.source = new ProcurementSource(new ProcurementTranslator(() -> this, programmes, names,
                ProcurementTranslator.DEFAULT_MAX_BYTES), null, null);
    }

    InMemoryHub() {
        this(Programmes.NONE, StatusNames.NONE);
    }

    ProcurementSource source() {
        return source;
    }

    /** {@code POST /api/procurement/<path>}. */
    List<Outcome> importFile(String path, Object document) {
        return take(Records.json(document), Map.of(SourceHeaders.IMPORT, path));
    }

    /** A message of the poller (no import header). */
    List<Outcome> poll(Object record) {
        return take(Records.json(record), Map.of());
    }

    List<Outcome> take(byte[] body, Map<String, String> headers) {
        BatchTranslator.Batch batch = ((BatchTranslator) source.translator()).translateBatch(body, headers);
        List<Outcome> out = new ArrayList<>();
        for (int i = 0; i < batch.messages().size(); i++) {
            out.add(accept(batch.messages().get(i), batch.labelsOf(i)));
        }
        for (BatchTranslator.RejectedRecord r : batch.rejected()) {
            out.add(new Outcome(r.labels(), r.reason() == ReasonCode.INCOMPLETE ? "INCOMPLETE" : "REFUSED", r.reason().name(),
                    r.message(), null));
        }
        out.sort(Comparator.comparingInt(o -> Integer.parseInt(o.labels().get("record"))));
        return out;
    }

    private Outcome accept(CanonicalMessage m, Map<String, String> labels) {
        try {
            FactTerms.validate(new Fact(FactType.valueOf(m.type()), m.subject(), new TreeMap<>(m.terms()), 0));
        } catch (LedgerException e) {
            return new Outcome(labels, "REFUSED", "SCHEMA_INVALID", e.getMessage(), null);
        }
        if (m.sourceMessageId().length() > 128) {
            return new Outcome(labels, "REFUSED", "MALFORMED", "sourceMessageId longer than 128", null);
        }
        String content = m.type() + "\n" + m.subject() + "\n" + new TreeMap<>(m.terms()) + "\n" + m.occurredAt();
        String[] seen = intake.get(m.sourceMessageId());
        if (seen != null) {
            return seen[0].equals(content) ? new Outcome(labels, "UNCHANGED", null, null, seen[1])
                    : new Outcome(labels, "REFUSED", "DUPLICATE_DIFFERENT_CONTENT", m.sourceMessageId(), null);
        }
        try {
            for (RegistryCheck check : source.checks()) {
                check.check(m, this);
            }
        } catch (AlreadyRegistered e) {
            return new Outcome(labels, "UNCHANGED", null, e.getMessage(), e.factId());
        } catch (SourceMessageRejected e) {
            return new Outcome(labels, e.code() == ReasonCode.INCOMPLETE ? "INCOMPLETE" : "REFUSED", e.reason(), e.getMessage(), null);
        }
        boolean first = !facts.containsKey(m.subject());
        Fact fact = new Fact(FactType.valueOf(m.type()), m.subject(), new TreeMap<>(m.terms()), clock++);
        String id = fact.id().hex();
        facts.computeIfAbsent(m.subject(), s -> new ArrayList<>()).add(new KnownFact(id, m.type(), m.subject(), m.terms(),
                Instant.ofEpochMilli(fact.issuedAtMillis())));
        for (String term : source.lookupTerms()) {
            String v = m.terms().get(term);
            if (v != null) {
                List<String> subjects = index.computeIfAbsent(m.type() + "|" + term + "|" + v, k -> new ArrayList<>());
                if (!subjects.contains(m.subject())) {
                    subjects.add(m.subject());
                }
            }
        }
        intake.put(m.sourceMessageId(), new String[] {content, id});
        return new Outcome(labels, first ? "REGISTERED" : "AMENDED", null, null, id);
    }

    /** Registers a fact as someone else would (by hand through the API). */
    void registerByHand(String subject, Map<String, String> terms) {
        facts.computeIfAbsent(subject, s -> new ArrayList<>()).add(new KnownFact("f".repeat(64), "CONTRACT_REGISTERED", subject,
                terms, Instant.ofEpochMilli(clock++)));
    }

    @Override
    public Optional<KnownFact> latest(String type, String subject) {
        List<KnownFact> all = facts.get(subject);
        return all == null ? Optional.empty() : Optional.of(all.get(all.size() - 1));
    }

    @Override
    public List<String> subjectsBy(String type, String term, String value) {
        return index.getOrDefault(type + "|" + term + "|" + value, List.of());
    }

    /** Every version of a contract's fact, oldest first. */
    List<KnownFact> history(String subject) {
        return facts.getOrDefault(subject, List.of());
    }

    Map<String, String> terms(String subject) {
        return latest("CONTRACT_REGISTERED", subject).orElseThrow().terms();
    }

    static Map<String, String> statuses(List<Outcome> outcomes) {
        Map<String, String> out = new LinkedHashMap<>();
        outcomes.forEach(o -> out.put(o.labels().get("record"), o.status()));
        return out;
    }
}
