package kz.digitaltenge.ledger.notary;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;

/**
 * The spent-set's {@link IMap} and the bucket an output id belongs to: {@link HazelcastSpentSet#BUCKETS} buckets,
 * each on a partition of its own (key = an integer chosen to land there); an output id belongs to bucket
 * {@code hash(id) mod BUCKETS}.
 *
 * <p>Why on its own: the dispatcher, the recovery sweep and the inspections all address the map by bucket, and the
 * bucket keys can only be chosen once the partition table is known, which is also when the map may be obtained.
 */
final class SpentSetMap {
    private final HazelcastInstance hazelcast;
    private volatile IMap<Integer, SpentBucket> map;
    private volatile int[] bucketKeys;

    SpentSetMap(HazelcastInstance hazelcast) {
        this.hazelcast = hazelcast;
    }

    /**
     * The map, obtained on first use: with split-brain protection on, creating its proxy needs the quorum, and a
     * member must be able to start before its peers are up.
     */
    IMap<Integer, SpentBucket> map() {
        IMap<Integer, SpentBucket> m = map;
        if (m == null) {
            synchronized (this) {
                if (map == null) {
                    bucketKeys = bucketKeys(hazelcast.getPartitionService());
                    map = hazelcast.getMap(HazelcastSpentSet.MAP_NAME);
                }
                m = map;
            }
        }
        return m;
    }

    /**
     * {@link HazelcastSpentSet#BUCKETS} bucket keys on as many distinct partitions, spread evenly over the partition
     * table (and so over the members). Fewer buckets than partitions means more keys per operation: under load a
     * batch of n keys costs min(n, BUCKETS) operations instead of one per key.
     */
    private static int[] bucketKeys(com.hazelcast.partition.PartitionService partitions) {
        int partitionCount = partitions.getPartitions().size();
        int buckets = Math.min(HazelcastSpentSet.BUCKETS, partitionCount);
        int[] wanted = new int[partitionCount];
        java.util.Arrays.fill(wanted, -1);
        for (int i = 0; i < buckets; i++) {
            wanted[(int) ((long) i * partitionCount / buckets)] = i;
        }
        int[] keys = new int[buckets];
        int found = 0;
        for (int k = 0; found < buckets; k++) {
            int p = partitions.getPartition(k).getPartitionId();
            if (wanted[p] >= 0) {
                keys[wanted[p]] = k;
                wanted[p] = -1;
                found++;
            }
        }
        return keys;
    }

    /** The key of the bucket that holds this output id. */
    int bucketOf(String key) {
        return bucketKey(indexOf(key));
    }

    /** The index (0 ≤ index < {@link #count()}) of the bucket that holds this output id. */
    int indexOf(String key) {
        map();
        return Math.floorMod(key.hashCode(), bucketKeys.length);
    }

    /** The map key of the bucket with this index. */
    int bucketKey(int index) {
        map();
        return bucketKeys[index];
    }

    /** How many buckets there are. */
    int count() {
        map();
        return bucketKeys.length;
    }
}
