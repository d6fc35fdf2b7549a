package kz.digitaltenge.routes.procurement.testing;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import kz.digitaltenge.canonical.id.AccountNumber;
import kz.digitaltenge.canonical.id.PartyId;

/**
 * Records as the procurement portal's OWS v3 API writes them, written from its format note, for tests that serve them
 * from a {@link FakePortal}: field names as the portal's, BINs and IIKs as strings (valid: the check digits computed),
 * sums as exact JSON numbers, timestamps {@code YYYY-MM-DD HH:MM:SS} in Almaty local time with no zone, 0 for "none".
 * Each writer gives the record's JSON text, as {@link FakePortal} serves it.
 */
public final class OwsRecords {
    public static final ZoneId ALMATY = ZoneId.of("Asia/Almaty");
    private static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final ObjectMapper JSON = JsonMapper.builder().enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN).build();
    /** The fields a short-list record ({@code /v3/contract}, by supplier or customer) has: no sign_date, fin_year, ec_end_date. */
    private static final List<String> SHORT_FIELDS = List.of("id", "contract_number", "contract_number_sys", "trd_buy_id",
            "trd_buy_number_anno", "ref_contract_type_id", "ref_contract_status_id", "crdate", "contract_sum",
            "contract_sum_wnds", "supplier_id", "supplier_biin", "customer_id", "customer_bin", "index_date", "system_id");

    private OwsRecords() {
    }

    /** A portal timestamp of an instant: Almaty local time, no zone, whole seconds. */
    public static String ts(Instant at) {
        return LocalDateTime.ofInstant(at, ALMATY).format(TS);
    }

    /** A valid BIN from its first 11 digits (its check digit computed). */
    public static String bin(String first11) {
        int check = PartyId.checkDigit(first11);
        if (check < 0) {
            throw new IllegalArgumentException("no BIN starts with " + first11);
        }
        return first11 + check;
    }

    /** A valid BIN no other test is likely to use. */
    public static String randomBin() {
        while (true) {
            String first11 = String.format("%011d", ThreadLocalRandom.current().nextLong(100_000_000_000L));
            if (PartyId.checkDigit(first11) >= 0) {
                return bin(first11);
            }
        }
    }

    /** A valid IIK (20 characters, mod-97 check digits) of bank {@code bankCode} (3 digits). */
    public static String iik(String bankCode, String accountPart) {
        return AccountNumber.of(bankCode, accountPart).value();
    }

    /** A valid IIK no other test is likely to use. */
    public static String randomIik() {
        return iik("601", String.format("%013d", ThreadLocalRandom.current().nextLong(10_000_000_000_000L)));
    }

    /**
     * A full contract record ({@code /v3/contract/{id}}, {@code /v3/contract/all}) to adjust and write: an original
     * contract (type 1), signed (status 190), in force, in KZT, not a budget contract unless {@link #budget} says so.
     */
    public static Contract contract(long id) {
        return new Contract(id);
    }

    /** A contract record being written; every setter returns it. */
    public static final class Contract {
        private final Map<String, Object> r = new LinkedHashMap<>();

        private Contract(long id) {
            Instant now = Instant.now();
            String customerBin = randomBin();
            r.put("id", id);
            r.put("parent_id", 0);
            r.put("root_id", id);
            r.put("trd_buy_id", 243809);
            r.put("trd_buy_number_anno", "243809-1");
            r.put("ref_contract_status_id", 190);
            r.put("ref_contract_type_id", 1);
            r.put("ref_amendm_agreem_justif_id", List.of(0));
            r.put("deleted", 0);
            r.put("crdate", ts(now.minusSeconds(3 * 86_400)));
            r.put("last_update_date", ts(now.minusSeconds(86_400)));
            r.put("index_date", ts(now.minusSeconds(86_400)));
            r.put("contract_number", "Д-" + id + "/" + LocalDateTime.ofInstant(now, ALMATY).getYear());
            r.put("contract_number_sys", customerBin + "/" + String.format("%06d", id % 1_000_000) + "/00");
            r.put("supplier_id", 5501);
            r.put("supplier_biin", randomBin());
            r.put("supplier_bik", "HSBKKZKX");
            r.put("supplier_iik", randomIik());
            r.put("customer_id", 7701);
            r.put("customer_bin", customerBin);
            r.put("customer_bik", "KKMFKZ2A");
            r.put("customer_iik", randomIik());
            r.put("fin_year", LocalDateTime.ofInstant(now, ALMATY).getYear());
            r.put("ref_contract_agr_form_id", 2);
            r.put("ref_finsource_id", 5);
            r.put("ref_contract_year_type_id", 1);
            r.put("ref_currency_code", "KZT");
            r.put("exchange_rate", 1);
            r.put("sign_date", ts(now.minusSeconds(2 * 86_400)));
            r.put("ec_end_date", ts(now.plusSeconds(365 * 86_400L)));
            r.put("plan_exec_date", ts(now.plusSeconds(300 * 86_400L)));
            r.put("fakt_exec_date", null);
            r.put("contract_end_date", null);
            r.put("ref_contract_cancel_id", 0);
            r.put("description_ru", "Ремонт дороги");
            r.put("is_gu", 0);
            r.put("system_id", 3);
            sumWithVat("1500000.50");
        }

        public long id() {
            return ((Number) r.get("id")).longValue();
        }

        /** The contract's key in the hub (its {@code CONTRACT_REGISTERED} fact's subject). */
        public String numberSys() {
            return (String) r.get("contract_number_sys");
        }

        public String customerBin() {
            return (String) r.get("customer_bin");
        }

        public String customerIik() {
            return (String) r.get("customer_iik");
        }

        public String supplierBin() {
            return (String) r.get("supplier_biin");
        }

        public String supplierIik() {
            return (String) r.get("supplier_iik");
        }

        public Contract numberSys(String value) {
            return set("contract_number_sys", value);
        }

        public Contract customer(String bin, String iik) {
            return set("customer_bin", bin).set("customer_iik", iik);
        }

        public Contract supplier(String biin, String iik) {
            return set("supplier_biin", biin).set("supplier_iik", iik);
        }

        /** {@code contract_sum_wnds} (with VAT, the hub's maximum transfer) as written; {@code contract_sum} without VAT. */
        public Contract sumWithVat(String value) {
            BigDecimal withVat = new BigDecimal(value);
            return set("contract_sum_wnds", withVat)
                    .set("contract_sum", withVat.multiply(BigDecimal.valueOf(100)).divide(BigDecimal.valueOf(112), 2,
                            java.math.RoundingMode.DOWN));
        }

        public Contract signed(Instant at) {
            return set("sign_date", ts(at)).set("crdate", ts(at));
        }

        /** {@code ec_end_date}: the end of the contract's term. */
        public Contract endsAt(Instant at) {
            return set("ec_end_date", ts(at));
        }

        /** {@code last_update_date} (and {@code index_date}): when the portal last changed the record. */
        public Contract updated(Instant at) {
            return set("last_update_date", ts(at)).set("index_date", ts(at));
        }

        /** A budget contract ({@code is_gu} 1: paid through the Treasury, registration required). */
        public Contract budget(boolean value) {
            return set("is_gu", value ? 1 : 0);
        }

        /** Any field, as the portal would write it (a {@link BigDecimal} for an exact number, null for JSON null). */
        public Contract set(String field, Object value) {
            r.put(field, value);
            return this;
        }

        public Contract remove(String field) {
            r.remove(field);
            return this;
        }

        /** A copy of the record's fields, in the portal's order. */
        public Map<String, Object> fields() {
            return new LinkedHashMap<>(r);
        }

        /** The full record's JSON. */
        public String json() {
            return write(r);
        }

        /** The record as the short lists give it ({@code /v3/contract}): no sign_date, fin_year, ec_end_date, accounts. */
        public String shortJson() {
            Map<String, Object> s = new LinkedHashMap<>();
            for (String f : SHORT_FIELDS) {
                if (r.containsKey(f)) {
                    s.put(f, r.get(f));
                }
            }
            return write(s);
        }
    }

    /** An act of completed work ({@code /v3/acts/{id}}); approved = status 15 "утвержден". */
    public static String act(long id, long contractId, String sumTransfer, boolean approved) {
        Map<String, Object> r = new LinkedHashMap<>();
        String at = ts(Instant.now().minusSeconds(3_600));
        r.put("id", id);
        r.put("number_act", "A000ZM/00/" + id);
        r.put("akt_date", at);
        r.put("create_date_act", at);
        r.put("approve_date", approved ? at : null);
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
        return write(r);
    }

    /**
     * A unit of a contract ({@code /v3/contract/{id}/units}) with one budget line; the line's sums are strings, as in
     * the portal's samples.
     */
    public static String unit(long id, long contractId, String totalSumWithVat) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("ref_ekrb_id", 159);
        line.put("fin_year", LocalDateTime.ofInstant(Instant.now(), ALMATY).getYear());
        line.put("total_sum_wnds", totalSumWithVat);
        line.put("plan_sum", totalSumWithVat);
        line.put("fact_sum_wnds", "0");
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("id", id);
        r.put("lot_id", 0);
        r.put("contract_registry_id", contractId);
        r.put("item_price", new BigDecimal(totalSumWithVat));
        r.put("quantity", 1);
        r.put("total_sum_wnds", new BigDecimal(totalSumWithVat));
        r.put("deleted", 0);
        r.put("executed", 0);
        r.put("spec", List.of(line));
        return write(r);
    }

    /** A Treasury registration of a contract ({@code /v3/treasury-pay/{contract_id}}). */
    public static String treasuryRegistration(long id, long contractId, String notice, Instant registered) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("id", id);
        r.put("contract_id", contractId);
        r.put("nom_za", "ЗР-" + id);
        r.put("dt_reg", ts(registered));
        r.put("nom_uved", notice);
        r.put("nom_dog", "Д-" + contractId);
        r.put("type_bujet", "01");
        r.put("kato", "751110000");
        r.put("func", "022");
        r.put("po_header_id", 900000 + id);
        r.put("last_update_date", ts(registered));
        return write(r);
    }

    /** A Treasury payment line of a contract. */
    public static String treasuryPayment(long id, long contractId, String amount, Instant paid) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("id", id);
        r.put("contract_id", contractId);
        r.put("po_header_id", 900000 + contractId);
        r.put("check_number", "Ч-" + id);
        r.put("pay_amount", new BigDecimal(amount));
        r.put("pay_date", ts(paid));
        r.put("ppn", 7000 + id);
        return write(r);
    }

    /** The list envelope {@code {total, limit, next_page, items}} of one page, the last. */
    public static String list(List<String> items) {
        return FakePortal.envelope(items.size(), "", items);
    }

    private static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
