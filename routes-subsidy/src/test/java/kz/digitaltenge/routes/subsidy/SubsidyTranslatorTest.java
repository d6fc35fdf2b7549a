package kz.digitaltenge.routes.subsidy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Map;
import kz.digitaltenge.canonical.ReasonCode;
import kz.digitaltenge.canonical.SourceMessageRejected;
import kz.digitaltenge.routes.subsidy.SubsidyTranslator.Kind;
import kz.digitaltenge.routes.subsidy.testing.SubsidyEvents;
import kz.digitaltenge.routes.subsidy.testing.SubsidyRegister;
import kz.digitaltenge.routes.subsidy.testing.SubsidyRegister.Row;
import org.junit.jupiter.api.Test;

/** Which reader takes a body: the bytes where they are unambiguous, then the declared type or file name, then the bytes. */
class SubsidyTranslatorTest {
    static final byte[] CSV = new SubsidyRegister().row(Row.of(1, "25010100000001", "Получена", "")).csv();
    static final byte[] XLSX = new SubsidyRegister().row(Row.of(1, "25010100000001", "Получена", "")).xlsx();
    static final byte[] JSON = SubsidyEvents.json(SubsidyEvents.status("25010100000001", "Получена",
            Instant.parse("2025-01-15T05:30:00Z"), null));
    private final SubsidyTranslator translator = new SubsidyTranslator();

    @Test
    void withoutATypeTheBytesDecide() {
        assertThat(SubsidyTranslator.kind(CSV, Map.of())).isEqualTo(Kind.CSV);
        assertThat(SubsidyTranslator.kind(XLSX, Map.of())).isEqualTo(Kind.XLSX);
        assertThat(SubsidyTranslator.kind(JSON, Map.of())).isEqualTo(Kind.JSON);
        assertThat(SubsidyTranslator.kind(" \r\n[{}]".getBytes(), Map.of())).isEqualTo(Kind.JSON);
    }

    @Test
    void curlsDefaultTypeAndOctetStreamDeclareNothing() {
        for (String type : new String[] {"application/x-www-form-urlencoded", "application/octet-stream", "text/plain", ""}) {
            Map<String, String> h = Map.of("Content-Type", type);
            assertThat(SubsidyTranslator.kind(XLSX, h)).isEqualTo(Kind.XLSX);
            assertThat(SubsidyTranslator.kind(CSV, h)).isEqualTo(Kind.CSV);
            assertThat(SubsidyTranslator.kind(JSON, h)).isEqualTo(Kind.JSON);
        }
        assertThat(translator.translateBatch(XLSX, Map.of("content-type", "application/x-www-form-urlencoded")).messages()).hasSize(1);
    }

    @Test
    void aDeclaredTypeThatAgreesIsTaken() {
        assertThat(SubsidyTranslator.kind(CSV, Map.of("Content-Type", "text/csv; charset=windows-1251"))).isEqualTo(Kind.CSV);
        assertThat(SubsidyTranslator.kind(XLSX, Map.of("Content-Type", RegisterXlsx.CONTENT_TYPE))).isEqualTo(Kind.XLSX);
        assertThat(SubsidyTranslator.kind(JSON, Map.of("contentType", "application/json"))).isEqualTo(Kind.JSON);
        assertThat(SubsidyTranslator.kind(XLSX, Map.of("fileName", "реестр 2025.XLSX"))).isEqualTo(Kind.XLSX);
        assertThat(SubsidyTranslator.kind(CSV, Map.of("fileName", "реестр.csv"))).isEqualTo(Kind.CSV);
    }

    @Test
    void aDeclaredTypeTheBytesContradictIsRefused() {
        assertThatThrownBy(() -> SubsidyTranslator.kind(XLSX, Map.of("Content-Type", "text/csv")))
                .hasMessageContaining("declared CSV").hasMessageContaining("a zip");
        assertThatThrownBy(() -> SubsidyTranslator.kind(CSV, Map.of("Content-Type", RegisterXlsx.CONTENT_TYPE)))
                .hasMessageContaining("declared XLSX");
        assertThatThrownBy(() -> SubsidyTranslator.kind(CSV, Map.of("Content-Type", "application/json")))
                .hasMessageContaining("declared JSON");
        assertThatThrownBy(() -> SubsidyTranslator.kind(CSV, Map.of("fileName", "реестр.xlsx")))
                .isInstanceOf(SourceMessageRejected.class).extracting(e -> ((SourceMessageRejected) e).code())
                .isEqualTo(ReasonCode.MALFORMED);
    }

    @Test
    void otherFilesAreRefusedWithAHint() {
        assertThatThrownBy(() -> translator.translateBatch(new byte[0], Map.of())).hasMessageContaining("empty");
        assertThatThrownBy(() -> translator.translateBatch("%PDF-1.7".getBytes(), Map.of())).hasMessageContaining("PDF");
        assertThatThrownBy(() -> translator.translateBatch("<?xml version=\"1.0\"?><a/>".getBytes(), Map.of()))
                .hasMessageContaining("not a subsidy register export");
    }

    @Test
    void theSingleMessageContractRefusesWhatABatchWouldReject() {
        assertThat(translator.translate(JSON, Map.of())).hasSize(1);
        assertThat(translator.translate(CSV, Map.of())).hasSize(1);
        byte[] bad = new SubsidyRegister().row(Row.of(1, "2501", "Получена", "")).csv();
        assertThatThrownBy(() -> translator.translate(bad, Map.of())).hasMessageStartingWith("record row 6: row 6: column 'Номер заявки'");
    }
}
