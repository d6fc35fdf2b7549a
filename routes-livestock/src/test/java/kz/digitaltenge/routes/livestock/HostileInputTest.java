package kz.digitaltenge.routes.livestock;

import static kz.digitaltenge.routes.livestock.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import kz.digitaltenge.canonical.ReasonCode;
import kz.digitaltenge.canonical.SourceMessageRejected;
import kz.digitaltenge.canonical.source.BatchTranslator.Batch;
import kz.digitaltenge.canonical.source.BatchTranslator.RejectedRecord;
import kz.digitaltenge.canonical.text.Text;
import kz.digitaltenge.routes.livestock.testing.LivestockEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What an attacker or a broken adapter may send: too large, binary, cut off, in other encodings, deeply nested. */
@Timeout(20)
class HostileInputTest {

    @Test
    void aFileOverTheLimitIsRefusedBeforeItIsRead() {
        LivestockReader small = new LivestockReader(1024);
        byte[] body = new byte[1025];
        Arrays.fill(body, (byte) '{');
        SourceMessageRejected e = wholeFile(() -> small.translateBatch(body, Map.of()));

        assertThat(e.code()).isEqualTo(ReasonCode.TOO_LARGE);
        assertThat(new LivestockSource().maxMessageBytes()).isEqualTo(LivestockReader.DEFAULT_MAX_BYTES);
    }

    @Test
    void tooManyRecordsAreRefusedWhole() {
        String line = ownerChange().json() + "\n";
        String jsonl = line.repeat(LivestockReader.MAX_RECORDS + 1);
        assertThat(wholeFile(() -> read(jsonl)).code()).isEqualTo(ReasonCode.TOO_LARGE);

        String csv = "kind\n" + "OWNER_CHANGE\n".repeat(LivestockReader.MAX_RECORDS + 1);
        assertThat(wholeFile(() -> read(csv)).code()).isEqualTo(ReasonCode.TOO_LARGE);
    }

    @Test
    void aHugeRecordIsRefusedAloneAndKeptOnlyInPart() {
        String huge = ownerChange().with(EventFields.BREED, "a".repeat(LivestockReader.MAX_RECORD_CHARS)).json();
        Batch b = read(loan().json() + "\n" + huge + "\n" + ownerChange().json() + "\n");

        assertThat(b.messages()).hasSize(3);
        RejectedRecord r = b.rejected().get(0);
        assertThat(r.reason()).isEqualTo(ReasonCode.TOO_LARGE);
        assertThat(r.original()).hasSize(LivestockReader.MAX_RECORD_CHARS);

        String csvHuge = "kind,breed\nOWNER_CHANGE,\"" + "b".repeat(LivestockReader.MAX_RECORD_CHARS) + "\"\n";
        assertThat(refused(csvHuge).reason()).isEqualTo(ReasonCode.TOO_LARGE);
    }

    @Test
    void aLongStringOrDeepNestingIsRefusedByTheJsonLimits() {
        RejectedRecord longString = refused(ownerChange().with(EventFields.BREED, "я".repeat(5000)));
        assertThat(longString.reason()).isEqualTo(ReasonCode.TOO_LARGE);

        String deep = "{\"kind\":" + "[".repeat(50) + "]".repeat(50) + "}";
        assertThat(refused(deep).reason()).isEqualTo(ReasonCode.TOO_LARGE);

        String bigNumber = loan().json().replace("\"heads\":10", "\"heads\":" + "9".repeat(40));
        assertThat(refused(bigNumber).reason()).isIn(ReasonCode.TOO_LARGE, ReasonCode.OVER_LIMIT, ReasonCode.MALFORMED);
    }

    @Test
    void binaryIsRefusedWhole() {
        byte[] random = new byte[4096];
        new Random(7).nextBytes(random);
        random[10] = 0;
        assertThat(wholeFile(() -> read(random)).code()).isEqualTo(ReasonCode.MALFORMED);

        byte[] zip = {'P', 'K', 3, 4, 20, 0, 0, 0, 8, 0, 'x', 'y'};
        assertThat(wholeFile(() -> read(zip)).getMessage()).contains("binary");

        byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'};
        assertThat(wholeFile(() -> read(png)).code()).isEqualTo(ReasonCode.MALFORMED);

        byte[] controls = new byte[200];
        Arrays.fill(controls, (byte) 7);
        assertThat(wholeFile(() -> read(controls)).getMessage()).contains("control bytes");
    }

    @Test
    void utf16WithOrWithoutItsBomIsAnotherEncoding() {
        String csv = LivestockEvent.csv(List.of(ownerChange()), ',');
        assertThat(wholeFile(() -> read(csv.getBytes(StandardCharsets.UTF_16))).code()).isEqualTo(ReasonCode.BAD_ENCODING);
        assertThat(wholeFile(() -> read(csv.getBytes(StandardCharsets.UTF_16LE))).getMessage()).contains("UTF-16");
        assertThat(wholeFile(() -> read(ownerChange().json().getBytes(StandardCharsets.UTF_16BE))).code())
                .isEqualTo(ReasonCode.BAD_ENCODING);
    }

