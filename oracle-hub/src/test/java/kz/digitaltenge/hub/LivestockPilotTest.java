package kz.digitaltenge.hub;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import kz.digitaltenge.hub.demo.DemoClient;
import kz.digitaltenge.hub.demo.LivestockScenario;
import kz.digitaltenge.hub.security.HubRole;
import kz.digitaltenge.routes.livestock.testing.LivestockPilot;
import org.junit.jupiter.api.Test;

/**
 * bin/demo-livestock's scenario at the pilot's real size against the shared test hub (real PostgreSQL, routes-livestock
 * on the classpath, the hub settling held money by itself): every loan releases exactly what the pilot expects, each
 * animal once, and the expiring loan's missing animals return to the lender when the ledger's clock passes its end; played
 * a second time on the same hub (each run has its own loan numbers, event ids and borrowers), it comes out the same.
 */
class LivestockPilotTest extends HubTestBase {

    private static String[] as(String user) {
        return new String[] {user, password(user)};
    }

    /** The pilot played twice on the same hub (bin/demo-livestock run again): each run on its own numbers, both as expected. */
    @Test
    void thePilotsTwelveLoansAnd287AnimalsComeOutAsExpectedAndAgainOnTheSameHub() throws Exception {
        LivestockScenario.Result first = play();
        LivestockScenario.Result second = play();
        assertThat(second.run()).isNotEqualTo(first.run());
        assertThat(second.loans()).extracting(LivestockScenario.LoanResult::loan)
                .doesNotContainAnyElementsOf(first.loans().stream().map(LivestockScenario.LoanResult::loan).toList());
    }

    private LivestockScenario.Result play() throws Exception {
        DemoClient.Users users = new DemoClient.Users(as(OPERATOR), as(userOf(HubRole.ISSUER)), as(userOf(HubRole.EVENT_PROVIDER)),
                as(userOf(HubRole.TREASURY)));
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        Instant start = CLOCK.instant();
        LivestockScenario.Result r;
        Duration[] advanced = {Duration.ZERO};
        try {
            r = new LivestockScenario(URI.create("http://localhost:" + port + "/"), users, new PrintStream(printed, true, StandardCharsets.UTF_8))
                    .run(start, instant -> {
                        Duration by = Duration.between(CLOCK.instant(), instant);
                        CLOCK.advance(by);
                        advanced[0] = advanced[0].plus(by);
                    });
        } catch (RuntimeException e) {
            throw new AssertionError(printed.toString(StandardCharsets.UTF_8), e);
        } finally {
            CLOCK.advance(advanced[0].negated());
        }
        String log = printed.toString(StandardCharsets.UTF_8);
        assertThat(r.loans()).as(log).hasSize(LivestockPilot.LOANS);
        assertThat(r.releases()).as(log).isEqualTo(r.expectedReleases());
        for (LivestockScenario.LoanResult loan : r.loans()) {
            assertThat(loan.released()).as(loan.loan() + "\n" + log).isEqualTo(loan.expected());
            assertThat(loan.paidHeads()).isLessThanOrEqualTo(loan.heads());
        }
        LivestockScenario.LoanResult expiring = r.loans().stream().filter(l -> l.loan().equals(r.expiringLoan()))
                .findFirst().orElseThrow();
        assertThat(r.expiringLoan()).isEqualTo("AA-2026-" + r.run() + "-012");
        assertThat(expiring.returned()).as(log).isPositive();
        return r;
    }
}
