package kz.digitaltenge.hub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The e-invoice IS's status endpoint as the shared test hub sees it (hub.payments.einvoice-status-url): records the
 * statuses it accepts, and answers with whatever status code a test sets (503 = the IS is down).
 */
final class FakeEinvoiceIs {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final FakeEinvoiceIs INSTANCE = new FakeEinvoiceIs();

    final List<JsonNode> accepted = new CopyOnWriteArrayList<>();
    final AtomicInteger answer = new AtomicInteger(204);
    final AtomicInteger refused = new AtomicInteger();
    private final HttpServer server;

    private FakeEinvoiceIs() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/esf/payment-statuses", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            int code = answer.get();
            if (code / 100 == 2) {
                accepted.add(JSON.readTree(body));
            } else {
                refused.incrementAndGet();
            }
            exchange.sendResponseHeaders(code, -1);
            exchange.close();
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/esf/payment-statuses";
    }

    /** The statuses of one invoice the IS accepted, in arrival order. */
    List<JsonNode> statusesOf(String registrationNumber) {
        return accepted.stream().filter(s -> registrationNumber.equals(s.path("registrationNumber").asText())).toList();
    }
}
