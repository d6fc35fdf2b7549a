package kz.digitaltenge.hub.quarantine;

import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A message that failed somewhere, with its original bytes and headers exactly as received, where it came from
 * (source system, the source's message id, the route), why it failed (reason code and message) and where it
 * stands. {@link #of} builds a new one for {@link Quarantine#put}; the store fills id, times and status.
 *
 * @param body the original bytes (never null; empty for an empty message); the array is not copied on read,
 *             do not modify it
 */
public record QuarantinedMessage(Long id, Instant receivedAt, String sourceSystem, String sourceMessageId,
                                 String routeId, String reasonCode, String reasonMessage, String contentType,
                                 Map<String, String> headers, byte[] body, QuarantineStatus status, Long retryOf,
                                 Long retriedAs, String producedRef, String resolutionNote, int attempts,
                                 Instant updatedAt) {

    public QuarantinedMessage {
        // a message is never refused for missing metadata: it is kept under "unknown" / "UNKNOWN"
        sourceSystem = sourceSystem == null || sourceSystem.isBlank() ? "unknown" : sourceSystem;
        reasonCode = reasonCode == null || reasonCode.isBlank() ? "UNKNOWN" : reasonCode;
        body = body == null ? new byte[0] : body;
        headers = headers == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(headers));
        status = status == null ? QuarantineStatus.QUARANTINED : status;
    }

    /** A new message to quarantine; a missing source system or reason code is stored as "unknown" / "UNKNOWN". */
    public static QuarantinedMessage of(String sourceSystem, String sourceMessageId, String routeId,
                                        String reasonCode, String reasonMessage, String contentType,
                                        Map<String, String> headers, byte[] body) {
        return new QuarantinedMessage(null, null, sourceSystem, sourceMessageId, routeId, reasonCode, reasonMessage,
                contentType, headers, body == null ? new byte[0] : body.clone(), QuarantineStatus.QUARANTINED,
                null, null, null, null, 0, null);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof QuarantinedMessage m && Objects.equals(id, m.id) && Objects.equals(receivedAt, m.receivedAt)
                && Objects.equals(sourceSystem, m.sourceSystem) && Objects.equals(sourceMessageId, m.sourceMessageId)
                && Objects.equals(routeId, m.routeId) && Objects.equals(reasonCode, m.reasonCode)
                && Objects.equals(reasonMessage, m.reasonMessage) && Objects.equals(contentType, m.contentType)
                && headers.equals(m.headers) && Arrays.equals(body, m.body) && status == m.status
                && Objects.equals(retryOf, m.retryOf) && Objects.equals(retriedAs, m.retriedAs)
                && Objects.equals(producedRef, m.producedRef) && Objects.equals(resolutionNote, m.resolutionNote)
                && attempts == m.attempts && Objects.equals(updatedAt, m.updatedAt);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, sourceSystem, sourceMessageId, reasonCode, status) * 31 + Arrays.hashCode(body);
    }

    @Override
    public String toString() {
        return "QuarantinedMessage[id=" + id + ", source=" + sourceSystem + ", sourceMessageId=" + sourceMessageId
                + ", route=" + routeId + ", reason=" + reasonCode + ", status=" + status + ", bytes=" + body.length + "]";
    }
}
