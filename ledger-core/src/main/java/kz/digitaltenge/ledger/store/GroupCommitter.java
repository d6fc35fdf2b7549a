package kz.digitaltenge.ledger.store;

import kz.digitaltenge.ledger.tx.CommittedTransaction;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import kz.digitaltenge.canonical.LedgerException;
import kz.digitaltenge.canonical.ReasonCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit: writer threads each take whatever prepared transactions are waiting (at most
 * {@link #MAX_BATCH}) and write them in one database transaction, so one fsync covers many ledger
 * transactions. Nothing waits for a batch to fill: under light load a batch is one transaction.
 *
 * <p>When a batch hits a conflict (an input the store already has as spent — only possible when the notary's
 * in-memory state was wrong, e.g. after a split brain), nothing of it was written, and its transactions are
 * committed one by one so that exactly the losers are refused.
 *
 * <p>Isolation: one transaction never fails another. Whatever else makes a batch fail — the database refusing a
 * value (a NUL byte once failed whole batches), a limit, an exception of our own — the batch is committed one by
 * one in the same way, and only a store outage ({@link ReasonCode#UNAVAILABLE}, see {@link StoreFailures}) fails
 * the whole batch, since it would fail each of them alike.
 */
public final class GroupCommitter implements AutoCloseable {
    public static final int MAX_BATCH = 1024;
    public static final int MAX_QUEUED = 65_536;
    private static final Logger LOG = LoggerFactory.getLogger(GroupCommitter.class);

    public record Pending(PreparedTransaction tx, CompletableFuture<CommittedTransaction> answer) {
    }

    private final CommitWriter writer;
    private final AfterWrite afterWrite;

    /** Called with each settled batch before any answer is given: the ledger finalizes or releases there. */
    @FunctionalInterface
    public interface AfterWrite {
        void settled(List<PreparedTransaction> committed, List<PreparedTransaction> failed);
    }
    private final BlockingQueue<Pending> queue = new ArrayBlockingQueue<>(MAX_QUEUED);
    private final List<Thread> writers = new ArrayList<>();
    private final LongAdder oneByOneFallbacks = new LongAdder();
    private volatile boolean running = true;

    public GroupCommitter(CommitWriter writer, int writerThreads, AfterWrite afterWrite) {
        this.writer = writer;
        this.afterWrite = afterWrite;
        for (int i = 0; i < writerThreads; i++) {
            Thread t = new Thread(this::writeLoop, "group-commit-" + i);
            t.setDaemon(true);
            writers.add(t);
            t.start();
        }
    }

    public CompletableFuture<CommittedTransaction> commit(PreparedTransaction tx) {
        CompletableFuture<CommittedTransaction> answer = new CompletableFuture<>();
        Pending p = new Pending(tx, answer);
        try {
            if (!running || !queue.offer(p, 5, TimeUnit.SECONDS)) {
                answer.completeExceptionally(new LedgerException(ReasonCode.UNAVAILABLE, "commit queue is full or closed"));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            answer.completeExceptionally(new LedgerException(ReasonCode.UNAVAILABLE, "interrupted"));
        }
        return answer;
    }

    private void writeLoop() {
        List<Pending> batch = new ArrayList<>(MAX_BATCH);
        while (running) {
            try {
                Pending first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.clear();
                batch.add(first);
                queue.drainTo(batch, MAX_BATCH - 1);
                write(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.error("group commit writer error", e);
            }
        }
    }

    private void write(List<Pending> batch) {
        List<PreparedTransaction> txs = new ArrayList<>(batch.size());
        for (Pending p : batch) {
            txs.add(p.tx());
        }
        List<Object> results = new ArrayList<>(batch.size());
        try {
            CommitWriter.BatchOutcome outcome = writer.commitBatch(txs);
            if (!outcome.conflict()) {
                results.addAll(outcome.committed());
            } else {
                LOG.warn("group commit of {} transactions hit a conflict or a refused value; committing one by one", txs.size());
                commitOneByOne(txs, results);
            }
        } catch (LedgerException e) {
            results.clear();
            if (e.reason() == ReasonCode.UNAVAILABLE || txs.size() == 1) {
                // an outage (or the COMMIT's outcome unknown): every transaction of the batch fares the same
                for (int i = 0; i < batch.size(); i++) {
                    results.add(e);
                }
            } else {
                LOG.warn("group commit of {} transactions was refused ({}); committing one by one", txs.size(), e.reason());
                commitOneByOne(txs, results);
            }
        } catch (RuntimeException e) {
            // not an outage the store recognised: whatever it is, it must not fail the other transactions
            LOG.error("group commit of {} transactions failed; committing one by one", txs.size(), e);
            results.clear();
            if (txs.size() == 1) {
                results.add(new LedgerException(ReasonCode.UNAVAILABLE, "the ledger store could not write transaction "
                        + txs.get(0).id() + "; it was not committed", e));
            } else {
                commitOneByOne(txs, results);
            }
        }
        List<PreparedTransaction> committed = new ArrayList<>(batch.size());
        List<PreparedTransaction> failed = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            (results.get(i) instanceof CommittedTransaction ? committed : failed).add(batch.get(i).tx());
        }
        try {
            afterWrite.settled(committed, failed);
        } catch (RuntimeException e) {
            LOG.warn("post-commit hook failed (the recovery sweep settles the notary): {}", e.toString());
        }
        for (int i = 0; i < batch.size(); i++) {
            Object r = results.get(i);
            if (r instanceof CommittedTransaction c) {
                batch.get(i).answer().complete(c);
            } else {
                batch.get(i).answer().completeExceptionally((Throwable) r);
            }
        }
    }

    /**
     * How many batches were committed one by one since start. Only what the notary let through can make a batch fall
     * back (a conflict it missed, or a value the database refuses): live conflicts are the spent-set's to refuse before
     * they reach the store, so under them alone this stays 0 — the observable that tells the spent-set did its job
     * rather than the primary key behind it (docs/notary.md, "What the tests prove").
     */
    public long oneByOneFallbacks() {
        return oneByOneFallbacks.sum();
    }

    /**
     * Each transaction in its own database transaction, so exactly the ones that cannot be written are refused. A
     * client never reads the text of an unexpected exception: it may carry the database's words.
     */
    private void commitOneByOne(List<PreparedTransaction> txs, List<Object> results) {
        oneByOneFallbacks.increment();
        for (PreparedTransaction tx : txs) {
            try {
                results.add(writer.commitOne(tx));
            } catch (LedgerException e) {
                results.add(e);
            } catch (RuntimeException e) {
                LOG.error("commit of transaction {} failed; it was not committed", tx.id(), e);
                results.add(new LedgerException(ReasonCode.UNAVAILABLE, "the ledger store could not write transaction "
                        + tx.id() + "; it was not committed", e));
            }
        }
    }

    @Override
    public void close() {
        running = false;
        writers.forEach(Thread::interrupt);
        Pending p;
        while ((p = queue.poll()) != null) {
            p.answer().completeExceptionally(new LedgerException(ReasonCode.UNAVAILABLE, "ledger is shutting down"));
        }
    }
}
