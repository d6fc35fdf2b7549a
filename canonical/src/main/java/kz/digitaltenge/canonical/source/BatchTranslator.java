package kz.digitaltenge.canonical.source;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import kz.digitaltenge.canonical.CanonicalMessage;
import kz.digitaltenge.canonical.ReasonCode;

/**
 * A translator of files of many records (a register export, a batch of events) that judges each record on its own:
 * the good ones become messages, a bad one becomes a {@link RejectedRecord} that the hub quarantines with its record
 * number and its own text, and the others go on. {@link #translate} keeps the single-message contract: it refuses the
 * whole input when any record is bad.
 */
public interface BatchTranslator extends SourceTranslator {
    /** One record that cannot become a message: where it is, why, and its text as it came. */
    record RejectedRecord(String record, ReasonCode reason, String message, byte[] original, Map<String, String> labels) {
        public RejectedRecord {
            Objects.requireNonNull(record, "record");
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(message, "message");
            original = original == null ? new byte[0] : original.clone();
            labels = labels == null ? Map.of() : Map.copyOf(labels);
        }

        public RejectedRecord(String record, ReasonCode reason, String message, byte[] original) {
            this(record, reason, message, original, Map.of());
        }
    }

    /**
     * What a file holds: the messages of its good records and the rejected ones, each in file order, and for each message
     * the labels that name its record in the hub's answer (e.g. {@code record}, the portal's {@code id}; empty, or one
     * map per message).
     */
    record Batch(List<CanonicalMessage> messages, List<RejectedRecord> rejected, List<Map<String, String>> labels) {
        public Batch {
            messages = List.copyOf(messages);
            rejected = List.copyOf(rejected);
            labels = labels == null ? List.of() : labels.stream().map(Map::copyOf).toList();
            if (!labels.isEmpty() && labels.size() != messages.size()) {
                throw new IllegalArgumentException("one label map per message, or none");
            }
        }

        public Batch(List<CanonicalMessage> messages, List<RejectedRecord> rejected) {
            this(messages, rejected, List.of());
        }

        /** The labels of the {@code index}-th message (empty when the translator gave none). */
        public Map<String, String> labelsOf(int index) {
            return labels.isEmpty() ? Map.of() : labels.get(index);
        }
    }

    /**
     * Reads every record of the file.
     *
     * @throws kz.digitaltenge.canonical.SourceMessageRejected when the file as a whole cannot be read (not the format,
     *                                                         too large, truncated, a zip bomb)
     */
    Batch translateBatch(byte[] body, Map<String, String> headers);

    @Override
    default List<CanonicalMessage> translate(byte[] body, Map<String, String> headers) {
        Batch batch = translateBatch(body, headers);
        if (!batch.rejected().isEmpty()) {
            RejectedRecord first = batch.rejected().get(0);
            throw new kz.digitaltenge.canonical.SourceMessageRejected(first.reason(), "record " + first.record() + ": "
                    + first.message() + (batch.rejected().size() > 1 ? " (and " + (batch.rejected().size() - 1)
                    + " more records)" : ""));
        }
        return batch.messages();
    }
}
