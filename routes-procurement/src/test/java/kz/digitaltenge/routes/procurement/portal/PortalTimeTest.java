package kz.digitaltenge.routes.procurement.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

class PortalTimeTest {
    @Test
    void aTimestampWithoutZoneIsAlmatyLocalTime() {
        assertThat(PortalTime.ZONE.getId()).isEqualTo("Asia/Almaty");
        assertThat(PortalTime.parse("2024-05-01 10:00:00")).isEqualTo(Instant.parse("2024-05-01T05:00:00Z"));
        // before 2024-03-01 Kazakhstan's east was UTC+6
        assertThat(PortalTime.parse("2024-01-15 10:00:00")).isEqualTo(Instant.parse("2024-01-15T04:00:00Z"));
    }

    @Test
    void microsecondsAndOtherVariantsAreRead() {
        assertThat(PortalTime.parse("2024-05-01 10:00:00.123456")).isEqualTo(Instant.parse("2024-05-01T05:00:00.123456Z"));
        assertThat(PortalTime.parse("2024-05-01 10:00:00.5")).isEqualTo(Instant.parse("2024-05-01T05:00:00.500Z"));
        assertThat(PortalTime.parse("2024-05-01T10:00:00")).isEqualTo(Instant.parse("2024-05-01T05:00:00Z"));
        assertThat(PortalTime.parse(" 2024-05-01 10:00 ")).isEqualTo(Instant.parse("2024-05-01T05:00:00Z"));
        assertThat(PortalTime.parse("2024-05-01")).isEqualTo(Instant.parse("2024-04-30T19:00:00Z"));
        assertThat(PortalTime.parse("2024-05-01T10:00:00+06:00")).isEqualTo(Instant.parse("2024-05-01T04:00:00Z"));
        assertThat(PortalTime.parseLocal("2024-05-01 10:00:00.250")).isEqualTo(LocalDateTime.parse("2024-05-01T10:00:00.250"));
    }

    @Test
    void nullAndEmptyAreNoTime() {
        assertThat(PortalTime.parse(null)).isNull();
        assertThat(PortalTime.parse("")).isNull();
        assertThat(PortalTime.parse("  ")).isNull();
        assertThat(PortalTime.parseLocal(null)).isNull();
    }

    @Test
    void garbageIsRefusedNamingIt() {
        for (String bad : new String[] {"yesterday", "2024-13-01 10:00:00", "2024-02-30 10:00:00", "01.05.2024 10:00",
                "2024-05-01 25:00:00", "2024-05-01 10:00:00 extra"}) {
            assertThatThrownBy(() -> PortalTime.parse(bad))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("not a portal timestamp")
                    .hasMessageContaining("'" + bad + "'");
        }
    }
}
