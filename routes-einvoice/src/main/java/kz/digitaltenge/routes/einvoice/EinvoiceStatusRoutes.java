package kz.digitaltenge.routes.einvoice;

import kz.digitaltenge.canonical.payment.InvoicePaymentStatus;
import kz.digitaltenge.canonical.payment.OutboundFailure;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePropertyKey;
import org.apache.camel.LoggingLevel;
import org.apache.camel.Message;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.util.URISupport;

/**
 * {@value #ENDPOINT}: sends an invoice's {@link PaymentStatus} back to the IS side — as JSON to a Kafka topic (key
 * header {@value #KAFKA_KEY} = registration number) and/or POSTed to an HTTP endpoint — retrying each destination
 * with Camel redelivery. When a destination still fails after {@code maxAttempts}, the message (the JSON) goes to
 * {@code failedUri} with headers {@value #OUTBOUND_REASON} = {@value #DELIVERY_FAILED} and {@value #OUTBOUND_MESSAGE}
 * saying what failed and after how many attempts; the hub quarantines it there.
 *
 * <p>The body is the hub's {@link InvoicePaymentStatus}, a {@link PaymentStatus} or its JSON (bytes or text). A body that is not a consistent payment status
 * is the caller's mistake, not a delivery failure: it fails the call with {@link IllegalArgumentException} and is
 * not retried. Redelivery is synchronous, so the call returns once the status is delivered or handed to
 * {@code failedUri} (after at most {@code maxAttempts} × ({@code delayMillis} + the HTTP timeout)).
 *
 * <p>Redelivery is per step: if Kafka took the status and HTTP then fails, only the POST is retried.
 */
public final class EinvoiceStatusRoutes extends RouteBuilder {
    /** The hub hands every invoice's payment status here ({@link InvoicePaymentStatus#ENDPOINT}). */
    public static final String ENDPOINT = InvoicePaymentStatus.ENDPOINT;
    /** The quarantine source of a status the IS did not take. */
    public static final String STATUS_SOURCE = "einvoice-status";
    public static final String ROUTE_ID = "einvoice-status";
    /** The retried part, a route of its own so that only delivery failures reach the dead letter channel. */
    static final String DELIVERY_ENDPOINT = "direct:einvoice-status-delivery";
    static final String DELIVERY_ROUTE_ID = "einvoice-status-delivery";
    public static final String KAFKA_KEY = "kafka.KEY";
    public static final String OUTBOUND_REASON = "outboundReason";
    public static final String OUTBOUND_MESSAGE = OutboundFailure.MESSAGE_HEADER;
    public static final String DELIVERY_FAILED = "DELIVERY_FAILED";
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private final String kafkaUri;
    private final URI httpUrl;
    private final int maxAttempts;
    private final long delayMillis;
    private final String failedUri;
    private final HttpClient http;

    /**
     * @param kafkaUri    Camel Kafka endpoint URI (e.g. {@code kafka:esf.payment-status?brokers=...}), or {@code null}
     * @param httpUrl     http(s) URL to POST the JSON to, or {@code null}; at least one of the two must be set
     * @param maxAttempts attempts per destination, including the first (at least 1)
     * @param delayMillis pause between attempts
     * @param failedUri   where an undeliverable status goes (the hub: {@link OutboundFailure#ENDPOINT})
     */
    public EinvoiceStatusRoutes(String kafkaUri, String httpUrl, int maxAttempts, long delayMillis, String failedUri) {
        if (blank(kafkaUri) && blank(httpUrl)) {
            throw new IllegalArgumentException("payment statuses need a destination: a Kafka URI, an HTTP URL or both");
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1: " + maxAttempts);
        }
        if (delayMillis < 0) {
            throw new IllegalArgumentException("delayMillis must not be negative: " + delayMillis);
        }
        if (blank(failedUri)) {
            throw new IllegalArgumentException("failedUri is required: undeliverable statuses must go somewhere");
        }
        this.kafkaUri = blank(kafkaUri) ? null : kafkaUri;
        this.httpUrl = blank(httpUrl) ? null : httpUrl(httpUrl);
        this.maxAttempts = maxAttempts;
        this.delayMillis = delayMillis;
        this.failedUri = failedUri;
        this.http = this.httpUrl == null ? null : HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();
    }

