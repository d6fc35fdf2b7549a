package kz.digitaltenge.routes.procurement.portal;

import static kz.digitaltenge.routes.procurement.portal.PortalSamples.json;
import static kz.digitaltenge.routes.procurement.portal.PortalSamples.last;
import static kz.digitaltenge.routes.procurement.portal.PortalSamples.messages;
import static kz.digitaltenge.routes.procurement.portal.PortalSamples.sync;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import kz.digitaltenge.canonical.source.SourcePoller.Page;
import kz.digitaltenge.routes.procurement.portal.PortalSamples.Step;
import kz.digitaltenge.routes.procurement.testing.FakePortal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PortalPollerTest {
    private final FakePortal portal = new FakePortal();
    private final FakeClock clock = FakeClock.almatyAfternoon();

    @AfterEach
    void stop() {
        portal.close();
    }

    private PortalPoller poller(int pageMessages) {
        return new PortalPoller(PortalSamples.client(portal, clock), pageMessages);
    }

    @Test
    void theInitialLoadPagesContractsAndActsToTheEndThenTheJournalHasNothingNew() {
        for (long id = 101; id <= 105; id++) {
            portal.contract(id, PortalSamples.contract(id));
        }
        portal.act(201, PortalSamples.act(201, 101)).act(202, PortalSamples.act(202, 102)).act(203, PortalSamples.act(203, 103));
        // three pages of contracts, the second next_page without /v3, the last ""
        portal.pageSize(2).nextPageStyle(p -> p.endsWith("search_after=102") ? p.substring(3) : p);

        List<Step> steps = sync(poller(50), null);

        assertThat(steps).extracting(s -> s.page().nextCheckpoint()).containsExactly(
                "contracts:2026-11-30|/v3/contract/all?page=next&search_after=102|0",
                "contracts:2026-11-30|/v3/contract/all?page=next&search_after=104|0",
                "acts:2026-11-30|/v3/acts|0",
                "acts:2026-11-30|/v3/acts?page=next&search_after=202|0",
                "journal:2026-11-30||",
                "journal:2026-11-30||");
        assertThat(steps.get(5).page().more()).isFalse();
        assertThat(steps.get(5).page().messages()).isEmpty();
        assertThat(messages(steps)).extracting(m -> json(m).get("id").asLong())
                .containsExactly(101L, 102L, 103L, 104L, 105L, 201L, 202L, 203L);
        assertThat(portal.paths()).contains("/v3/contract/all?page=next&search_after=102",
                "/v3/contract/all?page=next&search_after=104", "/v3/journal?date_from=2026-11-30");
        // the poll with nothing new hands back the very checkpoint it got
        Page again = poller(50).poll(last(steps));
        assertThat(again.nextCheckpoint()).isEqualTo(last(steps));
        assertThat(again.messages()).isEmpty();
        assertThat(again.more()).isFalse();
    }

    @Test
    void aContractGetsItsUnitsAndTreasuryPaymentsAndAShortRecordIsReadInFull() {
        portal.contract(101, PortalSamples.shortContract(101)).fullContract(101, PortalSamples.contract(101));
        portal.contract(102, PortalSamples.contract(102));
        portal.units(101, FakePortal.envelope(2, "", List.of(PortalSamples.unit(1, 101), PortalSamples.unit(2, 101))));
        portal.treasury(101, "[" + PortalSamples.treasuryPay(31, 101) + "]");
        portal.treasury(102, FakePortal.envelope(1, "", List.of(PortalSamples.treasuryPay(32, 102))));

        Page page = poller(50).poll(null);

        JsonNode first = json(page.messages().get(0));
        assertThat(first.get("sign_date").asText()).isEqualTo("2026-10-05 10:00:00");
        assertThat(first.get("fin_year").asInt()).isEqualTo(2026);
        assertThat(first.get("ContractUnits").size()).isEqualTo(2);
        assertThat(first.get("ContractUnits").get(1).get("id").asInt()).isEqualTo(2);
        assertThat(first.get("TreasuryPay").get(0).get("nom_za").asText()).isEqualTo("ЗР-31");
        JsonNode second = json(page.messages().get(1));
        assertThat(second.get("ContractUnits").isArray()).isTrue();
        assertThat(second.get("ContractUnits")).isEmpty(); // 404: no units
        assertThat(second.get("TreasuryPay").get(0).get("ppn").asInt()).isEqualTo(7032);
        assertThat(portal.paths()).containsSubsequence("/v3/contract/all", "/v3/contract/101", "/v3/contract/101/units",
                "/v3/treasury-pay/101", "/v3/contract/102/units", "/v3/treasury-pay/102");
        assertThat(portal.paths()).doesNotContain("/v3/contract/102");
    }

    @Test
    void aRecordWithMissingFieldsPassesThroughUnchangedAndItsDecimalsSurvive() {
        String odd = "{\"id\":7,\"contract_number_sys\":null,\"sign_date\":null,\"fin_year\":2026,"
                + "\"contract_sum_wnds\":99999999999999.99,\"exchange_rate\":1.10,\"supplier_biin\":\"070340001239\","
                + "\"ref_amendm_agreem_justif_id\":[0],\"new_field\":{\"a\":[1,2.50]}}";
        portal.contract(7, odd).units(7, "[" + PortalSamples.unit(70, 7) + "]");

        byte[] message = poller(50).poll(null).messages().get(0);

        ObjectNode parsed = (ObjectNode) json(message);
        assertThat(parsed.get("contract_sum_wnds").decimalValue()).isEqualTo(new BigDecimal("99999999999999.99"));
        assertThat(PortalSamples.text(message)).contains("\"contract_sum_wnds\":99999999999999.99", "\"exchange_rate\":1.10");
        JsonNode spec = parsed.get("ContractUnits").get(0).get("spec").get(0);
        assertThat(spec.get("total_sum").isTextual()).isTrue();
        assertThat(spec.get("total_sum").asText()).isEqualTo("14049");
        assertThat(spec.get("plan_sum").asText()).isEqualTo("14049.50");
        assertThat(parsed.get("ContractUnits").get(0).get("total_sum_wnds").decimalValue()).isEqualTo(new BigDecimal("31470.88"));
        parsed.remove(List.of("ContractUnits", "TreasuryPay"));
        assertThat(parsed).isEqualTo(json(odd));
    }

    @Test
    void aPortalPageLargerThanAPollPageIsSplit() {
        for (long id = 1; id <= 12; id++) {
            portal.contract(id, PortalSamples.contract(id));
        }
        List<Step> steps = sync(poller(5), null);

        assertThat(steps.subList(0, 3)).extracting(s -> s.page().nextCheckpoint()).containsExactly(
                "contracts:2026-11-30|/v3/contract/all|5", "contracts:2026-11-30|/v3/contract/all|10",
                "acts:2026-11-30|/v3/acts|0");
        assertThat(steps).allSatisfy(s -> assertThat(s.page().messages().size()).isLessThanOrEqualTo(5));
        assertThat(messages(steps)).extracting(m -> json(m).get("id").asLong())
                .containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L, 12L);
    }

    @Test
    void theJournalsChangesBecomeTheirRecordsAndDeletionsInDateActionOrder() {
        String url57113 = portal.baseUrl() + "/v3/contract/57113";
        portal.contract(57113, PortalSamples.contract(57113)).act(201, PortalSamples.act(201, 57113))
                .treasury(57113, "[" + PortalSamples.treasuryPay(1, 57113) + "," + PortalSamples.treasuryPay(2, 57113) + "]");
        // given out of order, as nothing says the portal sorts them
        portal.journalItem("57113", "U", "2026-11-30 14:02:11", "contract", url57113)
                .journalItem("201", "U", "2026-11-30 14:01:00", "acts", "")
                .journalItem("57114", "D", "2026-11-30 14:02:11", "contract", "")
                .journalItem("900", "U", "2026-11-30 14:00:30", "subject", "/v3/subject/900")
                .journalItem("57113", "U", "2026-11-30 14:03:00", "treasury-pay", "/v3/treasury-pay/57113")
                .journalItem("1-4909", "D", "2026-11-30 14:03:00", "acts", "");
        PortalPoller poller = poller(50);

        Page page = poller.poll("journal:2026-11-30||");

        List<JsonNode> got = page.messages().stream().map(PortalSamples::json).toList();
        assertThat(got).hasSize(6);
        assertThat(got.get(0).get("number_act").asText()).isEqualTo("A000ZM/00/201");
        assertThat(got.get(1).get("contract_number_sys").asText()).isEqualTo("000140001536/160113/00");
        assertThat(got.get(1).get("TreasuryPay")).hasSize(2);
        assertThat(got.get(2)).isEqualTo(json("{\"object_id\":\"57114\",\"action\":\"D\",\"date_action\":"
                + "\"2026-11-30 14:02:11\",\"service_name\":\"contract\",\"service_title\":\"contract title\",\"url\":\"\"}"));
        assertThat(got.get(3).get("object_id").asText()).isEqualTo("1-4909");
        assertThat(got.get(3).get("action").asText()).isEqualTo("D");
        assertThat(got.get(4).get("id").asInt()).isEqualTo(1);
        assertThat(got.get(5).get("id").asInt()).isEqualTo(2);
        assertThat(page.more()).isFalse();
        assertThat(page.nextCheckpoint()).isEqualTo("journal:2026-11-30|2026-11-30 14:03:00|acts/1-4909/D,treasury-pay/57113/U");
        assertThat(portal.paths()).contains("/v3/acts/201", "/v3/contract/57113").doesNotContain("/v3/subject/900");
        assertThat(poller.portalHealth().snapshot().journalItemsSkipped()).isEqualTo(1);

        Page nothingNew = poller.poll(page.nextCheckpoint());
        assertThat(nothingNew.messages()).isEmpty();
        assertThat(nothingNew.nextCheckpoint()).isEqualTo(page.nextCheckpoint());
        assertThat(nothingNew.more()).isFalse();
    }

    @Test
    void aPagedJournalIsFollowedAndAChangeOfARecordNowGoneIsCounted() {
        portal.journalPageSize(2);
        for (int i = 1; i <= 5; i++) {
            portal.act(300 + i, PortalSamples.act(300 + i, 1));
            portal.journalItem(Integer.toString(300 + i), "U", "2026-11-30 15:00:0" + i, "act", "");
        }
        portal.journalItem("399", "U", "2026-11-30 15:00:09", "acts", "/v3/acts/399");
        PortalPoller poller = poller(50);

        Page page = poller.poll("journal:2026-11-30||");

        assertThat(page.messages()).extracting(m -> json(m).get("id").asInt()).containsExactly(301, 302, 303, 304, 305);
        assertThat(portal.paths()).contains("/v3/journal?date_from=2026-11-30&page=3");
        assertThat(poller.portalHealth().snapshot().recordsMissing()).isEqualTo(1);
        assertThat(page.nextCheckpoint()).isEqualTo("journal:2026-11-30|2026-11-30 15:00:09|acts/399/U");
    }

    @Test
    void theJournalStartsOnTheDayTheInitialLoadStartedHoweverLongItTook() {
        for (long id = 1; id <= 4; id++) {
            portal.contract(id, PortalSamples.contract(id));
        }
        portal.pageSize(1);
        portal.contract(99, PortalSamples.contract(99));
        portal.journalItem("99", "U", "2026-11-30 18:30:00", "contract", "");
        PortalPoller poller = poller(50);

        String at = null;
        Page page;
        do {
            page = poller.poll(at);
            at = page.nextCheckpoint();
            clock.advance(Duration.ofHours(20)); // a load of days
        } while (!at.startsWith("journal:"));
        Page journal = poller.poll(at);

        assertThat(at).isEqualTo("journal:2026-11-30||");
        assertThat(portal.paths()).contains("/v3/journal?date_from=2026-11-30");
        assertThat(journal.messages()).singleElement().satisfies(m -> assertThat(json(m).get("id").asInt()).isEqualTo(99));
    }

    @Test
    void theContractStatusesAreLoadedOnTheFirstPollOnly() {
        PortalPoller poller = poller(50);
        assertThat(poller.statuses()).isEmpty();
        assertThat(portal.requests()).isEmpty();

        poller.poll(null);
        poller.poll("journal:2026-11-30||");

        assertThat(poller.statuses()).hasValueSatisfying(s -> assertThat(s.name(190).orElseThrow().nameRu())
                .isEqualTo("Действует"));
        assertThat(portal.paths().stream().filter(p -> p.startsWith("/v3/refs/"))).hasSize(1);
        assertThat(poller.health()).containsEntry("contractStatuses", 1).containsEntry("state", "UP");
    }
}
