package kz.digitaltenge.hub;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;
import kz.digitaltenge.hub.pipeline.PollIntakeRoutes;
import kz.digitaltenge.hub.security.HubRole;
import kz.digitaltenge.routes.procurement.testing.FakePortal;
import kz.digitaltenge.routes.procurement.testing.OwsRecords;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The running hub polls the procurement portal (issue 13, "A client of the portal's API"): routes-procurement's poller
 * against {@link HubTestBase.ProcurementPortal} (a fake OWS v3 API), each page through the hub's real intake into
 * signed facts in PostgreSQL, the checkpoint in {@code source_checkpoints}. The initial load pages contracts (a short
 * record read in full) and acts; the journal's U amends a contract and its D ends one's validity; nothing new changes
 * nothing; a page read again after a crash before its checkpoint was stored makes no second fact; a portal that fails
 * (500) or refuses the token (401) is shown in health, never thrown at the hub, never with the token; and it recovers.
 * The test polls itself ({@link PollIntakeRoutes#pollOnce}); the hub's timer waits 10 minutes.
 */
class ProcurementPortalPollTest extends HubTestBase {
    private static final String SOURCE = "procurement";

    @Autowired
    PollIntakeRoutes polls;

    @Autowired
    DataSource db;

    private final FakePortal portal = ProcurementPortal.INSTANCE;

    @Test
    void theHubLoadsThePortalFollowsItsJournalOnceAndShowsItsStateInHealth() throws Exception {
        portal.reset();
        // a fresh start whatever ran before in this JVM (the hub's timer, had it fired, would have polled the empty portal)
        sql("delete from source_checkpoints where source_system = ?", SOURCE);
        long quarantinedBefore = count("select count(*) from quarantine where source_system = ?", SOURCE);

        // ---- the portal: five contracts on three pages of its list, one of them a short-list record, and one act
        long base = 60_000_000L + ThreadLocalRandom.current().nextLong(30_000_000L) * 10;
        Instant signed = Instant.now().minus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        Instant ends = ZonedDateTime.now(OwsRecords.ALMATY).plusYears(1).withHour(17).withMinute(30).withSecond(0).withNano(0)
                .toInstant();
        Instant loaded = Instant.now().minus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        OwsRecords.Contract budget = OwsRecords.contract(base + 1).sumWithVat("1100000.10").budget(true);
        OwsRecords.Contract changed = OwsRecords.contract(base + 2).sumWithVat("1200000.20");
        OwsRecords.Contract shortListed = OwsRecords.contract(base + 3).sumWithVat("1300000.30");
        OwsRecords.Contract deleted = OwsRecords.contract(base + 4).sumWithVat("1400000.40");
        OwsRecords.Contract withAct = OwsRecords.contract(base + 5).sumWithVat("1500000.50");
        List<OwsRecords.Contract> all = List.of(budget, changed, shortListed, deleted, withAct);
        for (OwsRecords.Contract c : all) {
            c.signed(signed).endsAt(ends).updated(loaded);
            portal.contract(c.id(), c == shortListed ? c.shortJson() : c.json());
        }
        portal.fullContract(shortListed.id(), shortListed.json());
        portal.units(budget.id(), OwsRecords.list(List.of(OwsRecords.unit(base + 101, budget.id(), "600000.00"),
                OwsRecords.unit(base + 102, budget.id(), "500000.10"))));
        portal.treasury(budget.id(), "[" + OwsRecords.treasuryRegistration(base + 201, budget.id(), "У-" + base,
                signed.plus(1, ChronoUnit.HOURS)) + "]");
        portal.act(base + 301, OwsRecords.act(base + 301, withAct.id(), "300000.00", true));
        portal.pageSize(2);

        // ---- the initial load: polled until the journal phase, every record a fact
        assertThat(polls.checkpoint(SOURCE)).isNull();
        int handed = 0;
        for (int tick = 0; tick < 5 && !String.valueOf(polls.checkpoint(SOURCE)).startsWith("journal:"); tick++) {
            handed += polls.pollOnce(SOURCE);
        }
        String afterLoad = polls.checkpoint(SOURCE);
        assertThat(afterLoad).as("the load is done").startsWith("journal:").endsWith("||");
        assertThat(handed).as("five contracts and one act").isEqualTo(6);
        assertThat(portal.paths()).as("the list followed to its end, the short record read in full, a full one not again")
                .contains("/v3/contract/all", "/v3/contract/all?page=next&search_after=" + (base + 2),
                        "/v3/contract/all?page=next&search_after=" + (base + 4), "/v3/contract/" + shortListed.id(),
                        "/v3/contract/" + budget.id() + "/units", "/v3/treasury-pay/" + budget.id(), "/v3/acts")
                .doesNotContain("/v3/contract/" + budget.id(), "/v3/contract/" + changed.id());
        assertThat(portal.requests()).allSatisfy(r -> assertThat(r.authorization()).isEqualTo("Bearer " + ProcurementPortal.TOKEN));

        for (OwsRecords.Contract c : all) {
            JsonNode contract = contract(c);
            assertThat(contract.path("sender").asText()).as(c.numberSys()).isEqualTo(c.customerIik());
            assertThat(contract.path("recipient").asText()).isEqualTo(c.supplierIik());
            assertThat(contract.path("validFrom").asText()).isEqualTo(signed.toString());
            assertThat(contract.path("validTo").asText()).isEqualTo(ends.toString());
            assertThat(contract.path("valid").asBoolean()).as(c.numberSys()).isTrue();
            assertThat(contract.path("maxTransfer").asText()).isEqualTo(new java.math.BigDecimal(
                    c.fields().get("contract_sum_wnds").toString()).setScale(2).toPlainString());
            assertThat(facts(c)).as(c.numberSys()).isEqualTo(c == withAct ? 2 : 1);
        }
        assertThat(terms(shortListed)).containsEntry("portalId", Long.toString(shortListed.id())).containsEntry("version", "1");
        assertThat(terms(budget)).containsEntry("treasuryRequired", "true").containsEntry("treasuryNotice", "У-" + base)
                .containsEntry("unitsTotal", "110000010").containsEntry("maxCashOut", "0");
        assertThat(terms(withAct)).as("the act, approved, lets the supplier cash out its sum")
                .containsEntry("maxCashOut", "30000000").containsEntry("version", "2");
        assertThat(contract(withAct).path("maxCashOut").asText()).isEqualTo("300000.00");
        JsonNode health = procurementHealth(userOf(HubRole.ADMIN));
        assertThat(health.path("state").asText()).isEqualTo("UP");
        assertThat(health.path("source").path("state").asText()).isEqualTo("UP");
        assertThat(health.path("source").path("contractStatuses").asInt()).as("the status list, loaded").isEqualTo(1);
        assertThat(terms(changed)).as("its name from the portal's list").containsEntry("statusName", "Действует");

        // ---- the journal: one contract changed (a higher sum), one deleted, one item of a service not read
        Instant changedAt = Instant.now().minusSeconds(60).truncatedTo(ChronoUnit.SECONDS);
        Instant deletedAt = changedAt.plusSeconds(30);
        String changedBefore = factId(changed);
        changed.sumWithVat("1800000.00").updated(changedAt);
        portal.contract(changed.id(), changed.json());
        portal.removeContract(deleted.id());
        portal.journalItem(Long.toString(changed.id()), "U", OwsRecords.ts(changedAt), "contract", "")
                .journalItem(Long.toString(deleted.id()), "D", OwsRecords.ts(deletedAt), "contract", "")
                .journalItem("990011", "U", OwsRecords.ts(deletedAt), "subject", "/v3/subject/990011");

        assertThat(polls.pollOnce(SOURCE)).as("the change's record and the deletion").isEqualTo(2);

        String afterJournal = polls.checkpoint(SOURCE);
        assertThat(afterJournal).as("every item handled, up to the last second's").startsWith("journal:")
                .contains("|" + OwsRecords.ts(deletedAt) + "|").contains("contract/" + deleted.id() + "/D", "subject/990011/U");
        assertThat(facts(changed)).isEqualTo(2);
        assertThat(terms(changed)).as("the new version, same subject").containsEntry("version", "2")
                .containsEntry("maxTransfer", "180000000").containsEntry("portalUpdatedAt", changedAt.toString());
        assertThat(contract(changed).path("maxTransfer").asText()).isEqualTo("1800000.00");
        assertThat(get("/api/oracle/facts/" + changedBefore).body().path("terms").path("maxTransfer").asText())
                .as("the superseded version stays").isEqualTo("120000020");
        assertThat(facts(deleted)).isEqualTo(2);
        assertThat(terms(deleted)).containsEntry("deleted", "true").containsEntry("version", "2")
                .containsEntry("validTo", deletedAt.toString());
        assertThat(Instant.parse(terms(deleted).get("validTo"))).isBeforeOrEqualTo(Instant.now());
        assertThat(contract(deleted).path("valid").asBoolean()).as("nothing moves under a deleted contract").isFalse();
        assertThat(facts(budget) + facts(shortListed) + facts(withAct)).as("the others untouched").isEqualTo(4);
        assertThat(procurementHealth(userOf(HubRole.AUDITOR)).path("source").path("journalItemsSkipped").asLong()).isEqualTo(1);

        // ---- nothing new: the same checkpoint, no fact
        Map<String, String> latest = latestFacts(all);
        assertThat(polls.pollOnce(SOURCE)).isZero();
        assertThat(polls.checkpoint(SOURCE)).isEqualTo(afterJournal);
        assertThat(latestFacts(all)).isEqualTo(latest);
        assertThat(allFacts(all)).isEqualTo(8);

        // ---- the checkpoint is durable: the hub reads it from its database, the poller's own report agrees
        assertThat(text("select checkpoint from source_checkpoints where source_system = ?", SOURCE)).isEqualTo(afterJournal);
        assertThat(procurementHealth(userOf(HubRole.ADMIN)).path("source").path("checkpoint").asText()).isEqualTo(afterJournal);

        // ---- a crash before the checkpoint was stored: the journal page read again is only duplicates
        sql("update source_checkpoints set checkpoint = ? where source_system = ?", afterLoad, SOURCE);
        assertThat(polls.checkpoint(SOURCE)).isEqualTo(afterLoad);
        assertThat(polls.pollOnce(SOURCE)).as("the same two messages again").isEqualTo(2);
        assertThat(polls.checkpoint(SOURCE)).isEqualTo(afterJournal);
        assertThat(latestFacts(all)).isEqualTo(latest);
        assertThat(allFacts(all)).isEqualTo(8);
        assertThat(count("select count(*) from quarantine where source_system = ?", SOURCE))
                .as("nothing of it refused").isEqualTo(quarantinedBefore);

        // ---- the portal is down (500 to everything): the poll returns, health says DOWN and why, the hub goes on
        int seen = portal.requests().size();
        portal.failAll(500, "0");
        assertThat(polls.pollOnce(SOURCE)).isZero();
        assertThat(portal.requests().subList(seen, portal.requests().size())).as("retried up to the client's attempts")
                .hasSize(4).allSatisfy(r -> assertThat(r.pathAndQuery()).startsWith("/v3/journal?date_from="));
        assertThat(polls.checkpoint(SOURCE)).as("kept").isEqualTo(afterJournal);
        Response down = health(userOf(HubRole.AUDITOR));
        assertThat(down.body().path("status").asText()).as("the hub itself stays UP").isEqualTo("UP");
        JsonNode polled = down.body().path("components").path("polledSources");
        assertThat(polled.path("status").asText()).isEqualTo("UP");
        JsonNode failing = polled.path("details").path(SOURCE);
        assertThat(failing.path("state").asText()).as(down.raw()).isEqualTo("DOWN");
        assertThat(failing.path("failure").asText()).contains("HTTP 500", "4 attempts");
        assertThat(failing.path("checkpoint").asText()).isEqualTo(afterJournal);
        assertThat(failing.path("source").path("state").asText()).isEqualTo("DOWN");
        assertThat(failing.path("source").path("lastHttpStatus").asInt()).isEqualTo(500);
        assertThat(failing.path("source").path("tokenRefused").asBoolean()).isFalse();
        assertThat(down.raw()).doesNotContain(ProcurementPortal.TOKEN);
        assertThat(contract(budget).path("valid").asBoolean()).as("the hub still answers").isTrue();
        assertThat(get("/api/ledger/supply").status()).isEqualTo(200);

        // ---- the token is refused (401, the portal echoing it): health says so, from the poller's own report, never the token
        seen = portal.requests().size();
        portal.failAll(401, null, FakePortal.error(401, "Unauthorized", "token " + ProcurementPortal.TOKEN + " has expired"));
        assertThat(polls.pollOnce(SOURCE)).isZero();
        assertThat(portal.requests().size() - seen).as("a refused token is not retried").isEqualTo(1);
        Response refused = health(userOf(HubRole.ADMIN));
        JsonNode unauthorized = refused.body().path("components").path("polledSources").path("details").path(SOURCE);
        assertThat(unauthorized.path("state").asText()).isEqualTo("DOWN");
        assertThat(unauthorized.path("source").path("tokenRefused").asBoolean()).as(refused.raw()).isTrue();
        assertThat(unauthorized.path("source").path("lastHttpStatus").asInt()).isEqualTo(401);
        assertThat(unauthorized.path("source").path("lastFailureReason").asText()).contains("refused the token", "[token]");
        assertThat(refused.raw()).doesNotContain(ProcurementPortal.TOKEN);
        assertThat(refused.body().path("status").asText()).isEqualTo("UP");
        assertThat(polls.checkpoint(SOURCE)).isEqualTo(afterJournal);

        // ---- the portal answers again: UP, the token no longer refused, nothing missed or repeated
        portal.recover();
        assertThat(polls.pollOnce(SOURCE)).isZero();
        JsonNode recovered = procurementHealth(userOf(HubRole.ADMIN));
        assertThat(recovered.path("state").asText()).isEqualTo("UP");
        assertThat(recovered.path("source").path("state").asText()).isEqualTo("UP");
        assertThat(recovered.path("source").path("tokenRefused").asBoolean()).isFalse();
        assertThat(polls.checkpoint(SOURCE)).isEqualTo(afterJournal);
        assertThat(latestFacts(all)).isEqualTo(latest);
    }

    // ---- what the hub says

    private JsonNode contract(OwsRecords.Contract c) {
        Response r = get("/api/programmable/contract?number=" + URLEncoder.encode(c.numberSys(), StandardCharsets.UTF_8));
        assertThat(r.status()).as(c.numberSys() + " " + r.raw()).isEqualTo(200);
        return r.body();
    }

    private JsonNode fact(OwsRecords.Contract c) {
        Response r = get("/api/oracle/facts?type=CONTRACT_REGISTERED&subject="
                + URLEncoder.encode(c.numberSys(), StandardCharsets.UTF_8));
        assertThat(r.status()).as(c.numberSys() + " " + r.raw()).isEqualTo(200);
        return r.body();
    }

    private String factId(OwsRecords.Contract c) {
        return fact(c).path("id").asText();
    }

    private Map<String, String> terms(OwsRecords.Contract c) {
        Map<String, String> out = new LinkedHashMap<>();
        fact(c).path("terms").properties().forEach(e -> out.put(e.getKey(), e.getValue().asText()));
        return out;
    }

    private Map<String, String> latestFacts(List<OwsRecords.Contract> contracts) {
        Map<String, String> out = new LinkedHashMap<>();
        contracts.forEach(c -> out.put(c.numberSys(), factId(c)));
        return out;
    }

    private long facts(OwsRecords.Contract c) throws SQLException {
        return count("select count(*) from facts where type = 'CONTRACT_REGISTERED' and subject = ?", c.numberSys());
    }

    private long allFacts(List<OwsRecords.Contract> contracts) throws SQLException {
        long n = 0;
        for (OwsRecords.Contract c : contracts) {
            n += facts(c);
        }
        return n;
    }

    private Response health(String user) {
        Response r = sendAs(user, HttpRequest.newBuilder(uri("/actuator/health")).GET());
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        assertThat(r.raw()).doesNotContain(ProcurementPortal.TOKEN);
        return r;
    }

    /** {@code components.polledSources.details.procurement} of the health page. */
    private JsonNode procurementHealth(String user) {
        Response r = health(user);
        JsonNode d = r.body().path("components").path("polledSources").path("details").path(SOURCE);
        assertThat(d.isObject()).as(r.raw()).isTrue();
        return d;
    }

    // ---- the hub's database

    private long count(String query, String parameter) throws SQLException {
        return Long.parseLong(text(query, parameter));
    }

    private String text(String query, String parameter) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(query)) {
            ps.setString(1, parameter);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    private void sql(String statement, String... parameters) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(statement)) {
            for (int i = 0; i < parameters.length; i++) {
                ps.setString(i + 1, parameters[i]);
            }
            ps.executeUpdate();
        }
    }
}
