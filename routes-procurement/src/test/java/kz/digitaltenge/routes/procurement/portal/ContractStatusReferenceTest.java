package kz.digitaltenge.routes.procurement.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import kz.digitaltenge.routes.procurement.portal.ContractStatusReference.StatusName;
import kz.digitaltenge.routes.procurement.testing.FakePortal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ContractStatusReferenceTest {
    private final FakePortal portal = new FakePortal();
    private final FakeClock clock = FakeClock.almatyAfternoon();

    @AfterEach
    void stop() {
        portal.close();
    }

    @Test
    void pagesAreFollowedToTheEndAndItemsReadLeniently() {
        portal.statuses("{\"total\":5,\"limit\":3,\"next_page\":\"/refs/ref_contract_status?page=2\",\"items\":["
                + "{\"id\":190,\"name_ru\":\"Действует\",\"name_kz\":\"Қолданыста\",\"code\":\"Valid\"},"
                + "{\"id\":\"390\",\"name_ru\":\"Исполнен\"},"
                + "{\"name_ru\":\"без id\"}]}");
        portal.answer("/v3/refs/ref_contract_status?page=2", "{\"total\":5,\"limit\":3,\"next_page\":\"\",\"items\":["
                + "{\"id\":455,\"name_ru\":\"Изменен\",\"name_kz\":\"Өзгертілді\",\"name_en\":\"ContractChanged\"},"
                + "{\"id\":190,\"name_ru\":\"второй раз\"}]}");

        ContractStatusReference ref = ContractStatusReference.load(PortalSamples.client(portal, clock));

        assertThat(ref.names()).containsOnlyKeys(190, 390, 455);
        assertThat(ref.name(190)).contains(new StatusName("Действует", "Қолданыста", "Valid"));
        assertThat(ref.name(390)).contains(new StatusName("Исполнен", null, null));
        assertThat(ref.name(455)).contains(new StatusName("Изменен", "Өзгертілді", "ContractChanged"));
        assertThat(ref.name(999)).isEmpty();
        assertThat(portal.paths()).containsExactly("/v3/refs/ref_contract_status", "/v3/refs/ref_contract_status?page=2");
        assertThatThrownBy(() -> ref.names().put(1, new StatusName("x", "y", "z")))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void aBareArrayIsAListToo() {
        portal.statuses("[{\"id\":185,\"name_ru\":\"Подписан\"},{\"id\":340,\"name_kz\":\"Бұзылды\"}]");
        ContractStatusReference ref = ContractStatusReference.load(PortalSamples.client(portal, clock));
        assertThat(ref.size()).isEqualTo(2);
        assertThat(ref.name(340).map(StatusName::nameKz)).contains("Бұзылды");
    }

    @Test
    void aMissingListIsEmptyAndAPageThatRepeatsIsRefused() {
        portal.answer("/v3/refs/ref_contract_status", "{\"total\":1,\"next_page\":\"/v3/refs/ref_contract_status\","
                + "\"items\":[{\"id\":1}]}");
        assertThatThrownBy(() -> ContractStatusReference.load(PortalSamples.client(portal, clock)))
                .isInstanceOf(PortalUnavailable.class).hasMessageContaining("do not end");

        try (FakePortal bare = new FakePortal()) {
            bare.statuses(null);
            assertThat(ContractStatusReference.load(PortalSamples.client(bare, clock)).size()).isZero();
        }
    }
}
