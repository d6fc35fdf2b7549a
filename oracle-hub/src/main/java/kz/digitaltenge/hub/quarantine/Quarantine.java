package kz.digitaltenge.hub.quarantine;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import kz.digitaltenge.hub.quarantine.QuarantineReplay.Outcome;
import kz.digitaltenge.canonical.LedgerException;
import kz.digitaltenge.canonical.ReasonCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Failed-message operations (docs/quarantine.md): store every failed message with its original bytes, list and group
 * them, retry (through {@link QuarantineReplay}), edit-and-retry (a new linked entry, the original kept unchanged),
 * reject with a written reason, in bulk by reason code or ids. Each change and its audit-log line commit in the same
 * database transaction; the audit log is only appended to.
 *
 * <p>Refusals are {@link LedgerException}s: {@code NOT_FOUND}, {@code CONFLICT} (the entry is not QUARANTINED),
 * {@code MALFORMED} (e.g. a blank reject reason), {@code UNAVAILABLE} (the database; nothing was stored).
 */
public final class Quarantine {
    /** Most entries one bulk call acts on; call again for the rest of a larger group. */
    public static final int MAX_BULK = 1000;
    public static final String TARGET = "quarantine";
    public static final String GROUP_TARGET = "quarantine-group";
    public static final String SYSTEM = "system";
    private static final Logger LOG = LoggerFactory.getLogger(Quarantine.class);

    private final QuarantineStore store;
    private final Supplier<List<QuarantineReplay>> replays;

    /** @param replays the replay implementations, asked in order (looked up on every retry) */
    public Quarantine(QuarantineStore store, Supplier<List<QuarantineReplay>> replays) {
        this.store = store;
        this.replays = replays;
    }

    public Quarantine(QuarantineStore store, QuarantineReplay replay) {
        this(store, () -> List.of(replay));
    }

    // ------------------------------------------------------------------ results

    public record RetryResult(QuarantinedMessage entry, Outcome outcome) {
    }

    public record EditResult(QuarantinedMessage original, QuarantinedMessage copy, Outcome outcome) {
    }

    /** What a bulk call selects: exactly one of a reason code (its QUARANTINED entries, oldest first) or ids. */
    public record Selection(String reasonCode, List<Long> ids) {
        public static Selection reason(String reasonCode) {
            return new Selection(reasonCode, null);
        }

        public static Selection ids(List<Long> ids) {
            return new Selection(null, ids);
        }

        String describe() {
            return reasonCode != null ? "reason:" + reasonCode : "ids:" + ids;
        }
    }

    /** One entry of a bulk call: its status afterwards, or why it was skipped ({@code error} = reason code). */
    public record BulkItem(long id, QuarantineStatus status, String error, String message) {
    }

    public record BulkResult(String selection, int selected, int done, int skipped, List<BulkItem> items) {
    }

    public record Groups(QuarantineStatus status, List<QuarantineStore.Group> byReason,
                         List<QuarantineStore.Group> bySource) {
    }

    // ------------------------------------------------------------------ store and read

    /**
     * Stores a failed message and answers its id. Throws (UNAVAILABLE) when it cannot be stored: the caller must
     * then not acknowledge the message to its source, so the source delivers it again.
     */
    public long put(QuarantinedMessage message) {
        return store.inTransaction(c -> {
            long id = store.insert(c, message);
            store.appendAudit(c, SYSTEM, "QUARANTINE", TARGET, Long.toString(id), abbreviate("source="
                    + message.sourceSystem() + ", sourceMessageId=" + message.sourceMessageId() + ", route="
                    + message.routeId() + ", reason=" + message.reasonCode() + ": " + message.reasonMessage()
                    + " (" + message.body().length + " bytes)"));
            LOG.info("quarantined #{} from {} ({}): {}", id, message.sourceSystem(), message.reasonCode(),
                    message.reasonMessage());
            return id;
        });
    }

    public Page<QuarantinedMessage> list(QuarantineFilter filter, int page, int size) {
        checkPage(page, size);
        return store.inTransaction(c -> store.list(c, filter == null ? QuarantineFilter.any() : filter, page, size));
    }

    /** The back office's search: filters, free text, a page by cursor ({@link QuarantineSearch}). */
    public QuarantineSearch.Slice search(QuarantineFilter filter, String text, Long after, Long before, int size) {
        checkPage(0, size);
        return store.inTransaction(c -> QuarantineSearch.slice(c, filter == null ? QuarantineFilter.any() : filter, text,
                after, before, size));
    }

