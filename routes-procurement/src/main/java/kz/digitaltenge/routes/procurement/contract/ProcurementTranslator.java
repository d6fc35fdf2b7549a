package kz.digitaltenge.routes.procurement.contract;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import kz.digitaltenge.canonical.CanonicalMessage;
import kz.digitaltenge.canonical.LedgerException;
import kz.digitaltenge.canonical.ReasonCode;
import kz.digitaltenge.canonical.SourceMessageRejected;
import kz.digitaltenge.canonical.source.BatchTranslator;
import kz.digitaltenge.canonical.source.FactLookup;
import kz.digitaltenge.canonical.source.KnownFact;
import kz.digitaltenge.canonical.source.SourceHeaders;
import kz.digitaltenge.canonical.text.Text;

/**
 * The procurement portal's own JSON to {@code CONTRACT_REGISTERED} messages: a list response, one record, or a bare
 * array of records ({@link PortalDocument}), each record judged on its own — a bad one is a rejected record with its
 * number and its own JSON, the others go on. Every message is a whole version of one contract's fact, keyed by the root
 * contract's {@code contract_number_sys}: a contract record makes it ({@link ContractMapping}), an act
 * ({@link ActMapping}), a Treasury record ({@link TreasuryMapping}) or a journal deletion ({@link DeletionMapping})
 * changes the latest version (the hub's, or this file's earlier record's), and says which {@code version} it is.
 *
 * <p>Headers the hub gives: {@code import} (the import path: {@code contracts} takes contracts and journal items,
 * {@code acts} acts, {@code treasury-pay} Treasury records; a record of another kind is refused, saying where it
 * belongs; messages of the poller have none and may be any kind) and {@code callerParty} (a caller bound to one party
 * imports only contracts of which that party is the customer or the supplier).
 *
 * <p>Each message's labels: {@code record} (its number, from 1), {@code kind}, {@code id} (the portal's) and
 * {@code contractNumberSys} where there is one (a contract's own; for an act or Treasury record, the contract's key).
 */
public final class ProcurementTranslator implements BatchTranslator {
    /** Without the hub (a test, a tool): nothing is registered, so amendments, acts and Treasury records are refused. */
    public static final FactLookup NOTHING_REGISTERED = (type, subject) -> Optional.<KnownFact>empty();
    public static final long DEFAULT_MAX_BYTES = 20L * 1024 * 1024;

    private final Supplier<FactLookup> facts;
    private final ContractMapping contracts;
    private final long maxBytes;

    /**
     * @param facts the hub's registered facts, asked at each translation (the hub's bean may come after this one)
     */
    public ProcurementTranslator(Supplier<FactLookup> facts, Programmes programmes, StatusNames statusNames, long maxBytes) {
        this.facts = facts;
        this.contracts = new ContractMapping(programmes, statusNames);
        this.maxBytes = maxBytes;
    }

    public long maxBytes() {
        return maxBytes;
    }

    @Override
    public Batch translateBatch(byte[] body, Map<String, String> headers) {
        if (body == null || body.length == 0) {
            throw new SourceMessageRejected(ReasonCode.MALFORMED, "the message is empty: expected the portal's JSON (a list"
                    + " response, a record, or an array of records)");
        }
        if (body.length > maxBytes) {
            throw new SourceMessageRejected(ReasonCode.TOO_LARGE, "the document has " + body.length + " bytes; the"
                    + " procurement source takes up to " + maxBytes + " (split the list)");
        }
        Map<String, String> h = headers == null ? Map.of() : headers;
        String importPath = h.get(SourceHeaders.IMPORT);
        Set<RecordKind> admitted = importPath == null ? null : RecordKind.takenBy(importPath);
        if (importPath != null && admitted == null) {
            throw new SourceMessageRejected(ReasonCode.UNSUPPORTED, "the procurement source has no import '"
                    + Values.excerpt(importPath) + "' (contracts, acts, treasury-pay)");
        }
        String callerParty = h.get(SourceHeaders.CALLER_PARTY);
        FactLookup hub = facts.get();
        KnownContracts known = new KnownContracts(hub == null ? NOTHING_REGISTERED : hub);
        List<CanonicalMessage> messages = new ArrayList<>();
        List<Map<String, String>> labels = new ArrayList<>();
        List<RejectedRecord> rejected = new ArrayList<>();
        for (PortalDocument.Item item : PortalDocument.read(body)) {
            RecordKind kind = RecordKind.of(item.node());
            Map<String, String> l = labels(item, kind);
            try {
                if (admitted != null && kind != RecordKind.UNKNOWN && !admitted.contains(kind)) {
                    throw wrongImport(kind, importPath);
                }
                Made made = translate(item, kind, known);
                requireParty(callerParty, made.state());
                CanonicalMessage m = message(made, item);
                known.made(made.state());
                l.putIfAbsent("contractNumberSys", made.state().subject());
                messages.add(m);
                labels.add(l);
            } catch (RecordProblem p) {
                rejected.add(rejected(item, kind, l, p.reason(), p.getMessage()));
            } catch (LedgerException e) {
                rejected.add(rejected(item, kind, l, e.reason(), e.getMessage()));
            }
        }
        return new Batch(messages, rejected, labels);
    }

