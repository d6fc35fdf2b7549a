package kz.digitaltenge.routes.procurement.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import kz.digitaltenge.canonical.SourceMessageRejected;
import kz.digitaltenge.canonical.source.BatchTranslator;
import kz.digitaltenge.canonical.source.SourceHeaders;
import org.junit.jupiter.api.Test;

/** What an import holds, record by record, and what is refused whole. */
class ProcurementTranslatorTest {
    private final BatchTranslator translator = new ProcurementTranslator(() -> ProcurementTranslator.NOTHING_REGISTERED,
            Programmes.NONE, StatusNames.NONE, ProcurementTranslator.DEFAULT_MAX_BYTES);

    private BatchTranslator.Batch read(String json, String importPath) {
        return translator.translateBatch(json.getBytes(StandardCharsets.UTF_8),
                importPath == null ? Map.of() : Map.of(SourceHeaders.IMPORT, importPath));
    }

    private BatchTranslator.Batch read(Object document, String importPath) {
        return translator.translateBatch(Records.json(document), importPath == null ? Map.of() : Map.of(SourceHeaders.IMPORT, importPath));
    }

    @Test
    void aListWithAGoodAShortAndAMalformedRecordGivesOneMessageAndTwoRejectedOnes() {
        Map<String, Object> bad = Records.contract(3);
        bad.put("sign_date", "31.02.2026");
        BatchTranslator.Batch b = read(Records.list(List.of(Records.contract(1), Records.shortContract(2), bad)), "contracts");

        assertThat(b.messages()).hasSize(1);
        assertThat(b.messages().get(0).subject()).isEqualTo(Records.numberSys(1));
        assertThat(b.labelsOf(0)).containsEntry("record", "1").containsEntry("id", "1").containsEntry("kind", "contract")
                .containsEntry("contractNumberSys", Records.numberSys(1));
        assertThat(b.rejected()).extracting(BatchTranslator.RejectedRecord::record).containsExactly("record 2", "record 3");
        BatchTranslator.RejectedRecord incomplete = b.rejected().get(0);
        assertThat(incomplete.reason().name()).isEqualTo("INCOMPLETE");
        assertThat(incomplete.message()).startsWith("contract 2: the record lacks").contains("sign_date");
        assertThat(incomplete.labels()).containsEntry("record", "2").containsEntry("id", "2")
                .containsEntry("contractNumberSys", Records.numberSys(2));
        assertThat(new String(incomplete.original(), StandardCharsets.UTF_8)).as("the record's own JSON")
                .isEqualTo(new String(Records.json(Records.shortContract(2)), StandardCharsets.UTF_8));
        BatchTranslator.RejectedRecord malformed = b.rejected().get(1);
        assertThat(malformed.reason().name()).isEqualTo("MALFORMED");
        assertThat(malformed.message()).contains("sign_date");
        assertThat(malformed.labels()).containsEntry("record", "3");
    }

    @Test
    void theRecordsOwnTextIsKeptByteForByte() {
        String item = "{ \"id\" : 7,\n  \"contract_number_sys\": null }";
        BatchTranslator.Batch b = read("{\"total\":1,\"limit\":50,\"next_page\":\"\",\"items\":[ " + item + " ]}", null);
        assertThat(new String(b.rejected().get(0).original(), StandardCharsets.UTF_8)).isEqualTo(item);
        byte[] withBom = ("\uFEFF[" + item + "]").getBytes(StandardCharsets.UTF_8);
        BatchTranslator.Batch bom = translator.translateBatch(withBom, Map.of());
        assertThat(new String(bom.rejected().get(0).original(), StandardCharsets.UTF_8)).isEqualTo(item);
    }

    @Test
    void aSingleRecordABareArrayAndAListAreTheSame() {
        Map<String, Object> c = Records.contract(1);
        assertThat(read(c, null).messages()).hasSize(1);
        assertThat(read(List.of(c, Records.contract(2)), null).messages()).hasSize(2);
        assertThat(read(Records.list(List.of(c)), null).messages().get(0).terms())
                .isEqualTo(read(c, null).messages().get(0).terms());
    }

