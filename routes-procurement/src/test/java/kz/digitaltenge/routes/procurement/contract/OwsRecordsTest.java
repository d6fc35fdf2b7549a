package kz.digitaltenge.routes.procurement.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import kz.digitaltenge.canonical.source.SourceHeaders;
import kz.digitaltenge.routes.procurement.testing.OwsRecords;
import org.junit.jupiter.api.Test;

/** The records the hub's tests serve from their fake portal ({@code testing.OwsRecords}) are what this source maps. */
class OwsRecordsTest {
    private final InMemoryHub hub = new InMemoryHub();

    private List<InMemoryHub.Outcome> post(String path, String json) {
        return hub.take(json.getBytes(StandardCharsets.UTF_8), Map.of(SourceHeaders.IMPORT, path));
    }

    @Test
    void aFullRecordIsRegisteredWithItsPartiesAndSumAndAShortOneIsIncomplete() {
        OwsRecords.Contract c = OwsRecords.contract(880001).sumWithVat("2500000.25").budget(true);

        assertThat(post("contracts", OwsRecords.list(List.of(c.json())))).extracting(InMemoryHub.Outcome::status)
                .containsExactly("REGISTERED");
        assertThat(hub.terms(c.numberSys())).containsEntry("sender", c.customerIik()).containsEntry("recipient", c.supplierIik())
                .containsEntry("senderBin", c.customerBin()).containsEntry("recipientBin", c.supplierBin())
                .containsEntry("maxTransfer", "250000025").containsEntry("treasuryRequired", "true");
        OwsRecords.Contract other = OwsRecords.contract(880002);
        assertThat(post("contracts", other.shortJson())).singleElement().satisfies(o -> {
            assertThat(o.status()).isEqualTo("INCOMPLETE");
            assertThat(o.message()).contains("sign_date");
        });
    }

    @Test
    void anActAndATreasuryRegistrationFindTheirContract() {
        OwsRecords.Contract c = OwsRecords.contract(880003).budget(true);
        post("contracts", c.json());

        assertThat(post("acts", OwsRecords.act(99001, 880003, "400000.10", true))).extracting(InMemoryHub.Outcome::status)
                .containsExactly("AMENDED");
        assertThat(post("treasury-pay", OwsRecords.treasuryRegistration(77001, 880003, "У-77001",
                java.time.Instant.now().minusSeconds(3_600)))).extracting(InMemoryHub.Outcome::status).containsExactly("AMENDED");
        assertThat(hub.terms(c.numberSys())).containsEntry("maxCashOut", "40000010").containsEntry("treasuryNotice", "У-77001");
    }
}
