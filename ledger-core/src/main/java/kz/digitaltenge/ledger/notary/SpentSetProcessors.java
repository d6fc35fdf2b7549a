package kz.digitaltenge.ledger.notary;

import com.hazelcast.map.EntryProcessor;
import java.util.Map;

/**
 * The entry processors of the spent-set. Each runs on the partition owner of its key, atomically for that key,
 * and again on the backups (they are deterministic: time and identity are passed in, never read inside).
 * One processor instance carries a whole batch (key → transaction id), so a batch of many transactions
 * becomes one operation per partition.
 */
final class SpentSetProcessors {
    private SpentSetProcessors() {
    }

    /** Answer of {@link Reserve} for a key that is now held by the requesting transaction. */
    static final String OK = "";

    /**
     * Reserve: absent → reserved by the batch's transaction; held by the same transaction → unchanged
     * (idempotent). Answers {@link #OK}, or {@code R:<tx>} / {@code S:<tx>} naming the holder.
     */
    static final class Reserve implements EntryProcessor<String, SpentMark, String> {
        private final Map<String, String> txByKey;
        private final String owner;
        private final boolean ownerIsMember;
        private final long at;

        Reserve(Map<String, String> txByKey, String owner, boolean ownerIsMember, long at) {
            this.txByKey = txByKey;
            this.owner = owner;
            this.ownerIsMember = ownerIsMember;
            this.at = at;
        }

        @Override
        public String process(Map.Entry<String, SpentMark> entry) {
            String tx = txByKey.get(entry.getKey());
            SpentMark current = entry.getValue();
            if (current == null) {
                entry.setValue(new SpentMark(tx, SpentMark.RESERVED, owner, ownerIsMember, at));
                return OK;
            }
            if (current.getTxId().equals(tx)) {
                return current.isReserved() ? OK : "S:" + tx;
            }
            return (current.isReserved() ? "R:" : "S:") + current.getTxId();
        }
    }

    /** Final: the store committed the transaction, so the output is spent by it (the store is the authority). */
    static final class Finalize implements EntryProcessor<String, SpentMark, Void> {
        private final Map<String, String> txByKey;
        private final String owner;
        private final long at;

        Finalize(Map<String, String> txByKey, String owner, long at) {
            this.txByKey = txByKey;
            this.owner = owner;
            this.at = at;
        }

        @Override
        public Void process(Map.Entry<String, SpentMark> entry) {
            entry.setValue(new SpentMark(txByKey.get(entry.getKey()), SpentMark.SPENT, owner, false, at));
            return null;
        }
    }

    /** Release: removes a reservation, only if it is still the given transaction's and still a reservation. */
    static final class Release implements EntryProcessor<String, SpentMark, Boolean> {
        private final Map<String, String> txByKey;

        Release(Map<String, String> txByKey) {
            this.txByKey = txByKey;
        }

        @Override
        public Boolean process(Map.Entry<String, SpentMark> entry) {
            SpentMark current = entry.getValue();
            if (current != null && current.isReserved() && current.getTxId().equals(txByKey.get(entry.getKey()))) {
                entry.setValue(null);
                return true;
            }
            return false;
        }
    }

    /**
     * Recovery of an orphaned reservation, decided by the durable store: if the store says the output is spent
     * (by anyone) it becomes SPENT by that transaction; otherwise the reservation is dropped. Applied only if
     * the entry is still the same stale reservation, so a fresh one is never touched.
     */
    static final class Resolve implements EntryProcessor<String, SpentMark, Boolean> {
        private final Map<String, String> staleTxByKey;
        private final Map<String, String> durableSpenderByKey;
        private final long at;

        Resolve(Map<String, String> staleTxByKey, Map<String, String> durableSpenderByKey, long at) {
            this.staleTxByKey = staleTxByKey;
            this.durableSpenderByKey = durableSpenderByKey;
            this.at = at;
        }

        @Override
        public Boolean process(Map.Entry<String, SpentMark> entry) {
            SpentMark current = entry.getValue();
            String key = entry.getKey();
            if (current == null || !current.isReserved() || !current.getTxId().equals(staleTxByKey.get(key))) {
                return false;
            }
            String spender = durableSpenderByKey.get(key);
            entry.setValue(spender == null ? null : new SpentMark(spender, SpentMark.SPENT, "recovery", false, at));
            return true;
        }
    }
}
