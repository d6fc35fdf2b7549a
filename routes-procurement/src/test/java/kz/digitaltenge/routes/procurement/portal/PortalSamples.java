package kz.digitaltenge.routes.procurement.portal;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import kz.digitaltenge.canonical.source.SourcePoller;
import kz.digitaltenge.routes.procurement.testing.FakePortal;

/** Records written from the format note, and the clients and syncs the tests share. */
final class PortalSamples {
    private PortalSamples() {
    }

    /** A full contract record of {@code /v3/contract/all}, fields as the note lists them. */
    static String contract(long id) {
        return "{\"id\":" + id + ",\"parent_id\":0,\"root_id\":" + id + ",\"trd_buy_id\":243809,"
                + "\"trd_buy_number_anno\":\"243809-1\",\"ref_contract_status_id\":190,\"ref_contract_type_id\":1,"
                + "\"ref_amendm_agreem_justif_id\":[0],\"deleted\":0,\"crdate\":\"2026-10-01 09:15:00\","
                + "\"last_update_date\":\"2026-10-02 11:00:00\",\"index_date\":\"2026-10-02 11:00:05\","
                + "\"contract_number\":\"Д-" + id + "/2026\",\"contract_number_sys\":\"000140001536/" + (160000 + id % 1000)
                + "/00\",\"supplier_id\":5501,\"supplier_biin\":\"070340001239\",\"supplier_bik\":\"HSBKKZKX\","
                + "\"supplier_iik\":\"KZ86601A871001726091\",\"customer_id\":7701,\"customer_bin\":\"000140001536\","
                + "\"fin_year\":2026,\"ref_currency_code\":\"KZT\",\"exchange_rate\":1,\"contract_sum\":1115625,"
                + "\"contract_sum_wnds\":1249500.50,\"sign_date\":\"2026-10-05 10:00:00\","
                + "\"ec_end_date\":\"2026-12-31 00:00:00\",\"contract_end_date\":null,\"ref_contract_cancel_id\":0,"
                + "\"system_id\":3}";
    }

    /** A short record, as {@code /v3/contract} and the supplier/customer lists give it: no sign_date, fin_year. */
    static String shortContract(long id) {
        return "{\"id\":" + id + ",\"contract_number\":\"Д-" + id + "/2026\",\"contract_number_sys\":\"000140001536/"
                + (160000 + id % 1000) + "/00\",\"trd_buy_id\":0,\"trd_buy_number_anno\":null,\"ref_contract_type_id\":1,"
                + "\"ref_contract_status_id\":190,\"crdate\":\"2026-10-01 09:15:00\",\"contract_sum\":1115625,"
                + "\"contract_sum_wnds\":1249500.50,\"supplier_id\":5501,\"supplier_biin\":\"070340001239\","
                + "\"customer_id\":7701,\"customer_bin\":\"000140001536\",\"index_date\":\"2026-10-02 11:00:05\","
                + "\"system_id\":3}";
    }

    static String act(long id, long contractId) {
        return "{\"id\":" + id + ",\"number_act\":\"A000ZM/00/" + id + "\",\"akt_date\":\"2026-11-10 00:00:00\","
                + "\"create_date_act\":\"2026-11-10 12:00:00\",\"approve_date\":null,\"contract_id\":" + contractId
                + ",\"contract_root_id\":" + contractId + ",\"status_id\":15,\"status_name_ru\":\"утвержден\","
                + "\"is_deleted\":0,\"sum_transfer\":250000.75,\"sum_avans\":null,\"supplier_id\":5501,"
                + "\"customer_id\":7701,\"type_act\":1,\"parent_id\":0,\"system_id\":3}";
    }

    static String unit(long id, long contractId) {
        return "{\"id\":" + id + ",\"lot_id\":0,\"contract_registry_id\":" + contractId + ",\"item_price\":14049.5,"
                + "\"quantity\":2,\"total_sum\":28099,\"total_sum_wnds\":31470.88,\"deleted\":0,\"executed\":0,"
                + "\"spec\":[{\"ref_ekrb_id\":159,\"fin_year\":2026,\"total_sum\":\"14049\",\"plan_sum\":\"14049.50\","
                + "\"fact_sum_wnds\":\"0\"}]}";
    }

    static String treasuryPay(long id, long contractId) {
        return "{\"id\":" + id + ",\"contract_id\":" + contractId + ",\"nom_za\":\"ЗР-" + id + "\","
                + "\"dt_reg\":\"2026-10-06 09:00:00\",\"nom_uved\":\"У-" + id + "\",\"type_bujet\":\"01\","
                + "\"pay_amount\":125000.10,\"pay_date\":\"2026-11-12 00:00:00\",\"ppn\":" + (7000 + id) + "}";
    }

    /** Settings against a fake: 5 requests a second, 4 attempts, backoff 500 ms doubling to 30 s. */
    static PortalSettings settings(FakePortal portal) {
        return PortalSettings.of(portal.baseUrl(), FakePortal.TOKEN).withTimeout(Duration.ofSeconds(5));
    }

    static PortalClient client(FakePortal portal, FakeClock clock) {
        return client(settings(portal), clock);
    }

    /** Jitter fixed at its top, so the delays are exact. */
    static PortalClient client(PortalSettings settings, FakeClock clock) {
        return new PortalClient(settings, new PortalHealth(), clock, () -> 1.0);
    }

    static JsonNode json(byte[] message) {
        try {
            return PortalJson.MAPPER.readTree(message);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode json(String text) {
        return json(text.getBytes(StandardCharsets.UTF_8));
    }

    static String text(byte[] message) {
        return new String(message, StandardCharsets.UTF_8);
    }

    /** The pages of one run, each with the checkpoint it was read from. */
    record Step(String from, SourcePoller.Page page) {
    }

    /** Polls from {@code checkpoint} as the hub does until a page says no more follows. */
    static List<Step> sync(SourcePoller poller, String checkpoint) {
        List<Step> steps = new ArrayList<>();
        String at = checkpoint;
        for (int i = 0; i < 1_000; i++) {
            SourcePoller.Page page = poller.poll(at);
            steps.add(new Step(at, page));
            at = page.nextCheckpoint();
            if (!page.more()) {
                return steps;
            }
        }
        throw new AssertionError("the poller never said that no more follows");
    }

    static List<String> messages(List<Step> steps) {
        return steps.stream().flatMap(s -> s.page().messages().stream()).map(PortalSamples::text).toList();
    }

    static String last(List<Step> steps) {
        return steps.get(steps.size() - 1).page().nextCheckpoint();
    }
}