    @Test
    void aRecordOfNoKindIsSaidToBeNoneInAnImportToo() {
        BatchTranslator.Batch b = read("{\"total\":1,\"items\":[{\"broken\":true}]}", "contracts");
        assertThat(b.rejected()).hasSize(1);
        assertThat(b.rejected().get(0).reason().name()).isEqualTo("SCHEMA_INVALID");
        assertThat(b.rejected().get(0).message()).contains("not a portal contract, act, Treasury or journal record");
    }

    @Test
    void anImportTakesItsOwnKindOfRecord() {
        BatchTranslator.Batch acts = read(Records.list(List.of(Records.contract(1))), "acts");
        assertThat(acts.messages()).isEmpty();
        assertThat(acts.rejected().get(0).reason().name()).isEqualTo("SCHEMA_INVALID");
        assertThat(acts.rejected().get(0).message()).contains("/api/procurement/acts").contains("belongs to /api/procurement/contracts");
        BatchTranslator.Batch contracts = read(Records.act(5, 1, "10.00", true), "contracts");
        assertThat(contracts.rejected().get(0).message()).contains("belongs to /api/procurement/acts");
        BatchTranslator.Batch treasury = read(Records.act(5, 1, "10.00", true), "treasury-pay");
        assertThat(treasury.rejected().get(0).message()).contains("belongs to /api/procurement/acts");
        assertThat(read(Records.treasuryRegistration(9, 1, "У-1", "2026-10-06 09:00:00"), "contracts").rejected().get(0).message())
                .contains("belongs to /api/procurement/treasury-pay");
        assertThat(read(Records.act(5, 1, "10.00", true), null).rejected().get(0).reason().name())
                .as("the poller's messages may be any kind (this one names an unknown contract)").isEqualTo("UNKNOWN_REFERENCE");
        assertThatThrownBy(() -> read(Records.contract(1), "lots")).isInstanceOf(SourceMessageRejected.class)
                .hasMessageContaining("no import");
    }

    @Test
    void recordsThatAreNotThePortalsAreRefusedWithWhy() {
        BatchTranslator.Batch b = read("[{\"foo\":1}, 5, {\"object_id\":\"1-4909\",\"action\":\"U\",\"date_action\":\"2026-11-01 10:00:00\","
                + "\"service_name\":\"contract\"}, {\"object_id\":\"1-4909\",\"action\":\"D\",\"date_action\":\"2026-11-01 10:00:00\","
                + "\"service_name\":\"subject\"}]", null);
        assertThat(b.rejected()).extracting(r -> r.reason().name())
                .containsExactly("SCHEMA_INVALID", "SCHEMA_INVALID", "INCOMPLETE", "UNSUPPORTED");
        assertThat(b.rejected().get(1).message()).contains("a JSON number, not a record");
        assertThat(b.rejected().get(2).message()).contains("journal item U");
        assertThat(b.rejected().get(3).labels()).containsEntry("id", "1-4909").containsEntry("kind", "journal");
    }

    @Test
    void aWholeDocumentThatIsNotThePortalsJsonIsRefusedWhole() {
        for (String bad : List.of("", "   ", "not json", "{\"items\": 5}", "\"text\"", "[]", "{\"items\":[]}",
                "[{\"id\":1}] trailing", "{\"id\":1,\"id\":2}", "{\"a\":\"x\u0000y\"}", "[{\"id\":1")) {
            assertThatThrownBy(() -> read(bad, null)).as(bad).isInstanceOf(SourceMessageRejected.class);
        }
        assertThatThrownBy(() -> translator.translateBatch(new byte[] {(byte) 0xC3, (byte) 0x28}, Map.of()))
                .isInstanceOf(SourceMessageRejected.class);
        assertThatThrownBy(() -> translator.translateBatch(null, Map.of())).isInstanceOf(SourceMessageRejected.class);
    }

