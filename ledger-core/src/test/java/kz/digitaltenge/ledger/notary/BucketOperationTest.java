package kz.digitaltenge.ledger.notary;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.AbstractMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * One batch's work on one bucket is one operation ({@link SpentSetProcessors.Apply}); it must do what the three
 * operations it replaced did, in their order: spent marks first, then releases, then reservations — so a reservation
 * in the same batch sees what was just spent or given back — and it answers only the refusals.
 */
class BucketOperationTest {
    private static final String[] NONE = new String[0];

    /** A map entry as the partition thread hands it to the processor. */
    private static final class Entry extends AbstractMap.SimpleEntry<Integer, SpentBucket> {
        Entry(SpentBucket bucket) {
            super(7, bucket);
        }
    }

    private static Map<String, String> apply(Entry entry, String[] finalizeKeys, String[] finalizeTxs, String[] releaseKeys,
                                             String[] releaseTxs, String[] reserveKeys, String[] reserveTxs) {
        return new SpentSetProcessors.Apply(finalizeKeys, finalizeTxs, releaseKeys, releaseTxs, reserveKeys, reserveTxs,
                "member-1", true, 1_000L).process(entry);
    }

    @Test
    void aReservationAnswersNothingWhenEveryKeyIsHeldAndNamesEachRefusal() {
        Entry entry = new Entry(null);
        assertThat(apply(entry, NONE, NONE, NONE, NONE, new String[] {"a:0", "a:1"}, new String[] {"tx1", "tx1"})).isNull();
        assertThat(entry.getValue().find("a:0").getTxId()).isEqualTo("tx1");

        Map<String, String> refused = apply(entry, NONE, NONE, NONE, NONE, new String[] {"a:0", "b:0"}, new String[] {"tx2", "tx2"});
        // only the refusal comes back; b:0 is now held by tx2 (the dispatcher gives it back: all or none)
        assertThat(refused).containsExactly(Map.entry("a:0", "R:tx1"));
        assertThat(entry.getValue().find("b:0").getTxId()).isEqualTo("tx2");
        // the holder asking again is granted, not refused
        assertThat(apply(entry, NONE, NONE, NONE, NONE, new String[] {"a:0"}, new String[] {"tx1"})).isNull();
    }

    @Test
    void whatIsSpentInABatchIsRefusedToAReservationOfTheSameBatch() {
        Entry entry = new Entry(null);
        apply(entry, NONE, NONE, NONE, NONE, new String[] {"a:0"}, new String[] {"tx1"});

        Map<String, String> refused = apply(entry, new String[] {"a:0"}, new String[] {"tx1"}, NONE, NONE,
                new String[] {"a:0"}, new String[] {"tx2"});

        assertThat(refused).containsExactly(Map.entry("a:0", "S:tx1"));
        assertThat(entry.getValue().find("a:0").getState()).isEqualTo(SpentMark.SPENT);
    }

    @Test
    void whatIsGivenBackInABatchIsGrantedToAReservationOfTheSameBatchAndOnlyTheHoldersReleaseCounts() {
        Entry entry = new Entry(null);
        apply(entry, NONE, NONE, NONE, NONE, new String[] {"a:0", "c:0"}, new String[] {"tx1", "tx1"});

        // tx9 never held c:0: its release changes nothing; tx1's release of a:0 frees it for tx2 in the same operation
        Map<String, String> refused = apply(entry, NONE, NONE, new String[] {"c:0", "a:0"}, new String[] {"tx9", "tx1"},
                new String[] {"a:0"}, new String[] {"tx2"});

        assertThat(refused).isNull();
        assertThat(entry.getValue().find("a:0").getTxId()).isEqualTo("tx2");
        assertThat(entry.getValue().find("c:0").getTxId()).isEqualTo("tx1");
    }

    @Test
    void releasesAloneCreateNoBucket() {
        Entry entry = new Entry(null);
        assertThat(apply(entry, NONE, NONE, new String[] {"a:0"}, new String[] {"tx1"}, NONE, NONE)).isNull();
        assertThat(entry.getValue()).isNull();
    }
}
