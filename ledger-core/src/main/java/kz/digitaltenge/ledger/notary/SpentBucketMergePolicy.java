package kz.digitaltenge.ledger.notary;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.spi.merge.MergingValue;
import com.hazelcast.spi.merge.SplitBrainMergePolicy;
import java.util.Map;

/**
 * When a split heals, Hazelcast merges the smaller side's entries into the larger side's. A bucket exists on
 * both sides, and the default policy (keep the existing value) would silently drop every spend the smaller side
 * recorded. This policy unions the two buckets instead: SPENT on either side stays SPENT (a key spent on both
 * sides by different transactions was a double grant the store has already settled; the surviving side's
 * spender is kept, and the store keeps refusing the other); reservations survive unless the key is spent, and
 * the lease sweep settles them against the store.
 */
public final class SpentBucketMergePolicy implements SplitBrainMergePolicy<SpentBucket, MergingValue<SpentBucket>, Object> {

    @Override
    public Object merge(MergingValue<SpentBucket> mergingValue, MergingValue<SpentBucket> existingValue) {
        SpentBucket merging = mergingValue == null ? null : mergingValue.getDeserializedValue();
        SpentBucket existing = existingValue == null ? null : existingValue.getDeserializedValue();
        if (existing == null) {
            return merging;
        }
        if (merging == null) {
            return existing;
        }
        SpentBucket union = new SpentBucket();
        union.spent.putAll(merging.spent);
        union.spent.putAll(existing.spent);
        union.older.putAll(merging.older);
        union.older.putAll(existing.older);
        for (Map<String, SpentMark> side : java.util.List.of(merging.reserved, existing.reserved)) {
            side.forEach((key, mark) -> {
                if (union.spender(key) == null) {
                    union.reserved.putIfAbsent(key, mark);
                }
            });
        }
        return union;
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
