package kz.digitaltenge.routes.procurement.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import kz.digitaltenge.routes.procurement.portal.PortalCheckpoint.Journal;
import kz.digitaltenge.routes.procurement.portal.PortalCheckpoint.Load;
import kz.digitaltenge.routes.procurement.portal.PortalCheckpoint.Phase;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class PortalCheckpointTest {
    @Test
    void theDocumentedFormsReadAsTheySay() {
        assertThat(PortalCheckpoint.parse("contracts:2026-11-30|/v3/contract/all?page=next&search_after=4996100|0"))
                .isEqualTo(new Load(Phase.CONTRACTS, LocalDate.of(2026, 11, 30), "/v3/contract/all?page=next&search_after=4996100", 0));
        assertThat(PortalCheckpoint.parse("acts:2026-11-30|/v3/acts|20"))
                .isEqualTo(new Load(Phase.ACTS, LocalDate.of(2026, 11, 30), "/v3/acts", 20));
        assertThat(PortalCheckpoint.parse("journal:2026-11-30|2026-11-30 14:02:11|contract/4996100/U,acts/1-4909/D"))
                .isEqualTo(new Journal(LocalDate.of(2026, 11, 30), "2026-11-30 14:02:11",
                        List.of("contract/4996100/U", "acts/1-4909/D")));
        assertThat(PortalCheckpoint.parse("journal:2026-11-30||")).isEqualTo(new Journal(LocalDate.of(2026, 11, 30), "", List.of()));
    }

    @Test
    void anythingElseIsRefusedNamingTheForms() {
        for (String bad : List.of("", "contracts:", "contracts:2026-11-30|/v3/contract/all", "acts:2026-13-01|/v3/acts|0",
                "acts:2026-11-30|http://elsewhere/v3/acts|0", "acts:2026-11-30|/v3/acts|-1", "lots:2026-11-30|/v3/lots|0",
                "journal:2026-11-30|not a time|", "journal:2026-11-30||contract/1/U")) {
            assertThatThrownBy(() -> PortalCheckpoint.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("journal:<date>|<date_action>|<handled ids>");
        }
    }

    @Property(tries = 200)
    void journalKeysOfAnyIdsSurviveTheCheckpoint(@ForAll List<String> objectIds, @ForAll String service) {
        List<String> keys = objectIds.stream().map(id -> new JournalItem(null, id, "U", "2026-11-30 14:02:11", null,
                service, null).key()).distinct().toList();
        Journal journal = new Journal(LocalDate.of(2026, 11, 30), "2026-11-30 14:02:11", keys);
        assertThat(PortalCheckpoint.parse(journal.format())).isEqualTo(journal);
    }
}
