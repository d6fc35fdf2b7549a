package kz.digitaltenge.ledger.notary;

import com.hazelcast.map.EntryProcessor;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.DataSerializable;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * The entry processors of the spent-set. Each runs on the partition owner of its key, atomically for that key,
 * and again on the backups (they are deterministic: time and identity are passed in, never read inside).
 * One processor instance carries a whole batch (key → transaction id), so a batch of many transactions
 * becomes one operation per partition. They are {@link DataSerializable} (not Java-serialized): a batch map of
 * thousands of keys travels to every member, so its encoding is on the hot path.
 */
public final class SpentSetProcessors {
    private SpentSetProcessors() {
    }

    static void writeMap(ObjectDataOutput out, Map<String, String> map) throws IOException {
        out.writeInt(map.size());
        for (Map.Entry<String, String> e : map.entrySet()) {
            out.writeString(e.getKey());
            out.writeString(e.getValue());
        }
    }

    static Map<String, String> readMap(ObjectDataInput in) throws IOException {
        int n = in.readInt();
        Map<String, String> map = new HashMap<>(Math.max(16, n * 2));
        for (int i = 0; i < n; i++) {
            map.put(in.readString(), in.readString());
        }
        return map;
    }

    /** Answer of {@link Reserve} for a key that is now held by the requesting transaction. */
    static final String OK = "";

    /**
     * Reserve: absent → reserved by the batch's transaction; held by the same transaction → unchanged
     * (idempotent). Answers {@link #OK}, or {@code R:<tx>} / {@code S:<tx>} naming the holder.
     */
    public static final class Reserve implements EntryProcessor<String, SpentMark, String>, DataSerializable {
        private Map<String, String> txByKey;
        private String owner;
        private boolean ownerIsMember;
        private long at;

        public Reserve() {
        }

        @Override
        public void writeData(ObjectDataOutput out) throws IOException {
            writeMap(out, txByKey);
            out.writeString(owner);
            out.writeBoolean(ownerIsMember);
            out.writeLong(at);
        }

        @Override
        public void readData(ObjectDataInput in) throws IOException {
            txByKey = readMap(in);
            owner = in.readString();
            ownerIsMember = in.readBoolean();
            at = in.readLong();
        }

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
    public static final class Finalize implements EntryProcessor<String, SpentMark, Void>, DataSerializable {
        private Map<String, String> txByKey;
        private String owner;
        private long at;

        public Finalize() {
        }

        @Override
        public void writeData(ObjectDataOutput out) throws IOException {
            writeMap(out, txByKey);
            out.writeString(owner);
            out.writeLong(at);
        }

        @Override
        public void readData(ObjectDataInput in) throws IOException {
            txByKey = readMap(in);
            owner = in.readString();
            at = in.readLong();
        }

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
    public static final class Release implements EntryProcessor<String, SpentMark, Boolean>, DataSerializable {
        private Map<String, String> txByKey;

        public Release() {
        }

        @Override
        public void writeData(ObjectDataOutput out) throws IOException {
            writeMap(out, txByKey);
        }

        @Override
        public void readData(ObjectDataInput in) throws IOException {
            txByKey = readMap(in);
        }

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
    public static final class Resolve implements EntryProcessor<String, SpentMark, Boolean>, DataSerializable {
        private Map<String, String> staleTxByKey;
        private Map<String, String> durableSpenderByKey;
        private long at;

        public Resolve() {
        }

        @Override
        public void writeData(ObjectDataOutput out) throws IOException {
            writeMap(out, staleTxByKey);
            writeMap(out, durableSpenderByKey);
            out.writeLong(at);
        }

        @Override
        public void readData(ObjectDataInput in) throws IOException {
            staleTxByKey = readMap(in);
            durableSpenderByKey = readMap(in);
            at = in.readLong();
        }

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
