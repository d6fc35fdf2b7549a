package kz.digitaltenge.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import kz.digitaltenge.hub.OracleHubApplication;
import kz.digitaltenge.hub.quarantine.Quarantine;
import kz.digitaltenge.hub.quarantine.QuarantinedMessage;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The admin UI's exceptions page with a full quarantine ({@code --quarantined=100000} entries by default), against the
 * hub running in this JVM on its embedded defaults: the calls the page makes for its first screen (who is signed in,
 * the reasons, the groups, the first page of the list), one after the other as the page does, timed from the first
 * to the last answer; and the calls behind paging to the end by cursor, a free-text search and the flows dashboard.
 * The baseline measured in the same run is the first page with an empty quarantine.
 */
final class ExceptionsPageScenario {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BACK_OFFICE = "Basic " + Base64.getEncoder().encodeToString("backoffice:demo-backoffice"
            .getBytes(StandardCharsets.UTF_8));
    private static final String[] SOURCES = {"erp-1c", "einvoice", "subsidy", "livestock", "procurement"};
    private static final String[] REASONS = {"MALFORMED", "SCHEMA_INVALID", "TRUNCATED", "BAD_ENCODING", "NOT_FOUND",
            "BUSINESS_RULE", "UNKNOWN_REFERENCE", "DUPLICATE"};

    private final BenchConfig cfg;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private URI base;

    private ExceptionsPageScenario(BenchConfig cfg) {
        this.cfg = cfg;
    }

    static List<Result> run(BenchConfig cfg) throws Exception {
        return new ExceptionsPageScenario(cfg).run();
    }

    private List<Result> run() throws Exception {
        Path dataDir = cfg.workDir.resolve("hub-exceptions-" + System.nanoTime()).toAbsolutePath();
        Files.createDirectories(dataDir);
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("hub.data-dir", dataDir.toString());
        props.put("server.port", "0");
        props.put("hub.hazelcast.port", "45801");
        props.put("hub.hazelcast.cluster-name", "bench-exceptions-" + System.nanoTime());
        props.put("logging.level.root", "WARN");
        props.put("logging.level.kz.digitaltenge", "WARN");
        String[] args = props.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
        List<Result> results = new ArrayList<>();
        try (ConfigurableApplicationContext hub = new SpringApplicationBuilder(OracleHubApplication.class).profiles("demo").run(args)) {
            base = URI.create("http://127.0.0.1:" + ((WebServerApplicationContext) hub).getWebServer().getPort() + "/");
            results.add(firstScreen("exceptions first screen, empty quarantine (baseline)"));
            Quarantine quarantine = hub.getBean(Quarantine.class);
            long filled = fill(quarantine, cfg.quarantined);
            results.add(firstScreen("exceptions first screen, " + filled + " entries"));
            long last = lastId();
            results.add(timed("next page by cursor at the end", () -> get("/api/quarantine/messages?status=QUARANTINED&size=50&after="
                    + (last - 60))));
            results.add(timed("free-text search (a document number)", () -> get("/api/quarantine/messages?size=50&q=doc-"
                    + (filled / 2) + ".txt")));
            results.add(timed("group filter (reason, source)", () -> get("/api/quarantine/messages?status=QUARANTINED&size=50"
                    + "&reason=TRUNCATED&source=erp-1c")));
            results.add(timed("flows dashboard, last day", () -> get("/api/flows?window=day")));
        }
        return results;
    }

    /** Entries as the sources' failures leave them: original bytes, headers, a reason and its message. */
    private static long fill(Quarantine quarantine, int count) throws Exception {
        long start = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        AtomicLong done = new AtomicLong();
        List<CompletableFuture<Void>> parts = new ArrayList<>();
        int per = Math.max(1, count / 8);
        for (int p = 0; p < 8; p++) {
            int from = p * per;
            int to = p == 7 ? count : from + per;
            parts.add(CompletableFuture.runAsync(() -> {
                for (int i = from; i < to; i++) {
                    String source = SOURCES[i % SOURCES.length];
                    Map<String, String> headers = Map.of("caller", "bank", "fileName", "doc-" + i + ".txt");
                    byte[] body = ("1CClientBankExchange\r\nВерсияФормата=1.03\r\nКодировка=Windows\r\nНомер=" + i + "\r\n")
                            .getBytes(java.nio.charset.Charset.forName("windows-1251"));
                    quarantine.put(QuarantinedMessage.of(source, "doc-" + i + ".txt", source + "-intake", REASONS[i % REASONS.length],
                            "line 9 of document " + i + ": the field is not valid", "text/plain; charset=windows-1251", headers, body));
                    done.incrementAndGet();
                }
            }, pool));
        }
        CompletableFuture.allOf(parts.toArray(CompletableFuture[]::new)).join();
        pool.shutdown();
        pool.awaitTermination(1, TimeUnit.MINUTES);
        System.out.printf("  exceptions: %d entries quarantined in %.1f s%n", done.get(), (System.nanoTime() - start) / 1e9);
        return done.get();
    }

    private long lastId() throws Exception {
        JsonNode page = JSON.readTree(get("/api/quarantine/messages?status=QUARANTINED&size=1&before=" + Long.MAX_VALUE));
        return page.path("items").path(0).path("id").asLong();
    }

    /** The page's first screen: the four calls it makes, one after the other, timed together. */
    private Result firstScreen(String name) throws Exception {
        return timed(name, () -> {
            get("/api/me");
            get("/api/reasons?lang=ru"); // as the page asks, in its language
            get("/api/quarantine/groups?status=QUARANTINED");
            return get("/api/quarantine/messages?status=QUARANTINED&size=50");
        });
    }

    @FunctionalInterface
    private interface Call {
        String run() throws Exception;
    }

    private Result timed(String name, Call call) throws Exception {
        for (int i = 0; i < 5; i++) {
            call.run(); // warm-up
        }
        org.HdrHistogram.Histogram h = new org.HdrHistogram.Histogram(3);
        int n = 30;
        long started = System.nanoTime();
        for (int i = 0; i < n; i++) {
            long t = System.nanoTime();
            call.run();
            h.recordValue(System.nanoTime() - t);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        Result r = new Result(name, n, 0, seconds, h, "sequential, as one user's page; " + n + " times after 5 warm-ups");
        System.out.printf("  %s: p50 %.1f ms, p99 %.1f ms%n", name, r.p50Millis(), r.p99Millis());
        return r;
    }

    private String get(String path) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(60))
                .header("Authorization", BACK_OFFICE).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("GET " + path + " answered " + r.statusCode() + ": " + r.body());
        }
        return r.body();
    }
}