    /** Counts of the QUARANTINED entries per reason code and per source system, largest first. */
    public Groups groups() {
        return groups(QuarantineStatus.QUARANTINED);
    }

    public Groups groups(QuarantineStatus status) {
        return store.inTransaction(c -> new Groups(status, store.groups(c, "reason_code", status),
                store.groups(c, "source_system", status)));
    }

    public QuarantinedMessage get(long id) {
        return store.inTransaction(c -> store.find(c, id, false)).orElseThrow(() -> notFound(id));
    }

    public Page<AuditEntry> audit(AuditFilter filter, int page, int size) {
        checkPage(page, size);
        return store.inTransaction(c -> store.audit(c, filter, page, size));
    }

    // ------------------------------------------------------------------ actions

    /**
     * Replays the entry as stored. REPLAYED → RESOLVED (with what it produced); FAILED → stays QUARANTINED with the
     * new reason; NO_ROUTE → stays QUARANTINED with the answer as note. The attempt is in the audit log either way.
     * The entry's row is locked while the replay runs, so two retries of one entry never replay it twice.
     */
    public RetryResult retry(long id, String actor) {
        String who = actor(actor);
        return store.inTransaction(c -> retryIn(c, id, who));
    }

    /**
     * Stores the edited message as a new entry linked to the original ({@code retryOf}), marks the original RETRIED
     * ({@code retriedAs}, its bytes, headers and reason unchanged), then retries the new entry.
     *
     * @param newHeaders null keeps the original headers
     * @param newContentType null keeps the original content type
     */
    public EditResult editAndRetry(long id, byte[] newBody, Map<String, String> newHeaders, String newContentType,
                                   String actor) {
        String who = actor(actor);
        if (newBody == null) {
            throw new LedgerException(ReasonCode.MALFORMED, "the edited body is missing");
        }
        QuarantinedMessage current = get(id);
        if (current.status() != QuarantineStatus.QUARANTINED) {
            throw notActionable(current, "edit and retry");
        }
        String refusal = editRefusal(current, newBody, newHeaders, newContentType);
        if (refusal != null) {
            store.inTransaction(c -> store.appendAudit(c, who, "EDIT_REFUSED", TARGET, Long.toString(id), abbreviate(refusal)));
            throw new LedgerException(ReasonCode.NOT_AUTHORIZED, refusal);
        }
        long copyId = store.inTransaction(c -> {
            QuarantinedMessage original = actionable(c, id, "edit and retry");
            QuarantinedMessage copy = new QuarantinedMessage(null, null, original.sourceSystem(),
                    original.sourceMessageId(), original.routeId(), original.reasonCode(), original.reasonMessage(),
                    newContentType != null ? newContentType : original.contentType(),
                    newHeaders != null ? newHeaders : original.headers(), newBody.clone(),
                    QuarantineStatus.QUARANTINED, original.id(), null, null, null, 0, null);
            long newId = store.insert(c, copy);
            store.updateState(c, id, QuarantineStatus.RETRIED, newId, null,
                    "edited by " + who + " and retried as #" + newId, original.reasonCode(),
                    original.reasonMessage(), original.attempts());
            store.appendAudit(c, who, "EDIT_AND_RETRY", TARGET, Long.toString(id), "edited copy #" + newId + " ("
                    + newBody.length + " bytes" + (newHeaders != null ? ", headers replaced" : "")
                    + (newContentType != null ? ", content type " + newContentType : "") + ")");
            store.appendAudit(c, who, "QUARANTINE", TARGET, Long.toString(newId), "edited copy of #" + id);
            return newId;
        });
        RetryResult retried = store.inTransaction(c -> retryIn(c, copyId, who));
        return new EditResult(get(id), retried.entry(), retried.outcome());
    }

    /** Rejects the entry for good with a written reason (required). */
    public QuarantinedMessage reject(long id, String reason, String actor) {
        String who = actor(actor);
        String why = requireReason(reason);
        return store.inTransaction(c -> {
            rejectIn(c, actionable(c, id, "reject"), why, who);
            return store.find(c, id, false).orElseThrow();
        });
    }

