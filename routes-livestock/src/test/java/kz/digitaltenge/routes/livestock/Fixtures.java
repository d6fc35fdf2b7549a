package kz.digitaltenge.routes.livestock;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import kz.digitaltenge.canonical.CanonicalMessage;
import kz.digitaltenge.canonical.SourceMessageRejected;
import kz.digitaltenge.canonical.source.BatchTranslator.Batch;
import kz.digitaltenge.canonical.source.BatchTranslator.RejectedRecord;
import kz.digitaltenge.routes.livestock.testing.LivestockEvent;
import kz.digitaltenge.routes.livestock.testing.LivestockEvent.Line;
import kz.digitaltenge.routes.livestock.testing.LivestockPilot;
import org.assertj.core.api.ThrowableAssert;

/** Parties, accounts and records the module's tests share. */
final class Fixtures {
    static final String LENDER = LivestockPilot.account("601", 1);
    static final String SELLER = LivestockPilot.account("722", 55);
    static final String BORROWER = LivestockPilot.party(123_456, "85");
    static final String SELLER_BIN = LivestockPilot.party(42, "06");
    static final String NEIGHBOUR = LivestockPilot.party(777_777, "91");
    static final String AT = "2026-03-10T09:30:00+05:00";
    static final String AT_UTC = "2026-03-10T04:30:00Z";
    static final String UNTIL = "2026-12-31T18:59:59Z";

    static final LivestockReader READER = new LivestockReader();

    private Fixtures() {
    }

    static LivestockEvent loan() {
        return LivestockEvent.loan("AA-7", LENDER, SELLER, BORROWER, UNTIL,
                new Line("1", 10, "450000.00"), new Line("2", 40, "85000.00"));
    }

    static LivestockEvent ownerChange() {
        return LivestockEvent.ownerChange("ISZH-1", "AA-7", "KZA100000001", SELLER_BIN, BORROWER, AT);
    }

    static Batch read(String text) {
        return READER.translateBatch(text.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    static Batch read(String text, Charset charset) {
        return READER.translateBatch(text.getBytes(charset), Map.of());
    }

    static Batch read(byte[] body) {
        return READER.translateBatch(body, Map.of());
    }

    static CanonicalMessage one(String text) {
        Batch b = read(text);
        assertThat(b.rejected()).as("rejected records").isEmpty();
        assertThat(b.messages()).hasSize(1);
        return b.messages().get(0);
    }

    static CanonicalMessage one(LivestockEvent e) {
        return one(e.json());
    }

    /** A loan's messages: its registration, then its entry in the borrower's index. */
    static List<CanonicalMessage> loanMessages(LivestockEvent loan) {
        Batch b = read(loan.json());
        assertThat(b.rejected()).as("rejected records").isEmpty();
        assertThat(b.messages()).hasSize(2);
        assertThat(b.messages().get(0).type()).isEqualTo("EVENT_REGISTERED");
        assertThat(b.messages().get(1).type()).isEqualTo("EVENT_OCCURRED");
        return b.messages();
    }

    /** A loan's registration. */
    static CanonicalMessage registration(LivestockEvent loan) {
        return loanMessages(loan).get(0);
    }

    /** The one rejected record of a JSON event. */
    static RejectedRecord refused(LivestockEvent e) {
        return refused(e.json());
    }

    static RejectedRecord refused(String text) {
        Batch b = read(text);
        assertThat(b.messages()).as("messages").isEmpty();
        assertThat(b.rejected()).hasSize(1);
        return b.rejected().get(0);
    }

    static List<RejectedRecord> rejected(Batch b) {
        return b.rejected();
    }

    static SourceMessageRejected wholeFile(ThrowableAssert.ThrowingCallable call) {
        try {
            call.call();
        } catch (SourceMessageRejected e) {
            return e;
        } catch (Throwable t) {
            throw new AssertionError("expected SourceMessageRejected, got " + t, t);
        }
        throw new AssertionError("expected SourceMessageRejected, the file was read");
    }
}
