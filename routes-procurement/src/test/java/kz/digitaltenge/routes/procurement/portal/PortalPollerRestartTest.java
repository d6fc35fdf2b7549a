package kz.digitaltenge.routes.procurement.portal;

import static kz.digitaltenge.routes.procurement.portal.PortalSamples.json;
import static kz.digitaltenge.routes.procurement.portal.PortalSamples.messages;
import static kz.digitaltenge.routes.procurement.portal.PortalSamples.sync;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import kz.digitaltenge.routes.procurement.portal.PortalSamples.Step;
import kz.digitaltenge.routes.procurement.testing.FakePortal;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** A hub that restarts anywhere in a sync, from its stored checkpoint, neither misses nor repeats a message. */
class PortalPollerRestartTest {
    /** Contracts on 3 pages, acts on 2, and a journal with three items of one second. */
    private static FakePortal scenario() {
        FakePortal portal = new FakePortal().pageSize(2);
        for (long id = 101; id <= 105; id++) {
            portal.contract(id, PortalSamples.contract(id));
        }
        portal.units(101, "[" + PortalSamples.unit(1, 101) + "]");
        portal.act(201, PortalSamples.act(201, 101)).act(202, PortalSamples.act(202, 102)).act(203, PortalSamples.act(203, 103));
        portal.journalItem("103", "U", "2026-11-30 14:02:11", "contract", "")
                .journalItem("202", "U", "2026-11-30 14:02:11", "acts", "")
                .journalItem("104", "D", "2026-11-30 14:02:11", "contract", "")
                .journalItem("500", "U", "2026-11-30 14:02:11", "subject", "")
                .journalItem("101", "U", "2026-11-30 13:59:59", "contract", "")
                .journalItem("203", "D", "2026-11-30 14:05:00", "acts", "");
        return portal;
    }

    @Test
    void aNewPollerFromAnySavedCheckpointFinishesTheSyncExactly() {
        try (FakePortal portal = scenario()) {
            FakeClock clock = FakeClock.almatyAfternoon();
            List<Step> full = sync(new PortalPoller(PortalSamples.client(portal, clock), 2), null);
            List<String> expected = messages(full);
            // 5 contracts, 3 acts, then the journal by (date_action, object_id): 101, 103, 104 (D), 202, 203 (D)
            // (the journal's 101 and 103 are the records the load gave: equal messages, which the hub deduplicates)
            assertThat(expected).hasSize(13);
            assertThat(expected.subList(8, 13)).extracting(m -> json(m).get("id") != null
                    ? json(m).get("id").asText() : json(m).get("object_id").asText() + "D")
                    .containsExactly("101", "103", "104D", "202", "203D");
            assertThat(full.stream().map(s -> s.page().nextCheckpoint()))
                    .contains("journal:2026-11-30|2026-11-30 14:02:11|contract/103/U",
                            "journal:2026-11-30|2026-11-30 14:02:11|contract/103/U,contract/104/D,acts/202/U");

            for (int cut = 1; cut < full.size(); cut++) {
                String saved = full.get(cut - 1).page().nextCheckpoint();
                List<String> after = messages(sync(new PortalPoller(PortalSamples.client(portal, clock), 2), saved));
                List<String> union = new ArrayList<>(messages(full.subList(0, cut)));
                union.addAll(after);
                assertThat(union).as("restarted from %s", saved).isEqualTo(expected);

                // a crash before the checkpoint was stored reads that one page again, the same
                String before = full.get(cut - 1).from();
                assertThat(new PortalPoller(PortalSamples.client(portal, clock), 2).poll(before).messages())
                        .extracting(PortalSamples::text)
                        .isEqualTo(full.get(cut - 1).page().messages().stream().map(PortalSamples::text).toList());
            }
        }
    }

    @Test
    void anItemTheJournalAddsLaterToAnAlreadyHandledSecondIsNotMissed() {
        try (FakePortal portal = new FakePortal()) {
            FakeClock clock = FakeClock.almatyAfternoon();
            for (long id = 1; id <= 4; id++) {
                portal.act(id, PortalSamples.act(id, 1));
            }
            portal.journalItem("2", "U", "2026-11-30 14:02:11", "acts", "")
                    .journalItem("3", "U", "2026-11-30 14:02:11", "acts", "")
                    .journalItem("4", "U", "2026-11-30 14:02:11", "acts", "");
            String saved = new PortalPoller(PortalSamples.client(portal, clock), 2).poll("journal:2026-11-30||").nextCheckpoint();
            assertThat(saved).isEqualTo("journal:2026-11-30|2026-11-30 14:02:11|acts/2/U,acts/3/U");

            // the portal writes one more item of that second, with an id that sorts first
            portal.journalItem("1", "U", "2026-11-30 14:02:11", "acts", "");
            List<String> after = messages(sync(new PortalPoller(PortalSamples.client(portal, clock), 2), saved));

            assertThat(after).extracting(m -> json(m).get("id").asInt()).containsExactly(1, 4);
        }
    }

    @Property(tries = 25)
    void anyJournalAnyPageSizeAnyRestart(@ForAll("journals") List<Change> changes,
                                         @ForAll @IntRange(min = 1, max = 4) int pageMessages,
                                         @ForAll @IntRange(min = 0, max = 40) int cutAt) {
        try (FakePortal portal = new FakePortal()) {
            FakeClock clock = FakeClock.almatyAfternoon();
            for (Change c : changes) {
                portal.act(c.id(), PortalSamples.act(c.id(), 1));
                portal.journalItem(Long.toString(c.id()), c.action(), "2026-11-30 14:0" + c.minute() + ":00", c.service(), "");
            }
            List<Step> full = sync(new PortalPoller(PortalSamples.client(portal, clock), pageMessages), "journal:2026-11-30||");
            long expectedCount = changes.stream().filter(c -> !c.service().equals("subject")).distinct().count();
            assertThat(messages(full)).hasSize((int) expectedCount);

            int cut = Math.min(cutAt, full.size());
            String saved = cut == 0 ? "journal:2026-11-30||" : full.get(cut - 1).page().nextCheckpoint();
            List<String> union = new ArrayList<>(messages(full.subList(0, cut)));
            union.addAll(messages(sync(new PortalPoller(PortalSamples.client(portal, clock), pageMessages), saved)));
            assertThat(union).isEqualTo(messages(full));
        }
    }

    record Change(long id, String action, int minute, String service) {
    }

    @Provide
    Arbitrary<List<Change>> journals() {
        Arbitrary<Change> change = Combinators.combine(Arbitraries.longs().between(1, 30), Arbitraries.of("U", "D"),
                Arbitraries.integers().between(0, 3), Arbitraries.of("acts", "act", "subject")).as(Change::new);
        return change.list().ofMaxSize(15);
    }
}