    @Test
    void dosAndKoiTextsAreNotTakenForWindows1251() {
        String csv = LivestockEvent.csv(List.of(ownerChange().with(EventFields.BREED, "казахская белоголовая")), ',');
        SourceMessageRejected dos = wholeFile(() -> read(csv.getBytes(Charset.forName("IBM866"))));
        assertThat(dos.code()).isEqualTo(ReasonCode.BAD_ENCODING);
        assertThat(dos.getMessage()).contains("neither UTF-8 nor windows-1251");
    }

    @Test
    void aFileCutInTheMiddleOfAUtf8CharacterIsTruncatedAtItsLastRecord() {
        String csv = LivestockEvent.csv(List.of(ownerChange(), ownerChange().with(EventFields.EVENT_ID, "ISZH-2")
                .with(EventFields.COLOUR, "рыжая")), ',');
        byte[] all = csv.strip().getBytes(StandardCharsets.UTF_8);
        int cut = csv.strip().indexOf("рыжая") + 1; // inside the colour cell, the row's last written field
        byte[] body = Arrays.copyOf(all, new String(all, StandardCharsets.UTF_8).substring(0, cut)
                .getBytes(StandardCharsets.UTF_8).length + 1);
        Batch b = read(body);

        assertThat(b.messages()).hasSize(1);
        assertThat(b.rejected()).singleElement().satisfies(r -> assertThat(r.reason()).isEqualTo(ReasonCode.TRUNCATED));
    }

    @Test
    void controlAndDirectionCharactersInValuesAreRefusedAndQuotedSafely() {
        RejectedRecord bell = refused(ownerChange().with(EventFields.BREED, "ка\u0007за"));
        assertThat(bell.message()).contains("U+0007");

        RejectedRecord bidi = refused(ownerChange().with(EventFields.EVENT_ID, "ISZH\u202E1-HZSI"));
        assertThat(bidi.message()).contains("U+202E").doesNotContain("\u202E");

        RejectedRecord nul = refused(ownerChange().with(EventFields.PASSPORT_NUMBER, "ВП\u0000 1"));
        assertThat(nul.message()).doesNotContain("\u0000");

        // a raw control character inside a JSON string is not JSON
        assertThat(refused(ownerChange().json().replace("ISZH-1", "ISZH\u00011")).reason()).isEqualTo(ReasonCode.MALFORMED);
    }

    @Test
    void everyMessageOfEveryRefusalObeysTheTextRule() {
        Random random = new Random(42);
        String good = LivestockEvent.jsonLines(List.of(loan(), ownerChange()));
        for (int i = 0; i < 300; i++) {
            char[] chars = good.toCharArray();
            for (int k = 0; k < 3; k++) {
                chars[random.nextInt(chars.length)] = (char) (random.nextInt(0x30) + (random.nextBoolean() ? 0 : 0x2020));
            }
            Batch b;
            try {
                b = read(new String(chars));
            } catch (SourceMessageRejected e) {
                Text.require(Text.Field.DOCUMENT_FIELD, "refusal", e.getMessage());
                continue;
            }
            for (RejectedRecord r : b.rejected()) {
                Text.require(Text.Field.DOCUMENT_FIELD, "refusal", r.message());
            }
            b.messages().forEach(m -> m.terms().forEach((k, v) -> Text.require(Text.Field.TERM_VALUE, k, v)));
        }
    }

    @Test
    void emptyAndBlankFilesAreRefused() {
        assertThat(wholeFile(() -> READER.translateBatch(new byte[0], Map.of())).code()).isEqualTo(ReasonCode.SCHEMA_INVALID);
        assertThat(wholeFile(() -> READER.translateBatch(null, null)).code()).isEqualTo(ReasonCode.SCHEMA_INVALID);
        assertThat(wholeFile(() -> read(" \r\n\t\n")).code()).isEqualTo(ReasonCode.SCHEMA_INVALID);
        assertThat(wholeFile(() -> read("\uFEFF")).code()).isEqualTo(ReasonCode.SCHEMA_INVALID);
    }

    @Test
    void aCsvWithAQuoteThatNeverClosesIsOneTruncatedRecordNotAnEndlessScan() {
        String csv = "kind,breed\n" + "OWNER_CHANGE,\"" + "x,\n".repeat(1000);
        Batch b = read(csv);
        assertThat(b.rejected()).singleElement().satisfies(r -> assertThat(r.reason()).isIn(ReasonCode.TRUNCATED,
                ReasonCode.TOO_LARGE));
    }
}