    /**
     * Retries each selected entry in its own transaction (one entry's outcome never undoes another's); entries that
     * are missing or not QUARANTINED are skipped and reported. Ends with one BULK_RETRY audit line.
     */
    public BulkResult bulkRetry(Selection selection, String actor) {
        String who = actor(actor);
        List<Long> ids = select(selection);
        List<BulkItem> items = new ArrayList<>();
        int done = 0;
        for (long id : ids) {
            try {
                RetryResult r = store.inTransaction(c -> retryIn(c, id, who));
                items.add(new BulkItem(id, r.entry().status(), null, r.outcome().result().name()));
                done++;
            } catch (LedgerException e) {
                if (e.reason() == ReasonCode.UNAVAILABLE) {
                    throw e;
                }
                items.add(new BulkItem(id, null, e.reason().name(), e.getMessage()));
            }
        }
        BulkResult result = new BulkResult(selection.describe(), ids.size(), done, ids.size() - done, items);
        store.inTransaction(c -> store.appendAudit(c, who, "BULK_RETRY", GROUP_TARGET, abbreviate(selection.describe()),
                summary(result)));
        return result;
    }

    /**
     * Rejects every selected QUARANTINED entry with the same written reason, all in one transaction together with
     * their audit lines and one BULK_REJECT line; missing or not-QUARANTINED entries are skipped and reported.
     */
    public BulkResult bulkReject(Selection selection, String reason, String actor) {
        String who = actor(actor);
        String why = requireReason(reason);
        List<Long> ids = select(selection);
        return store.inTransaction(c -> {
            List<BulkItem> items = new ArrayList<>();
            int done = 0;
            for (long id : ids) {
                var found = store.find(c, id, true);
                if (found.isEmpty()) {
                    items.add(new BulkItem(id, null, ReasonCode.NOT_FOUND.name(), notFound(id).getMessage()));
                } else if (found.get().status() != QuarantineStatus.QUARANTINED) {
                    items.add(new BulkItem(id, found.get().status(), ReasonCode.CONFLICT.name(),
                            notActionable(found.get(), "reject").getMessage()));
                } else {
                    rejectIn(c, found.get(), why, who);
                    items.add(new BulkItem(id, QuarantineStatus.REJECTED, null, null));
                    done++;
                }
            }
            BulkResult result = new BulkResult(selection.describe(), ids.size(), done, ids.size() - done, items);
            store.appendAudit(c, who, "BULK_REJECT", GROUP_TARGET, abbreviate(selection.describe()),
                    abbreviate(summary(result) + "; reason: " + why));
            return result;
        });
    }

    // ------------------------------------------------------------------ internals

    private RetryResult retryIn(Connection c, long id, String who) throws SQLException {
        QuarantinedMessage m = actionable(c, id, "retry");
        Outcome o = replay(m);
        int attempts = m.attempts() + 1;
        String target = Long.toString(id);
        switch (o.result()) {
            case REPLAYED -> {
                store.updateState(c, id, QuarantineStatus.RESOLVED, m.retriedAs(), o.producedRef(),
                        "replayed by " + who, m.reasonCode(), m.reasonMessage(), attempts);
                store.appendAudit(c, who, "RETRY", TARGET, target, abbreviate("attempt " + attempts + ": replayed, RESOLVED"
                        + (o.producedRef() != null ? ", produced " + o.producedRef() : "")));
            }
            case FAILED -> {
                store.updateState(c, id, QuarantineStatus.QUARANTINED, m.retriedAs(), null,
                        "retry " + attempts + " failed (was " + m.reasonCode() + ")", o.reasonCode(), o.message(),
                        attempts);
                store.appendAudit(c, who, "RETRY", TARGET, target, abbreviate("attempt " + attempts + ": failed, "
                        + o.reasonCode() + ": " + o.message() + " (was " + m.reasonCode() + ")"));
            }
            case NO_ROUTE -> {
                store.updateState(c, id, QuarantineStatus.QUARANTINED, m.retriedAs(), null, o.message(),
                        m.reasonCode(), m.reasonMessage(), attempts);
                store.appendAudit(c, who, "RETRY", TARGET, target, abbreviate("attempt " + attempts + ": not replayed, "
                        + o.message()));
            }
            default -> throw new IllegalStateException(o.result().name());
        }
        return new RetryResult(store.find(c, id, false).orElseThrow(), o);
    }

