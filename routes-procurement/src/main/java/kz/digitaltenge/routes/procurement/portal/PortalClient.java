package kz.digitaltenge.routes.procurement.portal;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * GETs of the portal's REST API (OWS v3), as JSON. Paths are host-relative ({@code /v3/...}) or what the portal named
 * ({@code next_page}, a journal item's {@code url}); see {@link PortalPaths} for how they resolve and why another host
 * is refused. Every attempt is paced by the client's own rate limit. Answers:
 * <ul>
 *   <li>2xx: the JSON; malformed JSON is a {@link PortalUnavailable} at once (the same bytes would come again);</li>
 *   <li>404: {@link Optional#empty()}, the record is missing (the body {@code {name, message, code, status, type}});</li>
 *   <li>401, 403: {@link PortalUnauthorized}, never retried;</li>
 *   <li>429, 5xx, no answer (network, timeout): retried up to {@code maxAttempts} with exponential backoff and jitter,
 *       or after the portal's {@code Retry-After} (seconds or a date), each delay at most {@code backoffMax}; then a
 *       {@link PortalUnavailable} saying what the last attempt got;</li>
 *   <li>any other status, a redirect included (never followed, it could lead the token elsewhere): {@link PortalUnavailable}.</li>
 * </ul>
 * No message of this client holds the token. Thread-safe.
 */
public final class PortalClient {
    private static final System.Logger LOG = System.getLogger(PortalClient.class.getName());
    /** An answer larger than this is no page of 50 records: refused rather than held in memory. */
    static final int MAX_ANSWER_BYTES = 64 * 1024 * 1024;

    private final PortalSettings settings;
    private final PortalPaths paths;
    private final PortalHealth health;
    private final PortalClock clock;
    private final PortalRateLimit rateLimit;
    private final DoubleSupplier jitter;
    private final HttpClient http;

    public PortalClient(PortalSettings settings, PortalHealth health) {
        this(settings, health, PortalClock.system(), () -> ThreadLocalRandom.current().nextDouble());
    }

    /**
     * @param jitter a source of numbers in [0, 1) spreading the backoff delays (so many clients do not retry at once)
     */
    public PortalClient(PortalSettings settings, PortalHealth health, PortalClock clock, DoubleSupplier jitter) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.health = Objects.requireNonNull(health, "health");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.jitter = Objects.requireNonNull(jitter, "jitter");
        this.paths = new PortalPaths(settings.baseUrl());
        this.rateLimit = new PortalRateLimit(settings.requestsPerSecond(), clock);
        this.http = HttpClient.newBuilder()
                .connectTimeout(settings.timeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    public PortalHealth health() {
        return health;
    }

    PortalClock clock() {
        return clock;
    }

    /**
     * The host-relative path ({@code /v3/...}) this client requests for what the portal named.
     *
     * @throws PortalUnavailable when it names another host
     */
    public String pathOf(String pathOrUrl) {
        return paths.relative(pathOrUrl);
    }

    /**
     * The portal's answer to {@code GET pathOrUrl}, or empty when it answers 404.
     *
     * @throws PortalUnauthorized when the token is refused
     * @throws PortalUnavailable  when no usable answer came (see the class comment)
     */
    public Optional<JsonNode> get(String pathOrUrl) {
        String path = paths.relative(pathOrUrl);
        String request = "GET " + path;
        HttpRequest httpRequest = HttpRequest.newBuilder(paths.resolve(path))
                .GET()
                .timeout(settings.timeout())
                .header("Authorization", "Bearer " + settings.token())
                .header("Accept", "application/json")
                .build();
        String last = "nothing";
        int lastStatus = 0;
        for (int attempt = 1; attempt <= settings.maxAttempts(); attempt++) {
            Duration retryAfter = null;
            try {
                rateLimit.acquire();
                HttpResponse<InputStream> response = http.send(httpRequest, HttpResponse.BodyHandlers.ofInputStream());
                int status = response.statusCode();
                lastStatus = status;
                health.httpStatus(status);
                byte[] body = body(response, request);
                if (status >= 200 && status < 300) {
                    return Optional.of(PortalJson.read(body, request));
                }
                if (status == 404) {
                    return Optional.empty();
                }
                if (status == 401 || status == 403) {
                    throw new PortalUnauthorized("the portal refused the token (HTTP " + status + ") for " + request
                            + redacted(detail(body)) + ": the token has expired (it is valid one year) or was revoked."
                            + " The organisation's administrator re-issues it in the portal profile (tokens come from"
                            + " АО «Центр электронных финансов»); then set the new token in the hub's procurement"
                            + " settings", status);
                }
                if (status != 429 && status < 500) {
                    throw new PortalUnavailable("the portal answered HTTP " + status + " for " + request
                            + redacted(detail(body)), status, null);
                }
                last = "HTTP " + status + redacted(detail(body));
                retryAfter = retryAfter(response);
            } catch (HttpTimeoutException e) {
                last = "no answer within " + settings.timeout();
                lastStatus = 0;
            } catch (IOException e) {
                last = "no answer (" + redacted(e.getClass().getSimpleName()
                        + (e.getMessage() == null ? "" : ": " + e.getMessage())) + ")";
                lastStatus = 0;
            } catch (InterruptedException e) {
                throw interrupted(request);
            }
            if (attempt < settings.maxAttempts()) {
                Duration delay = backoff(attempt, retryAfter);
                LOG.log(System.Logger.Level.INFO, "portal: {0} got {1} (attempt {2} of {3}); retrying in {4} ms",
                        request, last, attempt, settings.maxAttempts(), delay.toMillis());
                try {
                    clock.sleep(delay);
                } catch (InterruptedException e) {
                    throw interrupted(request);
                }
            }
        }
        throw new PortalUnavailable("the portal gave no usable answer to " + request + " in " + settings.maxAttempts()
                + " attempts; the last got " + last, lastStatus, null);
    }

    /**
     * The delay before attempt {@code failed + 1}: the portal's {@code Retry-After} when it said one, otherwise
     * {@code backoffBase * 2^(failed-1)} with "equal jitter" (between half and all of it); at most {@code backoffMax}.
     */
    Duration backoff(int failed, Duration retryAfter) {
        Duration max = settings.backoffMax();
        if (retryAfter != null) {
            return retryAfter.compareTo(max) > 0 ? max : retryAfter;
        }
        long base = settings.backoffBase().toNanos();
        long exponential = failed - 1 >= 62 || base > (max.toNanos() >> Math.min(62, failed - 1))
                ? max.toNanos() : Math.min(max.toNanos(), base << (failed - 1));
        double spread = Math.min(1, Math.max(0, jitter.getAsDouble()));
        return Duration.ofNanos(exponential / 2 + Math.round(spread * (exponential - exponential / 2)));
    }

    /** {@code Retry-After} as seconds or as an HTTP date; null when absent or unreadable. */
    private Duration retryAfter(HttpResponse<?> response) {
        String value = response.headers().firstValue("Retry-After").map(String::strip).orElse("");
        if (value.isEmpty()) {
            return null;
        }
        if (value.chars().allMatch(Character::isDigit)) {
            return value.length() > 9 ? settings.backoffMax() : Duration.ofSeconds(Long.parseLong(value));
        }
        try {
            Duration until = Duration.between(clock.now(), ZonedDateTime.parse(value,
                    DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
            return until.isNegative() ? Duration.ZERO : until;
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static byte[] body(HttpResponse<InputStream> response, String request) throws IOException {
        try (InputStream in = response.body()) {
            byte[] body = in.readNBytes(MAX_ANSWER_BYTES + 1);
            if (body.length > MAX_ANSWER_BYTES) {
                throw new PortalUnavailable("the portal's answer to " + request + " is larger than "
                        + MAX_ANSWER_BYTES / (1024 * 1024) + " MiB; refused", response.statusCode(), null);
            }
            return body;
        }
    }

    /** The portal's own words on an error ({@code {name, message, code, status, type}}), short. */
    private String detail(byte[] body) {
        if (body.length == 0) {
            return "";
        }
        try {
            JsonNode error = PortalJson.MAPPER.readTree(body);
            String message = PortalJson.text(error, "message");
            String name = PortalJson.text(error, "name");
            if (message != null || name != null) {
                // the whole token is blanked before the text is cut: a token across the cut would leave its first part
                return ": " + PortalPaths.shortened(redacted((name == null ? "" : name + ": ") + (message == null ? "" : message)));
            }
        } catch (IOException | RuntimeException e) {
            // not the portal's error shape: its first words say more than nothing
        }
        String text = redacted(new String(body, StandardCharsets.UTF_8)).replaceAll("\\s+", " ").strip();
        return text.isEmpty() ? "" : ": " + PortalPaths.shortened(text);
    }

    /** Whatever the portal or the network says could echo the token; it never reaches a message. */
    private String redacted(String text) {
        return text.replace(settings.token(), "[token]");
    }

    private static PortalUnavailable interrupted(String request) {
        Thread.currentThread().interrupt();
        return new PortalUnavailable("interrupted while waiting for " + request);
    }

    URI baseUrl() {
        return settings.baseUrl();
    }
}
