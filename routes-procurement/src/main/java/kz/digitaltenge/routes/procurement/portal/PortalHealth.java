package kz.digitaltenge.routes.procurement.portal;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The portal as the hub's health shows it: UNKNOWN until the first poll, then UP or DOWN by the last poll, with the last
 * success and failure (and why), the last HTTP status, whether the token was refused, and where the poll stands. The
 * poller and client write it, the hub's health indicator reads {@link #details()}. Nothing here holds the token: the
 * reasons come from the client, whose messages never do. Thread-safe.
 */
public final class PortalHealth {
    /** How long a checkpoint is shown (a journal checkpoint lists the ids handled at its last second). */
    static final int SHOWN_CHECKPOINT_CHARS = 400;

    public enum State { UP, DOWN, UNKNOWN }

    /** What the health shows, at one moment. Absent values are null (left out of {@link #details()}). */
    public record Snapshot(State state, Instant lastSuccess, Instant lastFailure, String lastFailureReason,
                           int lastHttpStatus, boolean tokenRefused, String checkpoint, long journalItemsSkipped,
                           long recordsMissing, int contractStatuses, String warning) {
        /** For a health indicator's details: insertion-ordered, unmodifiable, without absent values. */
        public Map<String, Object> details() {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("state", state.name());
            put(d, "lastSuccess", lastSuccess == null ? null : lastSuccess.toString());
            put(d, "lastFailure", lastFailure == null ? null : lastFailure.toString());
            put(d, "lastFailureReason", lastFailureReason);
            if (lastHttpStatus != 0) {
                d.put("lastHttpStatus", lastHttpStatus);
            }
            d.put("tokenRefused", tokenRefused);
            put(d, "checkpoint", checkpoint == null || checkpoint.length() <= SHOWN_CHECKPOINT_CHARS ? checkpoint
                    : checkpoint.substring(0, SHOWN_CHECKPOINT_CHARS) + "…");
            d.put("journalItemsSkipped", journalItemsSkipped);
            d.put("recordsMissing", recordsMissing);
            if (contractStatuses >= 0) {
                d.put("contractStatuses", contractStatuses);
            }
            put(d, "warning", warning);
            return Collections.unmodifiableMap(d);
        }

        private static void put(Map<String, Object> d, String key, Object value) {
            if (value != null) {
                d.put(key, value);
            }
        }
    }

    private State state = State.UNKNOWN;
    private Instant lastSuccess;
    private Instant lastFailure;
    private String lastFailureReason;
    private int lastHttpStatus;
    private boolean tokenRefused;
    private String checkpoint;
    private long journalItemsSkipped;
    private long recordsMissing;
    private int contractStatuses = -1;
    private String warning;

    /** A poll ended well at {@code at}; the poll now stands at {@code checkpoint}. The token evidently works. */
    public synchronized void succeeded(Instant at, String checkpoint) {
        state = State.UP;
        lastSuccess = at;
        tokenRefused = false;
        this.checkpoint = checkpoint;
    }

    /** A poll failed at {@code at}; it still stands at {@code checkpoint}, which the hub keeps. */
    public synchronized void failed(Instant at, String reason, boolean tokenRefused, String checkpoint) {
        state = State.DOWN;
        lastFailure = at;
        lastFailureReason = reason == null || reason.isBlank() ? "unknown" : reason;
        this.tokenRefused = tokenRefused;
        this.checkpoint = checkpoint;
    }

    synchronized void httpStatus(int status) {
        lastHttpStatus = status;
    }

    /** Journal items of services this source does not read (subjects, RNU, …), or of an unknown action. */
    synchronized void journalItemsSkipped(long count) {
        journalItemsSkipped += count;
    }

    /** Records the journal named as changed that the portal no longer has (404): their deletion follows. */
    synchronized void recordsMissing(long count) {
        recordsMissing += count;
    }

    synchronized void contractStatuses(int count) {
        contractStatuses = count;
    }

    /** Something the operators should know although polling goes on (null clears it). */
    synchronized void warning(String text) {
        warning = text;
    }

    public synchronized State state() {
        return state;
    }

    public synchronized Snapshot snapshot() {
        return new Snapshot(state, lastSuccess, lastFailure, lastFailureReason, lastHttpStatus, tokenRefused, checkpoint,
                journalItemsSkipped, recordsMissing, contractStatuses, warning);
    }

    /** {@link Snapshot#details()} of now. */
    public Map<String, Object> details() {
        return snapshot().details();
    }
}
