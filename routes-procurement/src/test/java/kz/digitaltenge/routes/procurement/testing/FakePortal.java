package kz.digitaltenge.routes.procurement.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The procurement portal's REST API as its format note describes it, on 127.0.0.1 and an ephemeral port, with
 * records the test writes as JSON text (served byte for byte, so decimals stay as written). Lists answer
 * {@code {total, limit, next_page, items}} with keyset cursors {@code ?page=next&search_after=<last id>} and {@code ""}
 * on the last page; a missing record answers 404 with {@code {name, message, code, status, type}}; a wrong token 401.
 * Scriptable: failures for the next requests or for every request until {@link #recover()}, exact answers for a path, a
 * stalled answer. Every request is recorded.
 *
 * <p>The module's portal tests start one per test; the hub's tests (through this module's test-jar) start one for the
 * whole test JVM and point {@code hub.procurement.base-url} at it ({@link #baseUrl()}), with a token of their own
 * ({@link #FakePortal(String)}). Records are written by the tests ({@link OwsRecords} writes portal-shaped ones).
 */
public final class FakePortal implements AutoCloseable {
    /** The token a portal made with {@link #FakePortal()} accepts. */
    public static final String TOKEN = "ows-7d1f2c9e4b8a4f0c9d3e6a5b1c2d3e4f";
    /** What {@code /v3/refs/ref_contract_status} answers unless a test says otherwise. */
    public static final String STATUSES = "[{\"id\":190,\"name_ru\":\"Действует\",\"name_kz\":\"Қолданыста\",\"code\":\"Valid\"}]";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern ONE = Pattern.compile("/v3/(contract|acts|treasury-pay)/([^/]+)(/units)?");

    /** One request as the portal got it. */
    public record Request(String pathAndQuery, String authorization, String accept) {
    }

    private record Failure(int status, String retryAfter, String body) {
    }

    private final HttpServer server;
    private final List<Request> requests = new ArrayList<>();
    private final Deque<Failure> failures = new ArrayDeque<>();
    private final TreeMap<Long, String> contracts = new TreeMap<>();
    private final TreeMap<Long, String> acts = new TreeMap<>();
    private final Map<String, String> fullContracts = new ConcurrentHashMap<>();
    private final Map<String, String> units = new ConcurrentHashMap<>();
    private final Map<String, String> treasury = new ConcurrentHashMap<>();
    private final List<String> journal = new ArrayList<>();
    private final Map<String, String> answers = new ConcurrentHashMap<>();
    private volatile int pageSize = 50;
    private volatile int journalPageSize = 0;
    private final String token;
    private volatile String acceptedToken;
    /** The answer to every request while set ({@link #failAll}), after the scripted {@link #failNext} ones. */
    private volatile Failure always;
    private volatile UnaryOperator<String> nextPageStyle = UnaryOperator.identity();
    private volatile CountDownLatch stall;
    private volatile String statuses = STATUSES;

    /** A portal that accepts {@link #TOKEN}. */
    public FakePortal() {
        this(TOKEN);
    }

    /** A portal that accepts {@code token} (refusing others with 401). */
    public FakePortal(String token) {
        this.token = token;
        this.acceptedToken = token;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.start();
    }

    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public int port() {
        return server.getAddress().getPort();
    }

    // ---- scripting

    public FakePortal contract(long id, String json) {
        synchronized (this) {
            contracts.put(id, json);
        }
        return this;
    }

    /** What {@code /v3/contract/{id}} answers when the list holds a short record. */
    public FakePortal fullContract(long id, String json) {
        fullContracts.put(Long.toString(id), json);
        return this;
    }

    public FakePortal act(long id, String json) {
        synchronized (this) {
            acts.put(id, json);
        }
        return this;
    }

    /** The answer of {@code /v3/contract/{id}/units}, as written (an envelope or an array). */
    public FakePortal units(long contractId, String answer) {
        units.put(Long.toString(contractId), answer);
        return this;
    }

    /** The answer of {@code /v3/treasury-pay/{contractId}}, as written. */
    public FakePortal treasury(long contractId, String answer) {
        treasury.put(Long.toString(contractId), answer);
        return this;
    }

    public FakePortal journalItem(String objectId, String action, String dateAction, String service, String url) {
        String item = "{\"object_id\":\"" + objectId + "\",\"action\":\"" + action + "\",\"date_action\":\"" + dateAction
                + "\",\"service_name\":\"" + service + "\",\"service_title\":\"" + service + " title\",\"url\":\""
                + url + "\"}";
        synchronized (this) {
            journal.add(item);
        }
        return this;
    }

    public FakePortal statuses(String answer) {
        statuses = answer;
        return this;
    }

    public FakePortal pageSize(int size) {
        pageSize = size;
        return this;
    }

    /** Pages the journal too (0: one answer). */
    public FakePortal journalPageSize(int size) {
        journalPageSize = size;
        return this;
    }

    /** Rewrites the {@code next_page}s the lists give (e.g. drop {@code /v3}, make them absolute). */
    public FakePortal nextPageStyle(UnaryOperator<String> style) {
        nextPageStyle = style;
        return this;
    }

    /** Answers exactly this for this path and query, with 200. */
    public FakePortal answer(String pathAndQuery, String body) {
        answers.put(pathAndQuery, body);
        return this;
    }

    /** The next request, whatever it asks, gets this. */
    public synchronized FakePortal failNext(int status, String retryAfter) {
        return failNext(status, retryAfter, error(status, "Error", "scripted " + status));
    }

    public synchronized FakePortal failNext(int status, String retryAfter, String body) {
        failures.add(new Failure(status, retryAfter, body));
        return this;
    }

    public synchronized FakePortal failNext(int times, int status) {
        for (int i = 0; i < times; i++) {
            failNext(status, null);
        }
        return this;
    }

    /**
     * Every request from now on, whatever it asks, gets this (after the {@link #failNext} ones), until {@link #recover()}:
     * the portal down (500, 503), the token refused (401), throttling (429). {@code retryAfter} is sent as the
     * {@code Retry-After} header when not null ({@code "0"}: the client retries at once).
     */
    public FakePortal failAll(int status, String retryAfter, String body) {
        always = new Failure(status, retryAfter, body);
        return this;
    }

    public FakePortal failAll(int status, String retryAfter) {
        return failAll(status, retryAfter, error(status, "Error", "scripted " + status));
    }

    /** Ends {@link #failAll}: the portal answers again. */
    public FakePortal recover() {
        always = null;
        return this;
    }

    /** The contract is no longer in the list nor at {@code /v3/contract/{id}} (404), nor its full record. */
    public FakePortal removeContract(long id) {
        synchronized (this) {
            contracts.remove(id);
        }
        fullContracts.remove(Long.toString(id));
        return this;
    }

    public FakePortal removeAct(long id) {
        synchronized (this) {
            acts.remove(id);
        }
        return this;
    }

    /** Back to an empty portal that answers and accepts its own token (the requests seen so far are kept). */
    public FakePortal reset() {
        synchronized (this) {
            failures.clear();
            contracts.clear();
            acts.clear();
            journal.clear();
        }
        fullContracts.clear();
        units.clear();
        treasury.clear();
        answers.clear();
        pageSize = 50;
        journalPageSize = 0;
        acceptedToken = token;
        always = null;
        nextPageStyle = UnaryOperator.identity();
        statuses = STATUSES;
        CountDownLatch s = stall;
        stall = null;
        if (s != null) {
            s.countDown();
        }
        return this;
    }

    /** The token this portal was made to accept. */
    public String token() {
        return token;
    }

    /** Tokens other than this one are refused with 401 (the portal's answer to an expired token). */
    public FakePortal acceptToken(String token) {
        acceptedToken = token;
        return this;
    }

    /** Requests get no answer until {@link #close()}. */
    public FakePortal stall() {
        stall = new CountDownLatch(1);
        return this;
    }

    public synchronized List<Request> requests() {
        return List.copyOf(requests);
    }

    public synchronized List<String> paths() {
        return requests.stream().map(Request::pathAndQuery).toList();
    }

    @Override
    public void close() {
        CountDownLatch s = stall;
        if (s != null) {
            s.countDown();
        }
        server.stop(0);
    }

    // ---- serving

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String pathAndQuery = exchange.getRequestURI().getRawPath()
                    + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery());
            Failure failure;
            synchronized (this) {
                requests.add(new Request(pathAndQuery, exchange.getRequestHeaders().getFirst("Authorization"),
                        exchange.getRequestHeaders().getFirst("Accept")));
                failure = failures.poll();
            }
            if (failure == null) {
                failure = always;
            }
            CountDownLatch s = stall;
            if (s != null) {
                awaitQuietly(s);
                return;
            }
            if (failure != null) {
                if (failure.retryAfter() != null) {
                    exchange.getResponseHeaders().add("Retry-After", failure.retryAfter());
                }
                send(exchange, failure.status(), failure.body());
                return;
            }
            if (!("Bearer " + acceptedToken).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                send(exchange, 401, error(401, "Unauthorized", "Your request was made with invalid credentials."));
                return;
            }
            String answer = answers.get(pathAndQuery);
            String body = answer != null ? answer : route(exchange.getRequestURI().getRawPath(),
                    query(exchange.getRequestURI().getRawQuery()));
            if (body == null) {
                send(exchange, 404, error(404, "Not Found", "Страница не найдена."));
            } else {
                send(exchange, 200, body);
            }
        }
    }

    private synchronized String route(String path, Map<String, String> query) {
        switch (path) {
            case "/v3/contract/all":
                return keyset("/v3/contract/all", contracts, query);
            case "/v3/acts":
                return keyset("/v3/acts", acts, query);
            case "/v3/journal":
                return journal(query);
            case "/v3/refs/ref_contract_status":
                return statuses;
            default:
                break;
        }
        Matcher m = ONE.matcher(path);
        if (!m.matches()) {
            return null;
        }
        String id = m.group(2);
        if (m.group(3) != null) {
            return m.group(1).equals("contract") ? units.get(id) : null;
        }
        return switch (m.group(1)) {
            case "contract" -> fullContracts.getOrDefault(id, id.matches("\\d+") ? contracts.get(Long.parseLong(id)) : null);
            case "acts" -> id.matches("\\d+") ? acts.get(Long.parseLong(id)) : null;
            default -> treasury.get(id);
        };
    }

    private String keyset(String path, TreeMap<Long, String> records, Map<String, String> query) {
        long after = query.containsKey("search_after") ? Long.parseLong(query.get("search_after")) : Long.MIN_VALUE;
        List<Long> ids = new ArrayList<>(records.tailMap(after, false).keySet());
        List<Long> page = ids.subList(0, Math.min(pageSize, ids.size()));
        String next = ids.size() > page.size()
                ? nextPageStyle.apply(path + "?page=next&search_after=" + page.get(page.size() - 1)) : "";
        List<String> items = page.stream().map(records::get).toList();
        return envelope(records.size(), next, items);
    }

    private String journal(Map<String, String> query) {
        LocalDate from = query.containsKey("date_from") ? LocalDate.parse(query.get("date_from")) : LocalDate.MIN;
        List<String> items = journal.stream().filter(item -> !date(item).isBefore(from)).toList();
        if (journalPageSize == 0) {
            return "{\"total\":" + items.size() + ",\"limit\":50,\"items\":[" + String.join(",", items) + "]}";
        }
        int pageNo = query.containsKey("page") ? Integer.parseInt(query.get("page")) : 1;
        int start = (pageNo - 1) * journalPageSize;
        List<String> page = items.subList(Math.min(start, items.size()), Math.min(start + journalPageSize, items.size()));
        String next = start + journalPageSize < items.size()
                ? nextPageStyle.apply("/v3/journal?date_from=" + query.get("date_from") + "&page=" + (pageNo + 1)) : "";
        return envelope(items.size(), next, page);
    }

    /** The item's date; an item without a readable one is given always (the poller must judge it). */
    private static LocalDate date(String item) {
        try {
            JsonNode node = JSON.readTree(item);
            return LocalDate.parse(node.get("date_action").asText().substring(0, 10));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            return LocalDate.MAX;
        }
    }

    public static String envelope(int total, String nextPage, List<String> items) {
        return "{\"total\":" + total + ",\"limit\":50,\"next_page\":\"" + nextPage + "\",\"items\":["
                + String.join(",", items) + "]}";
    }

    public static String error(int status, String name, String message) {
        return "{\"name\":\"" + name + "\",\"message\":\"" + message + "\",\"code\":0,\"status\":" + status
                + ",\"type\":\"yii\\\\web\\\\HttpException\"}";
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> out = new LinkedHashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                out.put(URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
                        eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json; charset=UTF-8");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
