package kz.digitaltenge.routes.einvoice;

import static kz.digitaltenge.routes.einvoice.Documents.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.HashMap;
import java.util.Map;
import kz.digitaltenge.canonical.CanonicalMessage;
import kz.digitaltenge.canonical.SourceMessageRejected;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EinvoiceRoutesTest {
    private static final String REG = "ESF-123456789012-20240115-0000001";
    private CamelContext camel;
    private ProducerTemplate template;

    @BeforeEach
    void start() throws Exception {
        camel = new DefaultCamelContext();
        camel.addRoutes(new EinvoiceRoutes(new EsfReader(64 * 1024)));
        // How the hub is expected to call the translation: its own route catches the rejection and quarantines.
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:intake")
                        .doTry()
                            .to(EinvoiceRoutes.ENDPOINT)
                            .to("mock:canonical")
                        .doCatch(SourceMessageRejected.class)
                            .setHeader("reason", simple("${exception.reason}"))
                            .to("mock:quarantine")
                        .end();
            }
        });
        camel.start();
        template = camel.createProducerTemplate();
    }

    @AfterEach
    void stop() {
        camel.stop();
    }

    @Test
    void translatesAnInvoiceEventIntoACanonicalMessage() {
        Object body = template.requestBodyAndHeaders(EinvoiceRoutes.ENDPOINT, bytes(Documents.ORDINARY_FULL),
                headers(REG, "DELIVERED"));

        assertThat(body).isInstanceOfSatisfying(CanonicalMessage.class, message -> {
            assertThat(message.sourceMessageId()).isEqualTo("esf:" + REG + ":DELIVERED");
            assertThat(message.subject()).isEqualTo(REG);
            assertThat(message.terms()).containsEntry("gross", "1310056").containsEntry("status", "DELIVERED");
        });
    }

    @Test
    void theStatusHeaderIsOptional() {
        CanonicalMessage message = template.requestBodyAndHeaders(EinvoiceRoutes.ENDPOINT, bytes(Documents.FIXED),
                headers(REG, null), CanonicalMessage.class);

        assertThat(message.terms()).containsEntry("status", "CREATED");
    }

    @Test
    void aRejectionReachesTheCallerUnswallowed() {
        Throwable thrown = catchThrowable(() -> template.requestBodyAndHeaders(EinvoiceRoutes.ENDPOINT,
                "<not-an-invoice/>".getBytes(), headers(REG, null)));

        assertThat(thrown).isInstanceOf(CamelExecutionException.class);
        assertThat(thrown.getCause()).isInstanceOfSatisfying(SourceMessageRejected.class,
                r -> assertThat(r.reason()).isEqualTo("SCHEMA_INVALID"));
    }

    @Test
    void theHubsRouteCanQuarantineWhatIsRejected() throws Exception {
        MockEndpoint canonical = camel.getEndpoint("mock:canonical", MockEndpoint.class);
        MockEndpoint quarantine = camel.getEndpoint("mock:quarantine", MockEndpoint.class);
        canonical.expectedMessageCount(1);
        quarantine.expectedHeaderReceived("reason", "TOO_LARGE");

        template.sendBodyAndHeaders("direct:intake", bytes(Documents.FIXED), headers(REG, null));
        template.sendBodyAndHeaders("direct:intake", new byte[64 * 1024 + 1], headers(REG, null));

        MockEndpoint.assertIsSatisfied(canonical, quarantine);
        assertThat(quarantine.getExchanges().get(0).getMessage().getBody(byte[].class)).hasSize(64 * 1024 + 1);
    }

    @Test
    void aMissingRegistrationNumberIsRejected() {
        Throwable thrown = catchThrowable(() -> template.requestBody(EinvoiceRoutes.ENDPOINT, bytes(Documents.FIXED)));

        assertThat(thrown.getCause()).isInstanceOfSatisfying(SourceMessageRejected.class,
                r -> assertThat(r.getMessage()).contains("no registration number"));
    }

    private static Map<String, Object> headers(String registrationNumber, String status) {
        Map<String, Object> headers = new HashMap<>();
        headers.put(EinvoiceRoutes.REGISTRATION_NUMBER, registrationNumber);
        if (status != null) {
            headers.put(EinvoiceRoutes.STATUS, status);
        }
        return headers;
    }
}
