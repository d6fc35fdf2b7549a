package kz.digitaltenge.routes.einvoice;

import kz.digitaltenge.canonical.SourceMessageRejected;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.builder.RouteBuilder;

/**
 * {@value #ENDPOINT}: a pure translation of an invoice event into the hub's canonical message. In: the invoice
 * container XML as the body ({@code byte[]}), the IS registration number in header {@value #REGISTRATION_NUMBER}
 * and, optionally, the IS status in header {@value #STATUS}. Out: the body is a
 * {@link kz.digitaltenge.canonical.CanonicalMessage}. A message that cannot be translated fails the exchange with
 * {@link SourceMessageRejected}; there is deliberately no error handler, so the hub's pipeline sees the rejection
 * and quarantines the original bytes.
 */
public final class EinvoiceRoutes extends RouteBuilder {
    public static final String ENDPOINT = "direct:translate-einvoice";
    public static final String ROUTE_ID = "translate-einvoice";
    public static final String REGISTRATION_NUMBER = "registrationNumber";
    public static final String STATUS = "status";

    private final EinvoiceSource source;

    public EinvoiceRoutes() {
        this(new EsfReader());
    }

    /** @param reader a reader with the size limit the hub wants ({@link EsfReader#DEFAULT_MAX_BYTES} otherwise) */
    public EinvoiceRoutes(EsfReader reader) {
        this.source = new EinvoiceSource(reader);
    }

    @Override
    public void configure() {
        errorHandler(noErrorHandler());
        from(ENDPOINT).routeId(ROUTE_ID)
                .process(this::translate);
    }

    /** The source's own translation, for Camel callers (the hub's intake calls the translator directly). */
    private void translate(Exchange exchange) {
        Message message = exchange.getMessage();
        java.util.Map<String, String> headers = new java.util.HashMap<>();
        for (String name : source.headers()) {
            String value = message.getHeader(name, String.class);
            if (value != null) {
                headers.put(name, value);
            }
        }
        message.setBody(source.translator().translate(message.getBody(byte[].class), headers).get(0));
    }
}