    /** A record's version of its contract, and what the message says of it. */
    private record Made(ContractState state, String idPrefix, String occurredAt) {
    }

    private Made translate(PortalDocument.Item item, RecordKind kind, KnownContracts known) {
        RecordFields f = new RecordFields(item.node(), "");
        return switch (kind) {
            case CONTRACT -> contract(f, known);
            case ACT -> {
                String subject = contractOf(f, "contract_root_id", "contract_id", known);
                ContractState s = ActMapping.apply(f, known.requirePortalContract(subject));
                Instant at = f.instant("approve_date") != null ? f.instant("approve_date") : f.instant("akt_date");
                yield new Made(versioned(s, known), "act:" + f.requireNumber("id") + ":" + f.code("status_id", 0),
                        at == null ? null : at.toString());
            }
            case TREASURY -> {
                String subject = contractOf(f, null, "contract_id", known);
                ContractState s = TreasuryMapping.apply(f, known.requirePortalContract(subject));
                Instant at = f.instant("pay_date") != null ? f.instant("pay_date") : f.instant("dt_reg");
                yield new Made(versioned(s, known), "treasury:" + f.number("id", 0), at == null ? null : at.toString());
            }
            case JOURNAL_DELETION -> deletion(f, known);
            case JOURNAL_CHANGE -> throw new RecordProblem(ReasonCode.INCOMPLETE, "a journal item U says only that object "
                    + Values.excerpt(f.text("object_id")) + " changed: import the record itself, or let the portal's sync read it");
            case UNKNOWN -> throw new RecordProblem(ReasonCode.SCHEMA_INVALID, item.node().isObject()
                    ? "not a portal contract, act, Treasury or journal record (it has none of contract_number_sys,"
                    + " number_act, nom_za/nom_uved/dt_reg/po_header_id, action with object_id)"
                    : "a JSON " + item.node().getNodeType().name().toLowerCase(java.util.Locale.ROOT) + ", not a record");
        };
    }

    private Made contract(RecordFields f, KnownContracts known) {
        ContractMapping.requireComplete(f);
        long id = f.requireNumber("id");
        String subject;
        if (ContractMapping.isAmendment(f)) {
            long root = f.number("root_id", 0);
            long parent = f.number("parent_id", 0);
            Optional<String> s = root != 0 && root != id ? known.subjectOf(root) : Optional.empty();
            if (s.isEmpty() && parent != 0 && parent != id) {
                s = known.subjectOf(parent);
            }
            subject = s.orElseThrow(() -> new RecordProblem(ReasonCode.UNKNOWN_REFERENCE, "the record amends contract "
                    + (root != 0 && root != id ? root : parent) + ", which is not registered: import the original contract first"));
        } else {
            // an original: the key it was registered under (a changed contract_number_sys keeps the key), else its own
            subject = known.subjectOf(id).orElse(f.requireText("contract_number_sys"));
        }
        requireSubject(subject);
        Optional<KnownContracts.Base> base = known.latest(subject);
        ContractState s = contracts.map(f, subject, base.map(KnownContracts.Base::state).orElse(null));
        String updated = f.text("last_update_date");
        return new Made(versioned(s, base), "contract:" + id + ":" + (updated == null ? "" : updated.replaceAll("[^0-9]", "")), s.portalUpdatedAt().toString());
    }

    private Made deletion(RecordFields f, KnownContracts known) {
        String service = f.text("service_name");
        if (service == null) {
            throw new RecordProblem(ReasonCode.INCOMPLETE, "the journal item names no service_name");
        }
        if (!service.equalsIgnoreCase("contract") && !service.equalsIgnoreCase("contracts")) {
            throw new RecordProblem(ReasonCode.UNSUPPORTED, "a deletion in service " + Values.excerpt(service) + ": the hub"
                    + " acts on deletions of contracts; an act's deletion arrives as the act with is_deleted 1 (import it to"
                    + " /api/procurement/acts), and the hub keeps nothing of other services");
        }
        String objectId = f.requireText("object_id");
        long id = DeletionMapping.objectId(objectId);
        String subject = known.subjectOf(id).orElseThrow(() -> new RecordProblem(ReasonCode.UNKNOWN_REFERENCE,
                "contract " + id + " is not registered: there is nothing to delete"));
        Instant at = f.instant("date_action");
        ContractState s = DeletionMapping.apply(id, at, known.requirePortalContract(subject));
        return new Made(versioned(s, known), "journal:D:" + MessageIds.part(objectId), at == null ? null : at.toString());
    }

