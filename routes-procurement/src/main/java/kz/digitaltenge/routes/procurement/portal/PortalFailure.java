package kz.digitaltenge.routes.procurement.portal;

/**
 * The portal could not give what was asked. Its message is meant for the hub's log and health and never holds the
 * token. {@link #httpStatus()} is the portal's last HTTP status, 0 when there was no answer.
 */
public abstract sealed class PortalFailure extends RuntimeException permits PortalUnavailable, PortalUnauthorized {
    private final int httpStatus;

    PortalFailure(String message, int httpStatus, Throwable cause) {
        super(message, cause);
        this.httpStatus = httpStatus;
    }

    public int httpStatus() {
        return httpStatus;
    }
}
