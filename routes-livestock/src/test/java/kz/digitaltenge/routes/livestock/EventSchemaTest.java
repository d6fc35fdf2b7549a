package kz.digitaltenge.routes.livestock;

import static kz.digitaltenge.routes.livestock.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import kz.digitaltenge.routes.livestock.testing.LivestockEvent;
import kz.digitaltenge.routes.livestock.testing.LivestockEvent.Line;
import kz.digitaltenge.routes.livestock.testing.LivestockPilot;
import org.junit.jupiter.api.Test;

/** The documented JSON Schema and the reader agree: what the reader takes the schema takes, shapes it refuses fail. */
class EventSchemaTest {
    private static final String PATH = "/schema/livestock-event.schema.json";
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

    private static String schemaText() throws IOException {
        try (InputStream in = EventSchemaTest.class.getResourceAsStream(PATH)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static Schema schema() throws IOException {
        return REGISTRY.getSchema(schemaText(), InputFormat.JSON);
    }

    private static List<Error> errors(LivestockEvent e) throws IOException {
        return schema().validate(e.json(), InputFormat.JSON);
    }

    @Test
    void theSchemaIsADraft202012SchemaByItsMetaSchema() throws IOException {
        Schema meta = REGISTRY.getSchema(SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"));
        assertThat(meta.validate(schemaText(), InputFormat.JSON)).isEmpty();
        assertThat(schemaText()).contains("\"$schema\": \"https://json-schema.org/draft/2020-12/schema\"");
    }

    @Test
    void everyRecordOfThePilotIsValid() throws IOException {
        Schema schema = schema();
        for (LivestockEvent e : LivestockPilot.create().records()) {
            assertThat(schema.validate(e.json(), InputFormat.JSON)).as(e.json()).isEmpty();
        }
    }

    @Test
    void everyFieldOfTheFormatIsInTheSchema() throws IOException {
        LivestockEvent full = ownerChange().with(EventFields.RFID, "398000012345678").with(EventFields.SEX, "F")
                .with(EventFields.BIRTH_DATE, "2024-04-01").with(EventFields.BREED, "казахская белоголовая")
                .with(EventFields.COLOUR, "рыжая").with(EventFields.CASTRATED, false)
                .with(EventFields.HOLDING_KATO, "111010000").with(EventFields.PASSPORT_NUMBER, "ВП № 001234")
                .with(EventFields.QUARANTINE, false);
        assertThat(errors(full)).isEmpty();
        assertThat(errors(loan().with(EventFields.CARRY_OVER_TO, "AA-8").with(EventFields.AT, AT))).isEmpty();
        assertThat(errors(LivestockEvent.animal("CORRECTION", "C-1", "AA-7", "KZA200000001", BORROWER, AT)
                .with(EventFields.PREVIOUS_ANIMAL_NUMBER, "KZA100000001").with(EventFields.PREVIOUS_SPECIES, "1"))).isEmpty();
        for (String kind : List.of("DEATH", "QUARANTINE")) {
            assertThat(errors(LivestockEvent.animal(kind, "X-1", null, "KZA100000001", BORROWER, AT))).isEmpty();
        }
        String text = schemaText();
        for (String field : EventFields.CSV_COLUMNS) {
            assertThat(text).as(field).contains("\"" + field + "\"");
        }
    }

    @Test
    void shapesTheReaderRefusesTheSchemaRefusesToo() throws IOException {
        List<LivestockEvent> bad = List.of(
                ownerChange().with("loanNumbr", "AA-7"),
                ownerChange().with(EventFields.VALID_UNTIL, UNTIL),
                ownerChange().with(EventFields.PREVIOUS_SPECIES, "1"),
                ownerChange().without(EventFields.NEW_OWNER),
                ownerChange().with(EventFields.SPECIES, "6"),
                ownerChange().with(EventFields.SPECIES, 1),
                ownerChange().with(EventFields.ANIMAL_NUMBER, "KZA10000001"),
                ownerChange().with(EventFields.RFID, "643000012345678"),
                ownerChange().with(EventFields.QUARANTINE, "yes"),
                ownerChange().with(EventFields.SEX, "male"),
                ownerChange().with(EventFields.PASSPORT_NUMBER, "=1+2"),
                ownerChange().with(EventFields.AT, "2026-03-10"),
                ownerChange().with(EventFields.KIND, "SALE"),
                loan().with(EventFields.AGREEMENT, List.of()),
                loan().with(EventFields.AGREEMENT, List.of(new Line("1", 0, "1.00"))),
                loan().with(EventFields.AGREEMENT, List.of(new Line("1", 1, "1.001"))),
                loan().with(EventFields.AGREEMENT, List.of(new Line("1", (Object) "10", "1.00"))),
                loan().without(EventFields.BORROWER));
        for (LivestockEvent e : bad) {
            assertThat(errors(e)).as(e.json()).isNotEmpty();
            assertThat(READER.translateBatch(e.json().getBytes(StandardCharsets.UTF_8), java.util.Map.of()).rejected())
                    .as(e.json()).hasSize(1);
        }
    }

    @Test
    void checkDigitsAreTheReadersNotTheSchemas() throws IOException {
        LivestockEvent wrongDigit = ownerChange().with(EventFields.NEW_OWNER, "123456789012");
        assertThat(errors(wrongDigit)).isEmpty();
        assertThat(refused(wrongDigit).message()).contains("check digit");
    }
}