    /** The contract a record names: by its root's id first, else by its own contract's. */
    private static String contractOf(RecordFields f, String rootField, String idField, KnownContracts known) {
        long root = rootField == null ? 0 : f.number(rootField, 0);
        long id = f.number(idField, 0);
        if (root == 0 && id == 0) {
            throw new RecordProblem(ReasonCode.INCOMPLETE, "the record names no contract (" + (rootField == null ? ""
                    : rootField + ", ") + idField + ")");
        }
        Optional<String> s = root != 0 ? known.subjectOf(root) : Optional.empty();
        if (s.isEmpty() && id != 0) {
            s = known.subjectOf(id);
        }
        return s.orElseThrow(() -> new RecordProblem(ReasonCode.UNKNOWN_REFERENCE, "contract " + (root != 0 ? root : id)
                + " is not registered: import the contract first"));
    }

    private static ContractState versioned(ContractState s, KnownContracts known) {
        return versioned(s, known.latest(s.subject()));
    }

    /** The next version number, or the latest's when nothing changed (the message then restates the fact). */
    private static ContractState versioned(ContractState s, Optional<KnownContracts.Base> base) {
        if (base.isEmpty()) {
            return s.withVersion(1);
        }
        KnownContracts.Base b = base.get();
        return b.state() != null && s.sameAs(b.state()) ? s.withVersion(b.version()) : s.withVersion(b.version() + 1);
    }

    private static CanonicalMessage message(Made made, PortalDocument.Item item) {
        ContractState s = made.state();
        Map<String, String> terms = s.terms();
        if (terms.size() > ContractTerms.MAX) {
            throw new RecordProblem(ReasonCode.OVER_LIMIT, "contract " + s.subject() + " would have " + terms.size() + " terms");
        }
        for (Map.Entry<String, String> t : terms.entrySet()) {
            Text.require(Text.Field.TERM_VALUE, "term " + t.getKey(), t.getValue());
        }
        return new CanonicalMessage(MessageIds.of(made.idPrefix(), item.bytes(), s.subject(), terms, made.occurredAt()),
                KnownContracts.TYPE, s.subject(), terms, made.occurredAt());
    }

    private static void requireSubject(String subject) {
        try {
            Text.require(Text.Field.FACT_SUBJECT, "contract_number_sys", subject);
        } catch (LedgerException e) {
            throw new RecordProblem(ReasonCode.MALFORMED, e.getMessage());
        }
        if (subject.length() > Text.Field.FACT_SUBJECT.cap()) {
            throw new RecordProblem(ReasonCode.MALFORMED, "contract_number_sys is longer than 128 characters");
        }
    }

    private static void requireParty(String party, ContractState s) {
        if (party != null && !party.equals(s.senderBin()) && !party.equals(s.recipientBin())) {
            throw new RecordProblem(ReasonCode.NOT_AUTHORIZED, "the caller speaks for " + Values.excerpt(party)
                    + ", which is neither the customer nor the supplier of contract " + s.subject());
        }
    }

    private static RecordProblem wrongImport(RecordKind kind, String importPath) {
        String belongs = switch (kind) {
            case CONTRACT, JOURNAL_DELETION, JOURNAL_CHANGE -> "contracts";
            case ACT -> "acts";
            case TREASURY -> "treasury-pay";
            case UNKNOWN -> null;
        };
        return new RecordProblem(ReasonCode.SCHEMA_INVALID, "a " + kind.label() + " record posted to /api/procurement/"
                + importPath + (belongs == null ? ", which takes its own kind of record only"
                : ": it belongs to /api/procurement/" + belongs));
    }

    private static Map<String, String> labels(PortalDocument.Item item, RecordKind kind) {
        Map<String, String> l = new LinkedHashMap<>();
        l.put("record", Integer.toString(item.number()));
        l.put("kind", kind.label());
        String id = label(item, kind == RecordKind.JOURNAL_DELETION || kind == RecordKind.JOURNAL_CHANGE ? "object_id" : "id");
        if (id != null && id.matches("[0-9A-Za-z-]{1,40}")) {
            l.put("id", id);
        }
        String sys = label(item, "contract_number_sys");
        if (sys != null && sys.matches("[0-9A-Za-z/_.-]{1,128}")) {
            l.put("contractNumberSys", sys);
        }
        return l;
    }

    private static String label(PortalDocument.Item item, String field) {
        if (!item.node().isObject()) {
            return null;
        }
        com.fasterxml.jackson.databind.JsonNode v = item.node().get(field);
        return v == null || !v.isValueNode() || v.isNull() ? null : v.asText();
    }

    private static RejectedRecord rejected(PortalDocument.Item item, RecordKind kind, Map<String, String> labels,
                                           ReasonCode reason, String why) {
        String id = labels.get("id");
        String what = kind.label() + (id == null ? "" : " " + id);
        return new RejectedRecord("record " + item.number(), reason, what + ": " + why, item.bytes(), labels);
    }
}
