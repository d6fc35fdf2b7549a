package kz.digitaltenge.ledger.notary;

import com.hazelcast.map.EntryProcessor;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.DataSerializable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The entry processors of the spent-set, one per bucket operation. Each runs on the bucket's partition owner,
 * atomically for the bucket, and again on the backup (they are deterministic: time and identity are passed
 * in, never read inside). They are {@link DataSerializable}, not Java-serialized: they are on the hot path.
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

    /** Base: a map of output key → transaction id, applied to one bucket. */
    abstract static class KeyedBatch<R> implements EntryProcessor<Integer, SpentBucket, R>, DataSerializable {
        Map<String, String> txByKey;

        KeyedBatch() {
        }

        KeyedBatch(Map<String, String> txByKey) {
            this.txByKey = txByKey;
        }

        static SpentBucket bucket(Map.Entry<Integer, SpentBucket> entry) {
            SpentBucket b = entry.getValue();
            return b != null ? b : new SpentBucket();
        }

        @Override
        public void writeData(ObjectDataOutput out) throws IOException {
            writeMap(out, txByKey);
        }

        @Override
        public void readData(ObjectDataInput in) throws IOException {
            txByKey = readMap(in);
        }
    }

    /** Reserve each key for its transaction; answers per key: "" (held), "R:tx" or "S:tx" (someone else). */
    public static final class Reserve extends KeyedBatch<Map<String, String>> {
        private String owner;
        private boolean ownerIsMember;
        private long at;

        public Reserve() {
        }

        Reserve(Map<String, String> txByKey, String owner, boolean ownerIsMember, long at) {
            super(txByKey);
            this.owner = owner;
            this.ownerIsMember = ownerIsMember;
            this.at = at;
        }

        @Override
        public Map<String, String> process(Map.Entry<Integer, SpentBucket> entry) {
            SpentBucket b = bucket(entry);
            Map<String, String> answers = new HashMap<>(txByKey.size() * 2);
            txByKey.forEach((key, tx) -> answers.put(key, b.reserve(key, tx, owner, ownerIsMember, at)));
            entry.setValue(b);
            return answers;
        }

        @Override
        public void writeData(ObjectDataOutput out) throws IOException {
            super.writeData(out);
            out.writeString(owner);
            out.writeBoolean(ownerIsMember);
            out.writeLong(at);
        }

        @Override
        public void readData(ObjectDataInput in) throws IOException {
            super.readData(in);
            owner = in.readString();
            ownerIsMember = in.readBoolean();
            at = in.readLong();
        }
    }

    /** The store committed: each key is spent by its transaction. */
    public static final class Finalize extends KeyedBatch<Object> {
        public Finalize() {
        }

        Finalize(Map<String, String> txByKey) {
            super(txByKey);
        }

        @Override
        public Object process(Map.Entry<Integer, SpentBucket> entry) {
            SpentBucket b = bucket(entry);
            txByKey.forEach(b::finalizeSpent);
            entry.setValue(b);
            return null;
        }
    }

    /** Removes reservations that are still the given transactions'. */
    public static final class Release extends KeyedBatch<Object> {
        public Release() {
        }

        Release(Map<String, String> txByKey) {
            super(txByKey);
        }

        @Override
        public Object process(Map.Entry<Integer, SpentBucket> entry) {
            SpentBucket b = entry.getValue();
            if (b != null) {
                txByKey.forEach(b::release);
                entry.setValue(b);
            }
            return null;
        }
    }

    /** Recovery: stale reservation (key → its tx) settled by the store's spender (key → tx, absent = unspent). */
    public static final class Resolve extends KeyedBatch<Integer> {
        private Map<String, String> durableSpenderByKey;

        public Resolve() {
        }

        Resolve(Map<String, String> staleTxByKey, Map<String, String> durableSpenderByKey) {
            super(staleTxByKey);
            this.durableSpenderByKey = durableSpenderByKey;
        }

        @Override
        public Integer process(Map.Entry<Integer, SpentBucket> entry) {
            SpentBucket b = entry.getValue();
            if (b == null) {
                return 0;
            }
            int n = 0;
            for (Map.Entry<String, String> e : txByKey.entrySet()) {
                if (b.resolve(e.getKey(), e.getValue(), durableSpenderByKey.get(e.getKey()))) {
                    n++;
                }
            }
            entry.setValue(b);
            return n;
        }

        @Override
        public void writeData(ObjectDataOutput out) throws IOException {
            super.writeData(out);
            writeMap(out, durableSpenderByKey);
        }

        @Override
        public void readData(ObjectDataInput in) throws IOException {
            super.readData(in);
            durableSpenderByKey = readMap(in);
        }
    }

    /** Read-only: reservations of a bucket that are stale (owner left the cluster, or older than the lease). */
    public static final class FindStale implements EntryProcessor<Integer, SpentBucket, Map<String, String>>, DataSerializable {
        private List<String> liveMembers;
        private long staleBefore;

        public FindStale() {
        }

        FindStale(Set<String> liveMembers, long staleBefore) {
            this.liveMembers = new ArrayList<>(liveMembers);
            this.staleBefore = staleBefore;
        }

        @Override
        public Map<String, String> process(Map.Entry<Integer, SpentBucket> entry) {
            Map<String, String> stale = new HashMap<>();
            SpentBucket b = entry.getValue();
            if (b != null) {
                b.reserved.forEach((key, m) -> {
                    if ((m.isOwnerIsMember() && !liveMembers.contains(m.getOwner())) || m.getAt() < staleBefore) {
                        stale.put(key, m.getTxId());
                    }
                });
            }
            return stale;
        }

        @Override
        public EntryProcessor<Integer, SpentBucket, Map<String, String>> getBackupProcessor() {
            return null; // read-only
        }

        @Override
        public void writeData(ObjectDataOutput out) throws IOException {
            out.writeInt(liveMembers.size());
            for (String m : liveMembers) {
                out.writeString(m);
            }
            out.writeLong(staleBefore);
        }

        @Override
        public void readData(ObjectDataInput in) throws IOException {
            int n = in.readInt();
            liveMembers = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                liveMembers.add(in.readString());
            }
            staleBefore = in.readLong();
        }
    }

    /** Read-only: a bucket's [reserved, spent] counts, or the mark of one key. */
    public static final class Inspect implements EntryProcessor<Integer, SpentBucket, Object>, DataSerializable {
        private String key;

        public Inspect() {
        }

        Inspect(String key) {
            this.key = key;
        }

        @Override
        public Object process(Map.Entry<Integer, SpentBucket> entry) {
            SpentBucket b = entry.getValue();
            if (key == null) {
                return b == null ? new long[] {0, 0} : new long[] {b.reserved.size(), b.spentSize()};
            }
            return b == null ? null : b.find(key);
        }

        @Override
        public EntryProcessor<Integer, SpentBucket, Object> getBackupProcessor() {
            return null;
        }

        @Override
        public void writeData(ObjectDataOutput out) throws IOException {
            out.writeString(key);
        }

        @Override
        public void readData(ObjectDataInput in) throws IOException {
            key = in.readString();
        }
    }

    /** The retention's tick on a bucket: the older generation of spent marks is forgotten; returns how many. */
    public static final class Rotate implements EntryProcessor<Integer, SpentBucket, Integer>, DataSerializable {
        public Rotate() {
        }

        @Override
        public Integer process(Map.Entry<Integer, SpentBucket> entry) {
            SpentBucket b = entry.getValue();
            if (b == null) {
                return 0;
            }
            int dropped = b.rotate();
            entry.setValue(b);
            return dropped;
        }

        @Override
        public void writeData(ObjectDataOutput out) {
            // stateless
        }

        @Override
        public void readData(ObjectDataInput in) {
            // stateless
        }
    }
}