    /**
     * Why this edit may not be retried; null when it only corrects the format. Headers are what the transport and the
     * source stated (who sent it, its signature, the source's own ids): an edit never changes them. The body is judged
     * by the replay of its source.
     */
    private String editRefusal(QuarantinedMessage original, byte[] body, Map<String, String> headers, String contentType) {
        if (headers != null && !headers.equals(original.headers())) {
            return "the headers of a message are what its transport and its source stated (who sent it, its signature, the"
                    + " source's own identifiers); an edit corrects the body only";
        }
        for (QuarantineReplay r : replays.get()) {
            QuarantineReplay.EditCheck check = r.checkEdit(original, body, contentType != null ? contentType : original.contentType());
            if (check.verdict() != QuarantineReplay.EditCheck.Verdict.UNKNOWN) {
                return check.verdict() == QuarantineReplay.EditCheck.Verdict.ALLOWED ? null : check.refusal();
            }
        }
        return "no route of source " + original.sourceSystem() + " judges edits of its messages, so none is admitted";
    }

    private void rejectIn(Connection c, QuarantinedMessage m, String why, String who) throws SQLException {
        store.updateState(c, m.id(), QuarantineStatus.REJECTED, m.retriedAs(), null, why, m.reasonCode(),
                m.reasonMessage(), m.attempts());
        store.appendAudit(c, who, "REJECT", TARGET, Long.toString(m.id()), abbreviate(why));
    }

    private Outcome replay(QuarantinedMessage m) {
        Outcome last = null;
        for (QuarantineReplay r : replays.get()) {
            Outcome o;
            try {
                o = r.replay(m);
            } catch (RuntimeException e) {
                LOG.warn("replay of quarantined #{} threw", m.id(), e);
                o = Outcome.failed(kz.digitaltenge.canonical.ReasonCode.REPLAY_ERROR, String.valueOf(e.getMessage()));
            }
            if (o == null) {
                o = Outcome.failed(kz.digitaltenge.canonical.ReasonCode.REPLAY_ERROR, "the replay of source " + m.sourceSystem() + " answered nothing");
            }
            if (o.result() != Outcome.Result.NO_ROUTE) {
                return o;
            }
            last = o;
        }
        return last != null ? last : Outcome.noRoute("no replay route for source " + m.sourceSystem());
    }

    /** The entry, locked for this transaction, if it can be acted on. */
    private QuarantinedMessage actionable(Connection c, long id, String action) throws SQLException {
        QuarantinedMessage m = store.find(c, id, true).orElseThrow(() -> notFound(id));
        if (m.status() != QuarantineStatus.QUARANTINED) {
            throw notActionable(m, action);
        }
        return m;
    }

    private List<Long> select(Selection s) {
        if (s == null || (s.reasonCode() == null) == (s.ids() == null)) {
            throw new LedgerException(ReasonCode.MALFORMED, "give exactly one of reasonCode or ids");
        }
        if (s.ids() != null) {
            if (s.ids().isEmpty() || s.ids().size() > MAX_BULK) {
                throw new LedgerException(ReasonCode.MALFORMED, "ids: between 1 and " + MAX_BULK + " ids");
            }
            return s.ids().stream().distinct().toList();
        }
        if (s.reasonCode().isBlank()) {
            throw new LedgerException(ReasonCode.MALFORMED, "reasonCode is blank");
        }
        return store.inTransaction(c -> store.quarantinedIds(c, s.reasonCode(), MAX_BULK));
    }

    private static String requireReason(String reason) {
        if (reason == null || reason.isBlank()) {
            throw new LedgerException(ReasonCode.MALFORMED, "a rejection needs a written reason");
        }
        return reason.strip();
    }

    private static String summary(BulkResult r) {
        return r.selection() + ": " + r.selected() + " selected, " + r.done() + " done, " + r.skipped() + " skipped";
    }

    static String actor(String actor) {
        return actor == null || actor.isBlank() ? "anonymous" : actor;
    }

    private static void checkPage(int page, int size) {
        if (page < 0 || size < 1 || size > 500) {
            throw new LedgerException(ReasonCode.MALFORMED, "page >= 0 and size 1..500");
        }
    }

    private static LedgerException notFound(long id) {
        return new LedgerException(ReasonCode.NOT_FOUND, "no quarantined message #" + id);
    }

    private static LedgerException notActionable(QuarantinedMessage m, String action) {
        return new LedgerException(ReasonCode.CONFLICT, "cannot " + action + " #" + m.id() + ": it is "
                + m.status() + (m.retriedAs() != null ? " (retried as #" + m.retriedAs() + ")" : "")
                + "; only QUARANTINED messages can be acted on");
    }

    private static String abbreviate(String s) {
        return s == null || s.length() <= 2000 ? s : s.substring(0, 2000) + "…";
    }
}
