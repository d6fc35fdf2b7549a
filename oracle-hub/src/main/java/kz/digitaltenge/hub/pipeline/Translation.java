package kz.digitaltenge.hub.pipeline;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import kz.digitaltenge.canonical.CanonicalMessage;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.InvalidPayloadException;
import org.apache.camel.ProducerTemplate;

/**
 * A source's own format to a canonical message, through its route module's {@code direct:translate-<source>} route
 * (the original bytes, with the headers as the source sent them). A source without such a route, and a body sent as
 * JSON, are canonical messages already.
 */
final class Translation {
    private final CamelContext camel;
    private volatile ProducerTemplate producer;

    Translation(CamelContext camel) {
        this.camel = camel;
    }

    static String routeId(String source) {
        return "translate-" + source;
    }

    boolean applies(String source, String contentType) {
        return camel.getRoute(routeId(source)) != null && !isJson(contentType);
    }

    /** The canonical message, or the route module's refusal (a {@link RuntimeException}, e.g. SourceMessageRejected). */
    CanonicalMessage translate(String source, byte[] body, Map<String, String> headers) throws InvalidPayloadException {
        ProducerTemplate p = producer;
        if (p == null) {
            p = camel.createProducerTemplate();
            producer = p;
        }
        Exchange done = p.send("direct:" + routeId(source), x -> {
            x.getMessage().setHeaders(new LinkedHashMap<>(headers));
            x.getMessage().setBody(body);
        });
        if (done.getException() != null) {
            throw done.getException() instanceof RuntimeException r ? r : new IllegalStateException(done.getException());
        }
        return done.getMessage().getMandatoryBody(CanonicalMessage.class);
    }

    private static boolean isJson(String contentType) {
        return contentType != null && contentType.toLowerCase(Locale.ROOT).contains("json");
    }
}
