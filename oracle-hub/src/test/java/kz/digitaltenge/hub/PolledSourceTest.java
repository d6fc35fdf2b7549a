package kz.digitaltenge.hub;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import kz.digitaltenge.canonical.source.SourcePoller;
import kz.digitaltenge.hub.pipeline.PollIntakeRoutes;
import kz.digitaltenge.ledger.testing.TestParties;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The poll transport of the source kit: pages read from a source's API since a durable checkpoint, each message
 * through the intake as the source; the checkpoint advances after a page is done, stays when the source fails, and a
 * page read again after a crash is only duplicates.
 */
class PolledSourceTest extends HubTestBase {
    @Autowired
    PollIntakeRoutes polls;

    private static byte[] contract(String number) {
        String json = "{\"sourceMessageId\":\"poll-" + number + "\",\"type\":\"CONTRACT_REGISTERED\",\"subject\":\"" + number + "\","
                + "\"terms\":{\"sender\":\"" + TestParties.newAccountNumber().value() + "\",\"recipient\":\""
                + TestParties.newAccountNumber().value() + "\",\"maxTransfer\":\"100000\",\"maxCashOut\":\"0\","
                + "\"validFrom\":\"2026-01-01T00:00:00Z\",\"validTo\":\"2030-01-01T00:00:00Z\"},\"occurredAt\":\"2026-11-30T09:00:00Z\"}";
        return json.getBytes(StandardCharsets.UTF_8);
    }

    private int factsAbout(String... numbers) {
        int found = 0;
        for (String n : numbers) {
            found += get("/api/oracle/facts?type=CONTRACT_REGISTERED&subject=" + n).status() == 200 ? 1 : 0;
        }
        return found;
    }

    @Test
    void pagesSinceTheCheckpointBecomeFactsAndTheCheckpointMovesOnlyWhenAPageIsDone() {
        String run = UUID.randomUUID().toString().substring(0, 6);
        String start = polls.checkpoint(PolledTestSource.ID);
        String a = "PC-" + run + "-a";
        String b = "PC-" + run + "-b";
        String c = "PC-" + run + "-c";
        synchronized (PolledTestSource.PAGES) {
            PolledTestSource.PAGES.clear();
            // two pages in one tick, then the source is down, then a page is read again after a "crash"
            PolledTestSource.PAGES.add(new PolledTestSource.Scripted(start, new SourcePoller.Page(List.of(contract(a), contract(b)),
                    run + "-1", true), null));
            PolledTestSource.PAGES.add(new PolledTestSource.Scripted(run + "-1", new SourcePoller.Page(List.of(contract(c)),
                    run + "-2", false), null));
        }
        assertThat(polls.pollOnce(PolledTestSource.ID)).isEqualTo(3);
        assertThat(factsAbout(a, b, c)).isEqualTo(3);
        assertThat(polls.checkpoint(PolledTestSource.ID)).isEqualTo(run + "-2");

        // the source is down: nothing handed, the checkpoint kept
        synchronized (PolledTestSource.PAGES) {
            PolledTestSource.PAGES.add(new PolledTestSource.Scripted(run + "-2", null, "503 from the portal"));
        }
        assertThat(polls.pollOnce(PolledTestSource.ID)).isZero();
        assertThat(polls.checkpoint(PolledTestSource.ID)).isEqualTo(run + "-2");

        // the same page again (as after a crash before the checkpoint was stored): duplicates, one fact each
        synchronized (PolledTestSource.PAGES) {
            PolledTestSource.PAGES.add(new PolledTestSource.Scripted(run + "-2", new SourcePoller.Page(List.of(contract(c)),
                    run + "-3", false), null));
        }
        String factOfC = get("/api/oracle/facts?type=CONTRACT_REGISTERED&subject=" + c).body().get("id").asText();
        assertThat(polls.pollOnce(PolledTestSource.ID)).isEqualTo(1);
        assertThat(get("/api/oracle/facts?type=CONTRACT_REGISTERED&subject=" + c).body().get("id").asText()).isEqualTo(factOfC);
        assertThat(polls.checkpoint(PolledTestSource.ID)).isEqualTo(run + "-3");
        // the poll asked from each checkpoint in turn
        assertThat(PolledTestSource.ASKED).containsSubsequence(String.valueOf(start), run + "-1", run + "-2", run + "-2");
    }
}
