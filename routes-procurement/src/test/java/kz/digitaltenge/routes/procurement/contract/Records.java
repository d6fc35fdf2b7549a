package kz.digitaltenge.routes.procurement.contract;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kz.digitaltenge.canonical.id.AccountNumber;
import kz.digitaltenge.canonical.id.PartyId;

/**
 * Portal records as the OWS v3 API writes them, written from the format note for these tests (field names, BINs and
 * accounts as strings, sums as JSON numbers, timestamps {@code YYYY-MM-DD HH:MM:SS} with no zone, 0 for "none").
 */
final class Records {
    static final ObjectMapper JSON = JsonMapper.builder().enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN).build();

    static final String CUSTOMER_BIN = bin("00014000153");
    static final String SUPPLIER_BIN = bin("07034000123");
    static final String CUSTOMER_IIK = AccountNumber.of("070", "KZT0000000001").value();
    static final String SUPPLIER_IIK = AccountNumber.of("601", "A871001726091").value();

    private Records() {
    }

    /** A valid BIN from its first 11 digits (its check digit computed). */
    static String bin(String first11) {
        int check = PartyId.checkDigit(first11);
        if (check < 0) {
            throw new IllegalArgumentException("no BIN starts with " + first11);
        }
        return first11 + check;
    }

    static String numberSys(long id) {
        return CUSTOMER_BIN + "/" + String.format("%06d", id % 1_000_000) + "/00";
    }

    /** A full record of {@code /v3/contract/{id}}: an original contract, signed (190), in force. */
    static Map<String, Object> contract(long id) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("id", id);
        r.put("parent_id", 0);
        r.put("root_id", id);
        r.put("trd_buy_id", 243809);
        r.put("trd_buy_number_anno", "243809-1");
        r.put("ref_contract_status_id", 190);
        r.put("ref_contract_type_id", 1);
        r.put("ref_amendm_agreem_justif_id", List.of(0));
        r.put("deleted", 0);
        r.put("crdate", "2026-10-01 09:15:00");
        r.put("last_update_date", "2026-10-02 11:00:00");
        r.put("index_date", "2026-10-02 11:00:05");
        r.put("contract_number", "Д-" + id + "/2026");
        r.put("contract_number_sys", numberSys(id));
        r.put("supplier_id", 5501);
        r.put("supplier_biin", SUPPLIER_BIN);
        r.put("supplier_bik", "HSBKKZKX");
        r.put("supplier_iik", SUPPLIER_IIK);
        r.put("customer_id", 7701);
        r.put("customer_bin", CUSTOMER_BIN);
        r.put("customer_bik", "KKMFKZ2A");
        r.put("customer_iik", CUSTOMER_IIK);
        r.put("fin_year", 2026);
        r.put("ref_contract_agr_form_id", 2);
        r.put("ref_finsource_id", 5);
        r.put("ref_contract_year_type_id", 1);
        r.put("ref_currency_code", "KZT");
        r.put("exchange_rate", 1);
        r.put("contract_sum", new BigDecimal("1339285.71"));
        r.put("contract_sum_wnds", new BigDecimal("1500000.50"));
        r.put("sign_date", "2026-10-05 10:00:00");
        r.put("ec_end_date", "2026-12-31 00:00:00");
        r.put("plan_exec_date", "2026-12-20 00:00:00");
        r.put("fakt_exec_date", null);
        r.put("contract_end_date", null);
        r.put("ref_contract_cancel_id", 0);
        r.put("description_ru", "Ремонт дороги");
        r.put("is_gu", 1);
        r.put("system_id", 3);
        return r;
    }

    /** A supplementary agreement: the next version of {@code root}, with its own id and system number. */
    static Map<String, Object> amendment(long root, long id, String sumWithVat, String updated) {
        Map<String, Object> r = contract(root);
        r.put("id", id);
        r.put("parent_id", root);
        r.put("root_id", root);
        r.put("ref_contract_type_id", 2);
        r.put("ref_contract_status_id", 455);
        r.put("ref_amendm_agreem_justif_id", List.of(19));
        r.put("contract_number_sys", numberSys(root).replace("/00", "/01"));
        r.put("contract_sum_wnds", new BigDecimal(sumWithVat));
        r.put("last_update_date", updated);
        return r;
    }

    /** A short-list record ({@code /v3/contract}): no sign_date, fin_year, ec_end_date. */
    static Map<String, Object> shortContract(long id) {
        Map<String, Object> r = new LinkedHashMap<>();
        for (String f : List.of("id", "contract_number", "contract_number_sys", "trd_buy_id", "trd_buy_number_anno",
                "ref_contract_type_id", "ref_contract_status_id", "crdate", "contract_sum", "contract_sum_wnds", "supplier_id",
                "supplier_biin", "customer_id", "customer_bin", "index_date", "system_id")) {
            r.put(f, contract(id).get(f));
        }
        return r;
    }

    /** An act of completed work ({@code /v3/acts/{id}}); approved = status 15. */
    static Map<String, Object> act(long id, long contractId, String sumTransfer, boolean approved) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("id", id);
        r.put("number_act", "A000ZM/00/" + id);
        r.put("akt_date", "2026-11-10 00:00:00");
        r.put("create_date_act", "2026-11-10 12:00:00");
        r.put("approve_date", null);
        r.put("contract_id", contractId);
        r.put("contract_root_id", contractId);
        r.put("status_id", approved ? 15 : 11);
        r.put("status_name_ru", approved ? "утвержден" : "на согласовании");
        r.put("is_deleted", 0);
        r.put("sum_transfer", sumTransfer == null ? null : new BigDecimal(sumTransfer));
        r.put("sum_avans", null);
        r.put("supplier_id", 5501);
        r.put("customer_id", 7701);
        r.put("type_act", 1);
        r.put("parent_id", 0);
        r.put("system_id", 3);
        return r;
    }

    /** A Treasury registration of a contract ({@code /v3/treasury-pay/{contract_id}}). */
    static Map<String, Object> treasuryRegistration(long id, long contractId, String notice, String registered) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("id", id);
        r.put("contract_id", contractId);
        r.put("nom_za", "ЗР-" + id);
        r.put("dt_reg", registered);
        r.put("nom_uved", notice);
        r.put("nom_dog", "Д-" + contractId);
        r.put("type_bujet", "01");
        r.put("kato", "751110000");
        r.put("func", "022");
        r.put("po_header_id", 900000 + id);
        r.put("last_update_date", registered);
        return r;
    }

    /** A Treasury payment line (its registration fields left out: they come with the registration). */
    static Map<String, Object> treasuryPayment(long id, long contractId, String amount, String paid) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("id", id);
        r.put("contract_id", contractId);
        r.put("po_header_id", 900000 + contractId);
        r.put("check_number", "Ч-" + id);
        r.put("pay_amount", new BigDecimal(amount));
        r.put("pay_date", paid);
        r.put("ppn", 7000 + id);
        return r;
    }

    /** A deletion in the change journal. */
    static Map<String, Object> journalDeletion(String objectId, String at) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("object_id", objectId);
        r.put("action", "D");
        r.put("date_action", at);
        r.put("service_name", "contract");
        r.put("service_title", "Договоры");
        r.put("url", "");
        return r;
    }

    /** The list envelope, one page, the last. */
    static Map<String, Object> list(List<?> items) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("total", items.size());
        r.put("limit", 50);
        r.put("next_page", "");
        r.put("items", new ArrayList<>(items));
        return r;
    }

    static byte[] json(Object value) {
        try {
            return JSON.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
