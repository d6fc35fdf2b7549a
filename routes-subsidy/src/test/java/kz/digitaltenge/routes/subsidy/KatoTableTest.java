package kz.digitaltenge.routes.subsidy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import kz.digitaltenge.routes.subsidy.KatoTable.Level;
import kz.digitaltenge.routes.subsidy.KatoTable.Place;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The module's reference table of region and district names to KATO codes. */
class KatoTableTest {
    private final KatoTable kato = KatoTable.bundled();

    @Test
    void itHasTheSeventeenOblastsAndTheThreeCities() {
        List<Place> regions = kato.regions();

        assertThat(regions.stream().filter(p -> p.level() == Level.REGION)).hasSize(17);
        assertThat(regions.stream().filter(p -> p.level() == Level.CITY)).extracting(Place::kato)
                .containsExactly("710000000", "750000000", "790000000");
        assertThat(regions).allSatisfy(p -> assertThat(p.kato()).matches("\\d{2}0000000"));
        assertThat(regions.stream().map(p -> p.kato().substring(0, 2)).collect(Collectors.toSet()))
                .isEqualTo(Set.of("10", "11", "15", "19", "23", "27", "31", "33", "35", "39", "43", "47", "55", "59",
                        "61", "62", "63", "71", "75", "79"));
    }

    @ParameterizedTest
    @CsvSource({
            "Акмолинская область, 110000000", "АКМОЛИНСКАЯ ОБЛАСТЬ, 110000000", "Акмолинская обл., 110000000",
            "' Акмолинская   область ', 110000000", "Ақмола облысы, 110000000", "Абайская область, 100000000",
            "область Абай, 100000000", "область Жетісу, 330000000", "Улытауская область, 620000000",
            "Туркестанская область, 610000000", "Северо-Казахстанская область, 590000000", "СКО, 590000000",
            "г. Астана, 710000000", "Астана, 710000000", "город Алматы, 750000000", "Алматы облысы, 190000000",
            "г. Шымкент, 790000000", "Восточно-Казахстанская область, 630000000"})
    void regionsByNameAndAlias(String name, String code) {
        assertThat(kato.region(name)).map(Place::kato).hasValue(code);
    }

    @Test
    void unknownNamesAreUnknownNotGuessed() {
        assertThat(kato.region("Южно-Казахстанская область")).isEmpty(); // split in 2018: no single code
        assertThat(kato.region("Акмолинская")).isEmpty();
        assertThat(kato.region("")).isEmpty();
        assertThat(kato.region(null)).isEmpty();
    }

    @Test
    void districtsBelongToTheirRegion() {
        Place almaty = kato.region("Алматинская область").orElseThrow();
        Place zhambyl = kato.region("Жамбылская область").orElseThrow();
        Place sko = kato.region("Северо-Казахстанская область").orElseThrow();

        assertThat(kato.district(almaty, "Жамбылский район")).map(Place::kato).hasValue("194200000");
        assertThat(kato.district(zhambyl, "Жамбылский район")).map(Place::kato).hasValue("314000000");
        assertThat(kato.district(sko, "Жамбылский р-н")).map(Place::kato).hasValue("594600000");
        assertThat(kato.district(almaty, "Целиноградский район")).isEmpty();
        assertThat(kato.district(almaty, "Карасайский район")).map(Place::parent).hasValue("190000000");
        assertThat(kato.districts(almaty)).allSatisfy(d -> assertThat(d.kato()).startsWith("19").matches("\\d{4}00000"));
        assertThat(kato.district(kato.region("г. Астана").orElseThrow(), "Есильский район")).map(Place::name).hasValue("район Есиль");
    }

    @Test
    void everyDistrictIsInsideItsRegion() {
        for (Place region : kato.regions()) {
            for (Place d : kato.districts(region)) {
                assertThat(d.kato().substring(0, 2)).isEqualTo(region.kato().substring(0, 2));
                assertThat(d.level()).isEqualTo(Level.DISTRICT);
            }
        }
    }

    @Test
    void anInconsistentTableIsRefusedAtLoad() {
        String head = "kato;level;parent;name;aliases\n";
        assertThatThrownBy(() -> table(head + "11000000;REGION;;Акмолинская область;\n")).hasMessageContaining("not 9 digits");
        assertThatThrownBy(() -> table(head + "110000000;REGION;;А;\n110000000;REGION;;Б;\n")).hasMessageContaining("twice");
        assertThatThrownBy(() -> table(head + "110000000;REGION;;А;\n150000000;REGION;;Б;а\n")).hasMessageContaining("twice");
        assertThatThrownBy(() -> table(head + "110000000;REGION;;А;\n196800000;DISTRICT;110000000;Илийский район;\n"))
                .hasMessageContaining("not inside region");
        assertThatThrownBy(() -> table(head + "116600000;DISTRICT;110000000;Целиноградский район;\n"))
                .hasMessageContaining("names no region");
        assertThatThrownBy(() -> table(head + "110000000;OBLAST;;А;\n")).hasMessageContaining("level must be");
        assertThatThrownBy(() -> table(head + "110000000;REGION;;;\n")).hasMessageContaining("name is missing");
        assertThatThrownBy(() -> table(head + "111837100;REGION;;А;\n")).hasMessageContaining("seven zeros");
    }

    @Test
    void anOperatorsTableFromAFileReplacesTheBundledOne(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("kato.csv");
        Files.writeString(file, "# our table\nkato;level;parent;name;aliases\n110000000;REGION;;Акмолинская область;\n"
                + "111000000;DISTRICT;110000000;Кокшетау Г.А.;г. Кокшетау\n", StandardCharsets.UTF_8);
        KatoTable own = KatoTable.read(file);

        Place akmola = own.region("Акмолинская область").orElseThrow();
        assertThat(own.district(akmola, "г. Кокшетау")).map(Place::kato).hasValue("111000000");
        assertThat(own.region("Алматинская область")).isEmpty();
    }

    private static KatoTable table(String csv) {
        return KatoTable.read(new StringReader(csv), "test");
    }
}
