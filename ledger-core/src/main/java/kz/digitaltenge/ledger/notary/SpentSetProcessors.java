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

    /**
     * One batch's work on one bucket, in the order the dispatcher used to send it as three operations: the keys whose
     * transactions the store committed are marked spent, then reservations are given back (only the holder's count),
     * then keys are reserved for their transactions. One operation per bucket per batch instead of up to three: the
     * partition thread's hand-off, the invocation and its answer are the notary's cost, not the work on the bucket.
     * Answers only the reservations refused: key → {@code R:<tx>} (reserved by another) or {@code S:<tx>} (spent),
     * nothing (null) when every key was reserved for its transaction.
     */
    public static final class Apply implements EntryProcessor<Integer, SpentBucket, Map<String, String>>, DataSerializable {
        private String[] finalizeKeys;
        private String[] finalizeTxs;
        private String[] releaseKeys;
        private String[] releaseTxs;
        private String[] reserveKeys;
        private String[] reserveTxs;
        private String owner;
        private boolean ownerIsMember;
        private long at;

        public Apply() {
        }

        /** Each pair of arrays is keys and their transactions, index by index; {@code owner} and {@code at} stamp reservations. */
        Apply(String[] finalizeKeys, String[] finalizeTxs, String[] releaseKeys, String[] releaseTxs,
              String[] reserveKeys, String[] reserveTxs, String owner, boolean ownerIsMember, long at) {
            this.finalizeKeys = finalizeKeys;
            this.finalizeTxs = finalizeTxs;
            this.releaseKeys = releaseKeys;
            this.releaseTxs = releaseTxs;
            this.reserveKeys = reserveKeys;
            this.reserveTxs = reserveTxs;
            this.owner = owner;
            this.ownerIsMember = ownerIsMember;
            this.at = at;
        }

        @Override
        public Map<String, String> process(Map.Entry<Integer, SpentBucket> entry) {
            SpentBucket b = entry.getValue();
            if (b == null) {
                if (finalizeKeys.length == 0 && reserveKeys.length == 0) {
                    return null; // only releases, and nothing is held here: no bucket to create
                }
                b = new SpentBucket();
            }
            for (int i = 0; i < finalizeKeys.length; i++) {
                b.finalizeSpent(finalizeKeys[i], finalizeTxs[i]);
            }
            for (int i = 0; i < releaseKeys.length; i++) {
                b.release(releaseKeys[i], releaseTxs[i]);
            }
            Map<String, String> refused = null;
            for (int i = 0; i < reserveKeys.length; i++) {
                String answer = b.reserve(reserveKeys[i], reserveTxs[i], owner, ownerIsMember, at);
                if (!answer.isEmpty()) {
                    if (refused == null) {
                        refused = new HashMap<>();
                    }
                    refused.put(reserveKeys[i], answer);
                }
            }
            entry.setValue(b);
            return refused;
        }

        @Override
        public void writeData(ObjectDataOutput out) throws IOException {
            writeArrays(out, finalizeKeys, finalizeTxs);
            writeArrays(out, releaseKeys, releaseTxs);
            writeArrays(out, reserveKeys, reserveTxs);
            out.writeString(owner);
            out.writeBoolean(ownerIsMember);
            out.writeLong(at);
        }

        @Override
        public void readData(ObjectDataInput in) throws IOException {
            String[][] f = readArrays(in);
            finalizeKeys = f[0];
            finalizeTxs = f[1];
            String[][] r = readArrays(in);
            releaseKeys = r[0];
            releaseTxs = r[1];
            String[][] v = readArrays(in);
            reserveKeys = v[0];
            reserveTxs = v[1];
            owner = in.readString();
            ownerIsMember = in.readBoolean();
            at = in.readLong();
        }

        private static void writeArrays(ObjectDataOutput out, String[] keys, String[] txs) throws IOException {
            out.writeInt(keys.length);
            for (int i = 0; i < keys.length; i++) {
                out.writeString(keys[i]);
                out.writeString(txs[i]);
            }
        }

        private static String[][] readArrays(ObjectDataInput in) throws IOException {
            int n = in.readInt();
            String[] keys = new String[n];
            String[] txs = new String[n];
            for (int i = 0; i < n; i++) {
                keys[i] = in.readString();
                txs[i] = in.readString();
            }
            return new String[][] {keys, txs};
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
