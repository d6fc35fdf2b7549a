package kz.digitaltenge.hub;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import kz.digitaltenge.hub.demo.RailwayScenario;
import kz.digitaltenge.hub.demo.RoadRepairScenario;
import kz.digitaltenge.hub.security.HubRole;
import org.junit.jupiter.api.Test;

/**
 * bin/demo-railway's and bin/demo-road-repair's scenarios against the shared test hub (real PostgreSQL, routes-procurement
 * on the classpath): portal-shaped records imported record by record, a project's three levels, payments down the tree
 * and the refusal of an unlisted address, cash-outs within approved acts, a termination that returns what is left.
 */
class ContractPilotsTest extends HubTestBase {

    private static String[] as(String user) {
        return new String[] {user, password(user)};
    }

    static RailwayScenario.Users users() {
        return new RailwayScenario.Users(as(OPERATOR), as(userOf(HubRole.ISSUER)), as(userOf(HubRole.TREASURY)), as(userOf(HubRole.BANK)),
                as("contractor"), as("sub-a"), as("sub-b"));
    }

    @Test
    void theRailwaySectionRunsDownItsTreeAndBalances() throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        RailwayScenario.Result r;
        try {
            r = new RailwayScenario(URI.create("http://localhost:" + port + "/"), new PrintStream(printed, true, StandardCharsets.UTF_8),
                    users()).run();
        } catch (RuntimeException e) {
            throw new AssertionError(printed.toString(StandardCharsets.UTF_8), e);
        }
        String log = printed.toString(StandardCharsets.UTF_8);
        assertThat(r.treeVerified()).as(log).isTrue();
        // MARK, the ministry's payment, the GC's to two subcontractors, two to suppliers, two cash-outs
        assertThat(r.treeTransactions()).as(log).isEqualTo(7);
        assertThat(r.feedEntries()).as(log).isEqualTo(7);
        assertThat(r.cashedOut()).isEqualTo("10000000.00");
        assertThat(r.balances()).containsEntry("stranger", "0.00").containsEntry("ministry", "20000000.00");
    }

    @Test
    void roadRepairEndsInATerminationThatReturnsWhatIsLeft() throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        RoadRepairScenario.Result r;
        try {
            r = new RoadRepairScenario(URI.create("http://localhost:" + port + "/"), new PrintStream(printed, true, StandardCharsets.UTF_8),
                    users()).run();
        } catch (RuntimeException e) {
            throw new AssertionError(printed.toString(StandardCharsets.UTF_8), e);
        }
        assertThat(r.refusedAfterTermination()).isEqualTo("EXPIRED");
        assertThat(r.balances()).containsEntry("akimat", "12000000.00").containsEntry("roadCompany", "0.00");
    }
}
