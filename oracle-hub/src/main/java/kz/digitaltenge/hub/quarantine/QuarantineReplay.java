package kz.digitaltenge.hub.quarantine;

import java.util.Objects;

/**
 * Hands a quarantined message back to the pipeline it came from (retry, edit-and-retry). The fact pipeline and the
 * routes implement it for their sources; the hub's default ({@link NoReplayRoute}) answers {@link Outcome#noRoute}.
 * When several are present, {@link Quarantine} asks each in turn until one answers something other than
 * {@code noRoute}, so each implementation answers {@code noRoute} for sources it does not know.
 *
 * <p>A replay must be safe to run again for the same message (the ledger's idempotent submission is) and must
 * answer a failure as {@link Outcome#failed} instead of quarantining the message again: the quarantine keeps the
 * entry and records the new reason. An exception thrown by a replay counts as {@code failed("REPLAY_ERROR", ...)}.
 */
@FunctionalInterface
public interface QuarantineReplay {

    Outcome replay(QuarantinedMessage message);

    /**
     * Whether the back office may retry {@code original} as {@code editedBody}: an edit corrects the format of a
     * message, never the parties, accounts or amounts of a money movement, nor what the message is (its type, subject,
     * the source's id of it). A replay that does not know the source answers {@link EditCheck#unknown()}; when no
     * replay knows it, the edit is refused (deny by default).
     */
    default EditCheck checkEdit(QuarantinedMessage original, byte[] editedBody, String editedContentType) {
        return EditCheck.unknown();
    }

    /** The answer of {@link #checkEdit}: allowed, refused with the reason, or not this replay's source. */
    record EditCheck(Verdict verdict, String refusal) {
        public enum Verdict { ALLOWED, REFUSED, UNKNOWN }

        public static EditCheck allowed() {
            return new EditCheck(Verdict.ALLOWED, null);
        }

        public static EditCheck refused(String why) {
            return new EditCheck(Verdict.REFUSED, Objects.requireNonNull(why));
        }

        public static EditCheck unknown() {
            return new EditCheck(Verdict.UNKNOWN, null);
        }
    }

    /** What a replay did. */
    record Outcome(Result result, String producedRef, String reasonCode, String message) {
        public enum Result {
            /** Processed: the entry becomes RESOLVED; {@code producedRef} (optional) names what it produced. */
            REPLAYED,
            /** Failed again: the entry stays QUARANTINED with {@code reasonCode} and {@code message}. */
            FAILED,
            /** Nobody replays this source: the entry stays QUARANTINED, reason unchanged, {@code message} as note. */
            NO_ROUTE
        }

        public Outcome {
            Objects.requireNonNull(result, "result");
            if (result == Result.FAILED && (reasonCode == null || reasonCode.isBlank())) {
                throw new IllegalArgumentException("a failed replay needs a reason code");
            }
        }

        public static Outcome replayed(String producedRef) {
            return new Outcome(Result.REPLAYED, producedRef, null, null);
        }

        public static Outcome failed(String reasonCode, String message) {
            return new Outcome(Result.FAILED, null, reasonCode, message);
        }

        public static Outcome failed(kz.digitaltenge.canonical.ReasonCode reason, String message) {
            return failed(reason.name(), message);
        }

        public static Outcome noRoute(String message) {
            return new Outcome(Result.NO_ROUTE, null, null, message);
        }
    }
}
