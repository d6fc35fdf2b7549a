package kz.digitaltenge.routes.procurement.portal;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * How the hub reaches the procurement portal's open-data API (OWS v3): what a bank's integration team configures.
 *
 * @param baseUrl           the portal's host, e.g. {@code https://ows.goszakup.gov.kz} (a path is kept as a prefix, for
 *                          a reverse proxy); paths the portal names ({@code next_page}, journal {@code url}) are
 *                          resolved against it, and the token is sent nowhere else
 * @param token             the bearer token issued by АО «Центр электронных финансов» (valid one year); never logged,
 *                          {@link #toString()} hides it
 * @param requestsPerSecond the client's own limit on requests to the portal (default 5), retries included
 * @param timeout           how long one request may take, connecting included
 * @param maxAttempts       attempts of one request on 429, 5xx and network errors, the first included (default 4)
 * @param backoffBase       the first retry's delay before jitter (default 500 ms); it doubles each retry
 * @param backoffMax        the longest delay between attempts, a {@code Retry-After} of the portal included
 */
public record PortalSettings(URI baseUrl, String token, double requestsPerSecond, Duration timeout, int maxAttempts,
                             Duration backoffBase, Duration backoffMax) {
    public static final double DEFAULT_REQUESTS_PER_SECOND = 5;
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    public static final int DEFAULT_MAX_ATTEMPTS = 4;
    public static final Duration DEFAULT_BACKOFF_BASE = Duration.ofMillis(500);
    public static final Duration DEFAULT_BACKOFF_MAX = Duration.ofSeconds(30);
    /** More than this would be a misconfiguration, not a rate: the portal is a shared public service. */
    static final double MAX_REQUESTS_PER_SECOND = 100;
    static final int MAX_ATTEMPTS_LIMIT = 20;

    public PortalSettings {
        Objects.requireNonNull(baseUrl, "portal base URL is required (e.g. https://ows.goszakup.gov.kz)");
        String scheme = baseUrl.getScheme() == null ? "" : baseUrl.getScheme().toLowerCase(Locale.ROOT);
        if (!baseUrl.isAbsolute() || !(scheme.equals("https") || scheme.equals("http")) || baseUrl.getHost() == null) {
            throw new IllegalArgumentException("portal base URL must be an absolute http(s) URL with a host, e.g. "
                    + "https://ows.goszakup.gov.kz, not '" + baseUrl + "'");
        }
        if (baseUrl.getRawQuery() != null || baseUrl.getRawFragment() != null || baseUrl.getRawUserInfo() != null) {
            throw new IllegalArgumentException("portal base URL must have no query, fragment or user info: '" + baseUrl + "'");
        }
        Objects.requireNonNull(token, "portal token is required (issued by АО «Центр электронных финансов»)");
        // a token read from a file or an environment variable often ends in a line break
        token = token.strip();
        if (token.isEmpty()) {
            throw new IllegalArgumentException("portal token is empty (issued by АО «Центр электронных финансов»)");
        }
        if (token.chars().anyMatch(c -> c <= ' ' || c == 0x7f)) {
            throw new IllegalArgumentException("portal token contains spaces or control characters; "
                    + "it goes into an HTTP header as it is (the token itself is not shown here)");
        }
        if (!(requestsPerSecond > 0) || requestsPerSecond > MAX_REQUESTS_PER_SECOND) {
            throw new IllegalArgumentException("portal requests per second must be more than 0 and at most "
                    + (int) MAX_REQUESTS_PER_SECOND + ", not " + requestsPerSecond);
        }
        requirePositive(timeout, "portal request timeout");
        if (maxAttempts < 1 || maxAttempts > MAX_ATTEMPTS_LIMIT) {
            throw new IllegalArgumentException("portal max attempts must be 1 to " + MAX_ATTEMPTS_LIMIT
                    + " (the first attempt included), not " + maxAttempts);
        }
        requirePositive(backoffBase, "portal backoff base");
        requirePositive(backoffMax, "portal backoff max");
        if (backoffMax.compareTo(backoffBase) < 0) {
            throw new IllegalArgumentException("portal backoff max (" + backoffMax + ") must not be less than its base ("
                    + backoffBase + ")");
        }
    }

    /** The defaults for everything but the portal's address and the token. */
    public static PortalSettings of(URI baseUrl, String token) {
        return new PortalSettings(baseUrl, token, DEFAULT_REQUESTS_PER_SECOND, DEFAULT_TIMEOUT, DEFAULT_MAX_ATTEMPTS,
                DEFAULT_BACKOFF_BASE, DEFAULT_BACKOFF_MAX);
    }

    public PortalSettings withRequestsPerSecond(double perSecond) {
        return new PortalSettings(baseUrl, token, perSecond, timeout, maxAttempts, backoffBase, backoffMax);
    }

    public PortalSettings withTimeout(Duration value) {
        return new PortalSettings(baseUrl, token, requestsPerSecond, value, maxAttempts, backoffBase, backoffMax);
    }

    public PortalSettings withMaxAttempts(int value) {
        return new PortalSettings(baseUrl, token, requestsPerSecond, timeout, value, backoffBase, backoffMax);
    }

    public PortalSettings withBackoff(Duration base, Duration max) {
        return new PortalSettings(baseUrl, token, requestsPerSecond, timeout, maxAttempts, base, max);
    }

    /** Everything but the token, which is shown as {@code [hidden]}. */
    @Override
    public String toString() {
        return "PortalSettings[baseUrl=" + baseUrl + ", token=[hidden], requestsPerSecond=" + requestsPerSecond
                + ", timeout=" + timeout + ", maxAttempts=" + maxAttempts + ", backoffBase=" + backoffBase
                + ", backoffMax=" + backoffMax + "]";
    }

    private static void requirePositive(Duration value, String what) {
        Objects.requireNonNull(value, what + " is required");
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(what + " must be positive, not " + value);
        }
    }
}
