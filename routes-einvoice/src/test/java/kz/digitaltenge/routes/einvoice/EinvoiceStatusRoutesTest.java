package kz.digitaltenge.routes.einvoice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EinvoiceStatusRoutesTest {
    private static final String FAILED = "mock:failed";
    private CamelContext camel;
    private HttpServer server;
    private final AtomicInteger requests = new AtomicInteger();
    private final List<String> accepted = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        if (camel != null) {
            camel.stop();
        }
        if (server != null) {
            server.stop(0);
        }
    }

    /** An IS endpoint that answers {@code failureStatus} to the first {@code failures} requests, then 200. */
    private String isEndpoint(int failures, int failureStatus) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/payment-status", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            int status = requests.incrementAndGet() <= failures ? failureStatus : 200;
            if (status == 200) {
                accepted.add(body);
            }
            byte[] answer = (status == 200 ? "ok" : "try later").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/payment-status";
    }

    private ProducerTemplate start(EinvoiceStatusRoutes routes) throws Exception {
        camel = new DefaultCamelContext();
        camel.addRoutes(routes);
        camel.start();
        return camel.createProducerTemplate();
    }

    private MockEndpoint mock(String uri) {
        return camel.getEndpoint(uri, MockEndpoint.class);
    }

    @Test
    void retriesUntilTheIsAcceptsAndDeliversExactlyOnce() throws Exception {
        String url = isEndpoint(2, 503);
        ProducerTemplate template = start(new EinvoiceStatusRoutes(null, url, 3, 10, FAILED));
        mock(FAILED).expectedMessageCount(0);

        template.sendBody(EinvoiceStatusRoutes.ENDPOINT, PaymentStatusTest.partlyPaid());

        assertThat(requests).hasValue(3);
        assertThat(accepted).containsExactly(PaymentStatusTest.partlyPaid().toJson());
        mock(FAILED).assertIsSatisfied();
    }

    @Test
    void whenTheIsIsDownTheStatusGoesToTheFailedEndpoint() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        String url = "http://127.0.0.1:" + closedPort + "/payment-status";
        ProducerTemplate template = start(new EinvoiceStatusRoutes(null, url, 3, 10, FAILED));
        MockEndpoint failed = mock(FAILED);
        failed.expectedMessageCount(1);
        failed.expectedHeaderReceived(EinvoiceStatusRoutes.OUTBOUND_REASON, EinvoiceStatusRoutes.DELIVERY_FAILED);
        failed.expectedBodiesReceived(PaymentStatusTest.partlyPaid().toJson());

        template.sendBody(EinvoiceStatusRoutes.ENDPOINT, PaymentStatusTest.partlyPaid());

        failed.assertIsSatisfied();
        assertThat(failed.getExchanges().get(0).getMessage().getHeader(EinvoiceStatusRoutes.OUTBOUND_MESSAGE, String.class))
                .startsWith("payment status of invoice " + PaymentStatusTest.REG + ": POST " + url + " failed: ")
                .endsWith("; gave up after 3 attempts");
    }

    @Test
    void anErrorAnswerIsAFailureToo() throws Exception {
        String url = isEndpoint(Integer.MAX_VALUE, 500);
        ProducerTemplate template = start(new EinvoiceStatusRoutes(null, url, 2, 0, FAILED));
        MockEndpoint failed = mock(FAILED);
        failed.expectedMessageCount(1);

        template.sendBody(EinvoiceStatusRoutes.ENDPOINT, PaymentStatusTest.partlyPaid().toJson());

        failed.assertIsSatisfied();
        assertThat(requests).hasValue(2);
        assertThat(accepted).isEmpty();
        assertThat(failed.getExchanges().get(0).getMessage().getHeader(EinvoiceStatusRoutes.OUTBOUND_MESSAGE, String.class))
                .contains("POST " + url + " answered HTTP 500: try later").endsWith("gave up after 2 attempts");
    }

    @Test
    void sendsToKafkaKeyedByRegistrationNumber() throws Exception {
        ProducerTemplate template = start(new EinvoiceStatusRoutes("mock:kafka", null, 3, 10, FAILED));
        MockEndpoint kafka = mock("mock:kafka");
        kafka.expectedBodiesReceived(PaymentStatusTest.partlyPaid().toJson());
        kafka.expectedHeaderReceived(EinvoiceStatusRoutes.KAFKA_KEY, PaymentStatusTest.REG);

        template.sendBody(EinvoiceStatusRoutes.ENDPOINT,
                PaymentStatusTest.partlyPaid().toJson().getBytes(StandardCharsets.UTF_8));

        kafka.assertIsSatisfied();
    }

    @Test
    void retriesOnlyTheDestinationThatFailed() throws Exception {
        String url = isEndpoint(1, 502);
        ProducerTemplate template = start(new EinvoiceStatusRoutes("mock:kafka", url, 3, 10, FAILED));
        MockEndpoint kafka = mock("mock:kafka");
        kafka.expectedMessageCount(1);
        mock(FAILED).expectedMessageCount(0);

        template.sendBody(EinvoiceStatusRoutes.ENDPOINT, PaymentStatusTest.partlyPaid());

        MockEndpoint.assertIsSatisfied(kafka, mock(FAILED));
        assertThat(requests).hasValue(2);
        assertThat(accepted).hasSize(1);
    }

    @Test
    void aKafkaFailureIsReportedWithTheEndpoint() throws Exception {
        ProducerTemplate template = start(new EinvoiceStatusRoutes("mock:kafka", null, 2, 0, FAILED));
        mock("mock:kafka").whenAnyExchangeReceived(exchange -> {
            throw new IllegalStateException("broker unavailable");
        });
        MockEndpoint failed = mock(FAILED);
        failed.expectedMessageCount(1);

        template.sendBody(EinvoiceStatusRoutes.ENDPOINT, PaymentStatusTest.partlyPaid());

        failed.assertIsSatisfied();
        assertThat(failed.getExchanges().get(0).getMessage().getHeader(EinvoiceStatusRoutes.OUTBOUND_MESSAGE, String.class))
                .contains("sending to mock:kafka failed: IllegalStateException: broker unavailable")
                .endsWith("gave up after 2 attempts");
    }

    @Test
    void aBodyThatIsNotAPaymentStatusFailsTheCallWithoutRetries() throws Exception {
        String url = isEndpoint(0, 200);
        ProducerTemplate template = start(new EinvoiceStatusRoutes(null, url, 3, 10, FAILED));
        mock(FAILED).expectedMessageCount(0);

        Throwable thrown = catchThrowable(() -> template.sendBody(EinvoiceStatusRoutes.ENDPOINT, "{\"paid\":1}"));

        assertThat(thrown).isInstanceOf(CamelExecutionException.class)
                .cause().isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("not a payment status");
        assertThat(requests).hasValue(0);
        mock(FAILED).assertIsSatisfied();
    }

    @Test
    void needsADestinationAndSaneRetries() {
        assertThatThrownBy(() -> new EinvoiceStatusRoutes(null, " ", 3, 10, FAILED)).hasMessageContaining("destination");
        assertThatThrownBy(() -> new EinvoiceStatusRoutes(null, "ftp://x", 3, 10, FAILED)).hasMessageContaining("http");
        assertThatThrownBy(() -> new EinvoiceStatusRoutes("mock:k", null, 0, 10, FAILED)).hasMessageContaining("maxAttempts");
        assertThatThrownBy(() -> new EinvoiceStatusRoutes("mock:k", null, 1, -1, FAILED)).hasMessageContaining("delayMillis");
        assertThatThrownBy(() -> new EinvoiceStatusRoutes("mock:k", null, 1, 0, null)).hasMessageContaining("failedUri");
    }
}
