package kz.digitaltenge.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import kz.digitaltenge.canonical.money.Tiyn;
import kz.digitaltenge.hub.OracleHubApplication;
import kz.digitaltenge.hub.api.TransactionJson.InputJson;
import kz.digitaltenge.hub.api.TransactionJson.OutputJson;
import kz.digitaltenge.hub.api.TransactionJson.TransactionRequest;
import kz.digitaltenge.hub.demo.DemoClient;
import kz.digitaltenge.routes.livestock.testing.LivestockEvent;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Holds released end to end: an animal's owner change posted to the livestock intake, as the identification system's
 * adapter would, answered once the hub has signed and stored the fact, decided it by the loan's rules and committed
 * the RELEASE to the seller (the settlement runs in the intake's request). Against the hub in this JVM on its embedded
 * defaults; {@code --release-loans} loans ({@code 200}) of {@code --release-heads} heads each ({@code 20}: the pilot's
 * loans have 12–40), so an event's decision reads a loan's history as long as the pilot's. The baseline in the same
 * run: the same intake with an occurrence the rules leave unchanged (a dead animal), which stores a fact and moves
 * nothing.
 */
final class ReleasesScenario {
    private static final String EVENTS = "Basic " + Base64.getEncoder().encodeToString("events:demo-events".getBytes(StandardCharsets.UTF_8));

    private final BenchConfig cfg;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .executor(java.util.concurrent.Executors.newFixedThreadPool(8)).build();
    private URI base;

    private ReleasesScenario(BenchConfig cfg) {
        this.cfg = cfg;
    }

    static List<Result> run(BenchConfig cfg) throws Exception {
        return new ReleasesScenario(cfg).run();
    }

    private record Loan(String number, String borrower) {
    }

    private List<Result> run() throws Exception {
        Path dataDir = cfg.workDir.resolve("hub-releases-" + System.nanoTime()).toAbsolutePath();
        Files.createDirectories(dataDir);
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("hub.data-dir", dataDir.toString());
        props.put("server.port", "0");
        props.put("hub.hazelcast.port", "45901");
        props.put("hub.hazelcast.cluster-name", "bench-releases-" + System.nanoTime());
        props.put("hub.db.pool-size", "32");
        props.put("hub.db.statement-statistics", "true");
        props.put("server.tomcat.threads.max", "256");
        props.put("logging.level.root", "WARN");
        props.put("logging.level.kz.digitaltenge", "WARN");
        String[] args = props.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
        List<Result> results = new ArrayList<>();
        try (ConfigurableApplicationContext hub = new SpringApplicationBuilder(OracleHubApplication.class).profiles("demo").run(args)) {
            base = URI.create("http://127.0.0.1:" + ((WebServerApplicationContext) hub).getWebServer().getPort() + "/");
            List<Loan> loans = setup(cfg.releaseLoans, cfg.releaseHeads);
            int total = cfg.releaseLoans * cfg.releaseHeads;
            System.out.printf("  releases: %d loans of %d heads held; %d owner changes to send%n", loans.size(), cfg.releaseHeads, total);
            StatementCounts pg = new StatementCounts(hub.getBean(javax.sql.DataSource.class));
            pg.start();
            Result baseline = LoadDriver.run("event stored, nothing moves (baseline)", 32, cfg.warmup, Duration.ofHours(1),
                    Math.min(2000, total), seq -> post(animal(loans, seq, "DEATH", 90_000_000L), "UNCHANGED"));
            results.add(baseline);
            pg.print(baseline.name(), Math.min(2000, total));
            pg.start();
            System.out.printf("  %s: %.0f/s, p99 %.1f ms%n", baseline.name(), baseline.opsPerSecond(), baseline.p99Millis());
            // the first --warmup-seconds of each pass are not counted (the JIT compiles the path meanwhile; the profile of a
            // pass measured from its first request had a quarter of its samples in the C2 compiler)
            Result released = LoadDriver.run("hold released (owner change → RELEASE)", 32, cfg.warmup, Duration.ofHours(1), total,
                    seq -> post(animal(loans, seq, "OWNER_CHANGE", 0L), "ACCEPTED"));
            results.add(released);
            pg.print(released.name(), total);
            System.out.printf("  %s: %.0f/s, p99 %.1f ms%n", released.name(), released.opsPerSecond(), released.p99Millis());
            long heldLeft = 0;
            for (Loan l : loans) {
                heldLeft += Tiyn.parse(new DemoClient(base, System.out).getJson("/api/programmable/events/LOAN-" + l.number(),
                        DemoClient.Users.demo().admin()).path("heldNow").asText());
            }
            System.out.printf("  releases: held after every animal was paid: %s (0.00 expected)%n", Tiyn.format(heldLeft));
        }
        return results;
    }

    /** The seq-th animal: loan seq % loans, an individual number of its own. */
    private static byte[] animal(List<Loan> loans, long seq, String kind, long offset) {
        Loan loan = loans.get((int) (seq % loans.size()));
        String number = String.format("KZA1%08d", seq + offset);
        LivestockEvent e = LivestockEvent.animal(kind, "bench-" + kind + "-" + seq, loan.number(), number, loan.borrower(),
                Instant.now().toString());
        return e.json().getBytes(StandardCharsets.UTF_8);
    }

    private CompletableFuture<?> post(byte[] body, String expected) {
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/api/intake/livestock")).timeout(Duration.ofSeconds(60))
                .header("Authorization", EVENTS).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenApply(r -> {
            if (r.statusCode() != 202) {
                throw new IllegalStateException(r.statusCode() + " " + r.body());
            }
            return r;
        });
    }

    private List<Loan> setup(int count, int heads) throws Exception {
        DemoClient hub = new DemoClient(base, System.out);
        DemoClient.Users users = DemoClient.Users.demo();
        String bic = DemoClient.bic();
        DemoClient.Party bank = hub.party("Bench lender", List.of("BANK"), bic);
        DemoClient.Party issuer = hub.party("Bench issuer", List.of("ISSUER"), DemoClient.bic());
        String lender = hub.account(bank.id(), "COMPANY", bic);
        String seller = hub.account(hub.party("Bench seller", List.of(), null).id(), "COMPANY", bic);
        long price = 10_000; // 100.00 a head
        long perLoan = heads * price;
        String coin = hub.submit(users.issuer(), new TransactionRequest("ISSUE", "bench-rel-fund-" + System.nanoTime(), List.of(),
                List.of(new OutputJson(lender, Tiyn.format(perLoan * count))), null), issuer).json().path("txId").asText();
        List<Loan> loans = new ArrayList<>();
        int index = 0;
        long left = perLoan * count;
        String validUntil = Instant.now().plus(Duration.ofDays(30)).toString();
        for (int i = 0; i < count; i++) {
            String number = "BR-" + System.nanoTime() % 1_000_000_000L + "-" + i;
            String borrower = kz.digitaltenge.ledger.testing.TestParties.newPartyId().value();
            LivestockEvent loan = LivestockEvent.loan(number, lender, seller, borrower, validUntil,
                    new LivestockEvent.Line("1", heads, Tiyn.format(price)));
            hub.call("POST", "/api/intake/livestock", users.events(), "application/json", loan.json().getBytes(StandardCharsets.UTF_8), 202);
            String event = "LOAN-" + number;
            String approval = hub.call("POST", "/api/programmable/events/" + event + "/hold-approvals", users.treasury(),
                    "application/json", DemoClient.json(Map.of("amount", Tiyn.format(perLoan))), 201).json().path("factId").asText();
            String eventFact = hub.getJson("/api/programmable/events/" + event, users.admin()).path("factId").asText();
            left -= perLoan;
            List<OutputJson> outs = new ArrayList<>(List.of(new OutputJson(lender, Tiyn.format(perLoan), null, "EVENT:" + event)));
            if (left > 0) {
                outs.add(new OutputJson(lender, Tiyn.format(left)));
            }
            JsonNode held = hub.submit(users.treasury(), new TransactionRequest("HOLD", "bench-rel-hold-" + number,
                    List.of(new InputJson(coin, index)), outs, List.of(eventFact, approval), null), bank).json();
            coin = held.path("txId").asText();
            index = 1;
            loans.add(new Loan(number, borrower));
        }
        return loans;
    }
}
