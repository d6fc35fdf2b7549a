package kz.digitaltenge.hub.quarantine;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import kz.digitaltenge.canonical.LedgerException;
import kz.digitaltenge.canonical.ReasonCode;

/**
 * Bulk retry or reject as a background job the admin UI follows: a group (reason code, source) or a selection of ids,
 * each entry on its own (its own transaction and audit line, as a single retry or reject), with progress, a result per
 * entry, and a count of the failures of that group that arrived after the job started (they are not in the job: the
 * back office decides about them once it has seen the outcome). Jobs run one after the other on one thread, so two
 * jobs never race for the same entry; an entry taken by someone else meanwhile is reported, not retried twice.
 * A job lives in the hub's memory: after a restart its entries not yet done are still QUARANTINED, and the audit log
 * has those that were.
 */
public final class QuarantineJobs implements AutoCloseable {
    /** Most entries one job takes; a larger group is handled in several jobs. */
    public static final int MAX_ENTRIES = 10_000;
    /** Jobs kept for the page to read after they end. */
    private static final int KEPT = 50;

    public enum Action { RETRY, REJECT }

    public enum State { QUEUED, RUNNING, DONE }

    /** What a job takes: exactly one of a reason code, a source, or ids; the reason is required to reject. */
    public record Request(Action action, String reasonCode, String source, List<Long> ids, String reason) {
    }

    public record EntryResult(long id, String result, String reasonCode, String message) {
    }

    /** A job as the page sees it. */
    public record View(long id, Action action, String selection, String actor, Instant startedAt, int total, int done,
                       int succeeded, int failed, State status, long newFailures, List<EntryResult> results) {
    }

    private final Quarantine quarantine;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "quarantine-jobs");
        t.setDaemon(true);
        return t;
    });
    private final AtomicLong ids = new AtomicLong();
    private final Map<Long, Job> jobs = Collections.synchronizedMap(new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Job> eldest) {
            return size() > KEPT;
        }
    });

    public QuarantineJobs(Quarantine quarantine) {
        this.quarantine = quarantine;
    }

    /** Selects the entries now (those QUARANTINED), then runs the job in the background. */
    public View start(Request r, String actor) {
        if (r == null || r.action() == null) {
            throw new LedgerException(ReasonCode.MALFORMED, "a job needs an action: RETRY or REJECT");
        }
        int given = (r.reasonCode() != null ? 1 : 0) + (r.source() != null ? 1 : 0) + (r.ids() != null ? 1 : 0);
        if (given != 1) {
            throw new LedgerException(ReasonCode.MALFORMED, "give exactly one of reasonCode, source or ids");
        }
        if (r.action() == Action.REJECT && (r.reason() == null || r.reason().isBlank())) {
            throw new LedgerException(ReasonCode.MALFORMED, "a reject states its reason, in words");
        }
        QuarantineFilter group = new QuarantineFilter(QuarantineStatus.QUARANTINED, r.reasonCode(), r.source(), null, null, null);
        List<Long> selected = r.ids() != null ? List.copyOf(r.ids()) : select(group);
        if (selected.size() > MAX_ENTRIES) {
            throw new LedgerException(ReasonCode.OVER_LIMIT, "a job takes at most " + MAX_ENTRIES + " entries, not "
                    + selected.size());
        }
        String selection = r.reasonCode() != null ? "reason:" + r.reasonCode() : r.source() != null ? "source:" + r.source()
                : "ids:" + selected.size();
        long highest = r.ids() != null ? Long.MAX_VALUE : selected.isEmpty() ? lastId() : Collections.max(selected);
        Job job = new Job(ids.incrementAndGet(), r, selection, actor, selected, r.ids() != null ? null : group, highest);
        jobs.put(job.id, job);
        worker.execute(job::run);
        return job.view();
    }

    public View find(long id) {
        Job job = jobs.get(id);
        if (job == null) {
            throw new LedgerException(ReasonCode.NOT_FOUND, "no quarantine job #" + id + " (jobs are kept in memory until the"
                    + " hub restarts, the last " + KEPT + ")");
        }
        return job.view();
    }

    private List<Long> select(QuarantineFilter group) {
        List<Long> out = new ArrayList<>();
        Long after = null;
        while (out.size() <= MAX_ENTRIES) {
            QuarantineSearch.Slice s = quarantine.search(group, null, after, null, 500);
            s.items().forEach(m -> out.add(m.id()));
            if (s.next() == null) {
                break;
            }
            after = s.next();
        }
        return out;
    }

    private long lastId() {
        QuarantineSearch.Slice s = quarantine.search(QuarantineFilter.any(), null, null, Long.MAX_VALUE, 1);
        return s.items().isEmpty() ? 0 : s.items().get(0).id();
    }

    private final class Job {
        final long id;
        final Request request;
        final String selection;
        final String actor;
        final List<Long> entries;
        final QuarantineFilter group;
        final long highestAtStart;
        final Instant startedAt = Instant.now();
        final List<EntryResult> results = Collections.synchronizedList(new ArrayList<>());
        final AtomicInteger succeeded = new AtomicInteger();
        final AtomicInteger failed = new AtomicInteger();
        volatile State state = State.QUEUED;

        Job(long id, Request request, String selection, String actor, List<Long> entries, QuarantineFilter group,
            long highestAtStart) {
            this.id = id;
            this.request = request;
            this.selection = selection;
            this.actor = actor;
            this.entries = entries;
            this.group = group;
            this.highestAtStart = highestAtStart;
        }

        void run() {
            state = State.RUNNING;
            for (long entry : entries) {
                results.add(one(entry));
            }
            state = State.DONE;
        }

        private EntryResult one(long entry) {
            try {
                if (request.action() == Action.REJECT) {
                    QuarantinedMessage m = quarantine.reject(entry, request.reason(), actor);
                    succeeded.incrementAndGet();
                    return new EntryResult(entry, m.status().name(), null, null);
                }
                Quarantine.RetryResult r = quarantine.retry(entry, actor);
                boolean resolved = r.entry().status() == QuarantineStatus.RESOLVED;
                (resolved ? succeeded : failed).incrementAndGet();
                return new EntryResult(entry, r.entry().status().name(), r.outcome().reasonCode(), r.outcome().message());
            } catch (LedgerException e) {
                failed.incrementAndGet(); // e.g. CONFLICT: someone else retried or rejected it meanwhile
                return new EntryResult(entry, "SKIPPED", e.reason().name(), e.getMessage());
            } catch (RuntimeException e) {
                failed.incrementAndGet();
                return new EntryResult(entry, "SKIPPED", ReasonCode.UNAVAILABLE.name(), "not done: " + e.getMessage());
            }
        }

        /** Failures of the group that arrived after the job selected its entries. */
        long newFailures() {
            if (group == null) {
                return 0;
            }
            // counted up to one page: the page says "500 or more" beyond
            return quarantine.search(group, null, highestAtStart, null, 500).items().size();
        }

        View view() {
            List<EntryResult> copy;
            synchronized (results) {
                copy = List.copyOf(results);
            }
            return new View(id, request.action(), selection, actor, startedAt, entries.size(), copy.size(), succeeded.get(),
                    failed.get(), state, newFailures(), copy);
        }
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }
}
