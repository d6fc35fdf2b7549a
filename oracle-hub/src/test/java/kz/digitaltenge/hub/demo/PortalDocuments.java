package kz.digitaltenge.hub.demo;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Records shaped as the procurement portal's OWS v3 API writes them (field names, strings with leading zeros, sums as
 * JSON numbers, timestamps {@code YYYY-MM-DD HH:MM:SS} in Almaty time with no zone), written from the format note for
 * the demos and their tests: a contract's full record, a supplementary agreement, an act, a Treasury registration, and
 * the list envelope {@code {total, limit, next_page, items}}.
 */
public final class PortalDocuments {
    static final ZoneId ALMATY = ZoneId.of("Asia/Almaty");
    static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private PortalDocuments() {
    }

    /** A portal timestamp of an instant (local time in Almaty, no zone). */
    public static String ts(Instant at) {
        return LocalDateTime.ofInstant(at, ALMATY).format(TS);
    }

    /** The parties and money of one contract version. */
    public record Contract(long id, long rootId, long parentId, String numberSys, String number, String customerBin,
                           String customerIik, String supplierBin, String supplierIik, String sumWithVat, Instant signDate,
                           Instant endDate, boolean budget) {
    }

    /** A contract's full record ({@code /v3/contract/{id}}); {@code type} 1 the contract, 2 a supplementary agreement. */
    public static Map<String, Object> contract(Contract c, int type, Instant updated) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("id", c.id());
        r.put("parent_id", c.parentId());
        r.put("root_id", c.rootId());
        r.put("trd_buy_id", 0);
        r.put("trd_buy_number_anno", null);
        r.put("ref_contract_status_id", type == 1 ? 190 : 455);
        r.put("ref_contract_type_id", type);
        r.put("ref_amendm_agreem_justif_id", type == 1 ? List.of(0) : List.of(19));
        r.put("deleted", 0);
        r.put("crdate", ts(c.signDate()));
        r.put("last_update_date", ts(updated));
        r.put("index_date", ts(updated));
        r.put("contract_number", c.number());
        r.put("contract_number_sys", c.numberSys());
        r.put("supplier_id", 1000 + c.id());
        r.put("supplier_biin", c.supplierBin());
        r.put("supplier_bik", "KCJBKZKX");
        r.put("supplier_iik", c.supplierIik());
        r.put("supplier_bank_name_ru", "АО «Банк»");
        r.put("customer_id", 2000 + c.id());
        r.put("customer_bin", c.customerBin());
        r.put("customer_bik", "KKMFKZ2A");
        r.put("customer_iik", c.customerIik());
        r.put("customer_bank_name_ru", "РГУ «Комитет казначейства»");
        r.put("fin_year", LocalDateTime.ofInstant(c.signDate(), ALMATY).getYear());
        r.put("ref_contract_agr_form_id", 2);
        r.put("ref_finsource_id", 5);
        r.put("ref_contract_year_type_id", 2);
        r.put("ref_currency_code", "KZT");
        r.put("exchange_rate", 1);
        BigDecimal withVat = new BigDecimal(c.sumWithVat());
        r.put("contract_sum", withVat.multiply(new BigDecimal("100")).divide(new BigDecimal("112"), 2, java.math.RoundingMode.DOWN));
        r.put("contract_sum_wnds", withVat);
        r.put("sign_date", ts(c.signDate()));
        r.put("ec_end_date", ts(c.endDate()));
        r.put("plan_exec_date", ts(c.endDate()));
        r.put("fakt_exec_date", null);
        r.put("fakt_sum_wnds", 0);
        r.put("contract_end_date", null);
        r.put("ref_contract_cancel_id", 0);
        r.put("description_ru", "Строительство участка железной дороги");
        r.put("is_gu", c.budget() ? 1 : 0);
        r.put("system_id", 3);
        return r;
    }

    /** The same contract terminated ({@code contract_end_date} set, a termination ground). */
    public static Map<String, Object> terminated(Map<String, Object> contract, Instant at, int ground) {
        Map<String, Object> r = new LinkedHashMap<>(contract);
        r.put("contract_end_date", ts(at));
        r.put("ref_contract_cancel_id", ground);
        r.put("ref_contract_status_id", 350);
        r.put("last_update_date", ts(at));
        return r;
    }

    /** An act of completed work ({@code /v3/acts/{id}}); {@code approved} status 15 "утвержден". */
    public static Map<String, Object> act(long id, long contractId, long rootId, String sumTransfer, boolean approved, Instant at) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("id", id);
        r.put("number_act", "A" + id + "/00/1");
        r.put("akt_date", ts(at));
        r.put("create_date_act", ts(at));
        r.put("approve_date", approved ? ts(at) : null);
        r.put("contract_id", contractId);
        r.put("contract_root_id", rootId);
        r.put("status_id", approved ? 15 : 11);
        r.put("status_name_ru", approved ? "утвержден" : "на согласовании");
        r.put("is_deleted", 0);
        r.put("sum_avans", 0);
        r.put("sum_beginning", 0);
        r.put("sum_fine", 0);
        r.put("sum_previously", 0);
        r.put("sum_transfer", new BigDecimal(sumTransfer));
        r.put("type_act", 1);
        r.put("parent_id", 0);
        r.put("system_id", 3);
        return r;
    }

    /** A Treasury registration of a contract ({@code /v3/treasury-pay/{contract_id}}). */
    public static Map<String, Object> treasuryRegistration(long id, long contractId, String notice, Instant at) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("id", id);
        r.put("contract_id", contractId);
        r.put("nom_za", "ZA-" + id);
        r.put("dt_reg", ts(at));
        r.put("nom_uved", notice);
        r.put("nom_dog", "D-" + contractId);
        r.put("dt_dog", ts(at));
        r.put("type_bujet", "01");
        r.put("kato", "751110000");
        r.put("func", "022");
        r.put("espk", "159");
        r.put("po_header_id", 900000 + id);
        r.put("last_update_date", ts(at));
        r.put("system_id", 3);
        return r;
    }

    /** The portal's list envelope around records (one page, the last). */
    public static Map<String, Object> list(List<Map<String, Object>> items) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("total", items.size());
        r.put("limit", 50);
        r.put("next_page", "");
        r.put("items", items);
        return r;
    }
}
