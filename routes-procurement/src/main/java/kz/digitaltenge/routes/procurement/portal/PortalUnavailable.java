package kz.digitaltenge.routes.procurement.portal;

/**
 * The portal did not answer usefully: no answer after the retries (network, timeouts, 429, 5xx), an answer that is not
 * JSON or not the expected shape, another HTTP error, or a URL it named on another host (not followed). The hub keeps
 * its checkpoint and polls again at the next tick.
 */
public final class PortalUnavailable extends PortalFailure {
    public PortalUnavailable(String message) {
        this(message, 0, null);
    }

    public PortalUnavailable(String message, int httpStatus, Throwable cause) {
        super(message, httpStatus, cause);
    }
}