    @Test
    void hostileInputIsRefusedCleanly() {
        // an escaped NUL inside a value: that record is refused (the ledger's text rule), the others go on
        String nul = new String(Records.json(Records.contract(2)), StandardCharsets.UTF_8).replace("Ремонт дороги", "a\\u0000b")
                .replace("\"Д-2/2026\"", "\"Д-\\u00002\"");
        BatchTranslator.Batch b = read("[" + new String(Records.json(Records.contract(1)), StandardCharsets.UTF_8) + "," + nul + "]", null);
        assertThat(b.messages()).hasSize(1);
        assertThat(b.rejected().get(0).reason().name()).isEqualTo("MALFORMED");
        assertThat(b.rejected().get(0).message()).contains("U+0000").doesNotContain("\u0000");

        // ids, codes and dates of the wrong kind: that record is refused, nothing is expanded
        for (String field : List.of("\"id\":1e999999999", "\"id\":57113.5", "\"ref_contract_status_id\":-190",
                "\"sign_date\":20261005", "\"fin_year\":\"2026a\"", "\"is_gu\":[1]", "\"ContractUnits\":{}")) {
            String name = field.substring(1, field.indexOf('"', 1));
            Map<String, Object> r = Records.contract(9);
            r.put(name, "@V@");
            String json = new String(Records.json(r), StandardCharsets.UTF_8).replace("\"" + name + "\":\"@V@\"", field);
            BatchTranslator.Batch one = read(json, null);
            assertThat(one.messages()).as(field).isEmpty();
            assertThat(one.rejected().get(0).reason().name()).as(field).isIn("MALFORMED", "SCHEMA_INVALID");
        }

        // deeply nested JSON: refused by the parser's limit, whole
        String deep = "[" + "[".repeat(5000) + "]".repeat(5000) + "]";
        assertThatThrownBy(() -> read(deep, null)).isInstanceOf(SourceMessageRejected.class).hasMessageContaining("not valid JSON");
        // a number of 1000 digits: refused whole before any arithmetic
        assertThatThrownBy(() -> read("{\"contract_number_sys\":\"x\",\"contract_sum_wnds\":" + "9".repeat(1000) + "}", null))
                .isInstanceOf(SourceMessageRejected.class);

        // a 30 MB body: refused before it is read
        byte[] huge = new byte[30 * 1024 * 1024];
        Arrays.fill(huge, (byte) ' ');
        huge[0] = '[';
        huge[huge.length - 1] = ']';
        assertThatThrownBy(() -> translator.translateBatch(huge, Map.of())).isInstanceOf(SourceMessageRejected.class)
                .satisfies(e -> assertThat(((SourceMessageRejected) e).reason()).isEqualTo("TOO_LARGE"));
    }

    @Test
    void aCallerBoundToAPartyImportsOnlyItsOwnContracts() {
        Map<String, String> asSupplier = Map.of(SourceHeaders.IMPORT, "contracts", SourceHeaders.CALLER_PARTY, Records.SUPPLIER_BIN);
        assertThat(translator.translateBatch(Records.json(Records.contract(1)), asSupplier).messages()).hasSize(1);
        Map<String, String> asOther = Map.of(SourceHeaders.IMPORT, "contracts", SourceHeaders.CALLER_PARTY, Records.bin("99084000101"));
        BatchTranslator.Batch b = translator.translateBatch(Records.json(Records.contract(1)), asOther);
        assertThat(b.rejected().get(0).reason().name()).isEqualTo("NOT_AUTHORIZED");
    }

    @Test
    void theSingleMessageContractRefusesTheWholeFileWhenARecordIsBad() {
        assertThatThrownBy(() -> translator.translate(Records.json(List.of(Records.contract(1), Records.shortContract(2))), Map.of()))
                .isInstanceOf(SourceMessageRejected.class).hasMessageContaining("record 2");
    }
}
