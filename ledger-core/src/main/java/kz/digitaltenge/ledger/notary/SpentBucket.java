package kz.digitaltenge.ledger.notary;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.DataSerializable;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * One bucket of the spent-set: the output ids that hash to it, each either reserved by a transaction in
 * flight or spent by a committed one. There is one bucket per Hazelcast partition, so a batch of spends
 * becomes at most one single-partition operation per partition, and each operation ships only the keys of
 * its own bucket (to the owner and again to the backup).
 *
 * <p>Buckets are mutated only inside entry processors, which Hazelcast runs one at a time per partition; the
 * map keeps them in OBJECT format so an operation touches the live object without (de)serializing it.
 */
public final class SpentBucket implements DataSerializable {
    final Map<String, SpentMark> reserved;
    /**
     * Outputs spent (durably) since the last rotation, and those of the generation before: a spent mark lives one to two
     * retention periods, then only the store remembers the output is spent (its primary key refuses a second spend;
     * docs/notary.md, "A spent-set with bounded memory"). Memory is bounded by what is spent in two periods.
     */
    Map<String, String> spent;
    Map<String, String> older;

    public SpentBucket() {
        this.reserved = new HashMap<>();
        this.spent = new HashMap<>();
        this.older = new HashMap<>();
    }

    /** The spender of a key the spent-set still knows as spent, or null. */
    String spender(String key) {
        String s = spent.get(key);
        return s != null ? s : older.get(key);
    }

    /** Forgets the older generation (returns how many marks it held); the current one becomes the older. */
    int rotate() {
        int dropped = older.size();
        older = spent;
        spent = new HashMap<>();
        return dropped;
    }

    /** Spent marks held (both generations). */
    int spentSize() {
        return spent.size() + older.size();
    }

    /** Answer {@code ""} when the output is now (or already) held by {@code tx}; else {@code R:<tx>} / {@code S:<tx>}. */
    String reserve(String key, String tx, String owner, boolean ownerIsMember, long at) {
        String spender = spender(key);
        if (spender != null) {
            return "S:" + spender;
        }
        SpentMark current = reserved.get(key);
        if (current == null) {
            reserved.put(key, new SpentMark(tx, SpentMark.RESERVED, owner, ownerIsMember, at));
            return "";
        }
        return current.getTxId().equals(tx) ? "" : "R:" + current.getTxId();
    }

    /** The store committed {@code tx}: the output is spent by it (the store is the authority, so this always wins). */
    void finalizeSpent(String key, String tx) {
        reserved.remove(key);
        spent.put(key, tx);
    }

    boolean release(String key, String tx) {
        SpentMark current = reserved.get(key);
        if (current != null && current.getTxId().equals(tx)) {
            reserved.remove(key);
            return true;
        }
        return false;
    }

    /** Settles a stale reservation by the store's word; ignored if the reservation changed meanwhile. */
    boolean resolve(String key, String staleTx, String durableSpender) {
        SpentMark current = reserved.get(key);
        if (current == null || !current.getTxId().equals(staleTx)) {
            return false;
        }
        reserved.remove(key);
        if (durableSpender != null) {
            spent.put(key, durableSpender);
        }
        return true;
    }

    SpentMark find(String key) {
        String spender = spender(key);
        return spender != null ? new SpentMark(spender, SpentMark.SPENT, "", false, 0) : reserved.get(key);
    }

    boolean isEmpty() {
        return reserved.isEmpty() && spent.isEmpty() && older.isEmpty();
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        out.writeInt(reserved.size());
        for (Map.Entry<String, SpentMark> e : reserved.entrySet()) {
            out.writeString(e.getKey());
            e.getValue().writeData(out);
        }
        SpentSetProcessors.writeMap(out, spent);
        SpentSetProcessors.writeMap(out, older);
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        int n = in.readInt();
        for (int i = 0; i < n; i++) {
            String key = in.readString();
            SpentMark mark = new SpentMark();
            mark.readData(in);
            reserved.put(key, mark);
        }
        spent.putAll(SpentSetProcessors.readMap(in));
        older.putAll(SpentSetProcessors.readMap(in));
    }
}
