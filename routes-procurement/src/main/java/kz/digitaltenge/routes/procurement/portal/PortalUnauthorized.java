package kz.digitaltenge.routes.procurement.portal;

/**
 * The portal refused the token (HTTP 401 or 403): expired (a token is valid one year), revoked or wrong. Never retried:
 * only a new token helps.
 */
public final class PortalUnauthorized extends PortalFailure {
    public PortalUnauthorized(String message, int httpStatus) {
        super(message, httpStatus, null);
    }
}