    @Override
    public void configure() {
        from(ENDPOINT).routeId(ROUTE_ID)
                .errorHandler(noErrorHandler())
                .process(EinvoiceStatusRoutes::toJson)
                .to(DELIVERY_ENDPOINT);

        RouteDefinition delivery = from(DELIVERY_ENDPOINT).routeId(DELIVERY_ROUTE_ID)
                .errorHandler(deadLetterChannel(failedUri)
                        .maximumRedeliveries(maxAttempts - 1)
                        .redeliveryDelay(delayMillis)
                        .retryAttemptedLogLevel(LoggingLevel.WARN)
                        .onPrepareFailure(this::describeFailure));
        if (kafkaUri != null) {
            delivery.to(kafkaUri);
        }
        if (httpUrl != null) {
            delivery.process(this::post);
        }
    }

    private static void toJson(Exchange exchange) {
        Message message = exchange.getMessage();
        Object body = message.getBody();
        PaymentStatus status;
        if (body instanceof InvoicePaymentStatus s) {
            status = PaymentStatus.of(s);
        } else if (body instanceof PaymentStatus s) {
            status = s;
        } else if (body instanceof byte[] json) {
            status = PaymentStatus.fromJson(json);
        } else if (body instanceof String json) {
            status = PaymentStatus.fromJson(json.getBytes(StandardCharsets.UTF_8));
        } else {
            throw new IllegalArgumentException(ENDPOINT + " takes a PaymentStatus or its JSON, not "
                    + (body == null ? "an empty body" : body.getClass().getName()));
        }
        message.setBody(status.toJson());
        message.setHeader(KAFKA_KEY, status.registrationNumber());
    }

    private void post(Exchange exchange) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(httpUrl)
                .timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(exchange.getMessage().getBody(String.class),
                        StandardCharsets.UTF_8))
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new HttpDeliveryFailed("POST " + httpUrl + " failed: " + describe(e), e);
        }
        if (response.statusCode() / 100 != 2) {
            String answer = response.body() == null ? "" : response.body().strip();
            throw new HttpDeliveryFailed("POST " + httpUrl + " answered HTTP " + response.statusCode()
                    + (answer.isEmpty() ? "" : ": " + (answer.length() > 200 ? answer.substring(0, 200) + "…" : answer)));
        }
    }

    /**
     * Runs once the retries are spent, just before the message goes to {@code failedUri}. Every exception is
     * redelivered, so the failing destination was tried exactly {@code maxAttempts} times (Camel clears its own
     * redelivery counter before this point).
     */
    private void describeFailure(Exchange exchange) {
        Throwable cause = exchange.getProperty(ExchangePropertyKey.EXCEPTION_CAUGHT, Throwable.class);
        // The POST says what went wrong itself; the only other step is the Kafka send (credentials masked).
        String what = cause instanceof HttpDeliveryFailed
                ? cause.getMessage()
                : "sending to " + URISupport.sanitizeUri(kafkaUri) + " failed: " + describe(cause);
        Message message = exchange.getMessage();
        message.setHeader(OUTBOUND_REASON, DELIVERY_FAILED);
        message.setHeader(OutboundFailure.SOURCE_HEADER, STATUS_SOURCE);
        message.setHeader(OutboundFailure.ROUTE_HEADER, ROUTE_ID);
        // The Kafka key header is set whether or not Kafka is used: it is the registration number.
        message.setHeader(OUTBOUND_MESSAGE, "payment status of invoice " + message.getHeader(KAFKA_KEY) + ": " + what
                + "; gave up after " + maxAttempts + (maxAttempts == 1 ? " attempt" : " attempts"));
    }

    private static String describe(Throwable t) {
        if (t == null) {
            return "unknown error";
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getClass().getSimpleName() + ": " + t.getMessage();
    }

    private static URI httpUrl(String url) {
        URI uri = URI.create(url);
        if (!"http".equalsIgnoreCase(uri.getScheme()) && !"https".equalsIgnoreCase(uri.getScheme())) {
            throw new IllegalArgumentException("httpUrl must be an http or https URL: " + url);
        }
        return uri;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    /** The POST did not get a 2xx answer; the message says what happened. */
    private static final class HttpDeliveryFailed extends IOException {
        HttpDeliveryFailed(String message) {
            super(message);
        }

        HttpDeliveryFailed(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
