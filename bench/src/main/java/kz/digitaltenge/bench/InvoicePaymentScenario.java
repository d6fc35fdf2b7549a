package kz.digitaltenge.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import kz.digitaltenge.hub.OracleHubApplication;
import kz.digitaltenge.hub.api.TransactionJson;
import kz.digitaltenge.routes.einvoice.testing.InvoiceDocument;
import kz.digitaltenge.routes.erp1c.testing.PaymentOrderFile;
import kz.digitaltenge.ledger.crypto.Keys;
import kz.digitaltenge.ledger.crypto.SignatureAlgorithm;
import kz.digitaltenge.canonical.id.AccountNumber;
import kz.digitaltenge.canonical.id.PartyId;
import kz.digitaltenge.ledger.tx.Transaction;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Invoice paid end to end (Digital VAT), against the hub running in this JVM on its embedded defaults (embedded
 * PostgreSQL with fsync, one Hazelcast member) and the demo profile's users, through its HTTP API only:
 * <ol>
 *   <li>setup: parties, accounts delegated to the payment agent, buyers funded, and invoices registered through the
 *       fact pipeline as InvoiceV2 XML (that rate is reported too: invoice events/s);</li>
 *   <li>{@code invoice-paid max}: closed loop, many orders in flight — JSON payment orders, each paying one invoice in
 *       full: checked against the registry, VAT split, signed by the payment agent, committed, answered EXECUTED;</li>
 *   <li>{@code invoice-paid @rate}: open loop at a fixed rate (default 1 000/s), latency measured from each order's
 *       <em>scheduled</em> start (no coordinated omission);</li>
 *   <li>{@code status delivered}: for the fixed-rate orders, from the scheduled start to the arrival of the invoice's
 *       PAID status at an HTTP sink standing in for the e-invoice IS.</li>
 * </ol>
 */
final class InvoicePaymentScenario {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] ADMIN = {"admin", "demo-admin"};
    private static final String[] ISSUER = {"issuer", "demo-issuer"};
    private static final String[] TAX = {"tax", "demo-tax"};
    private static final String[] BANK = {"bank", "demo-bank"};
    private static final String AGENT = "990340000024";
    private static final long NET = 100_000; // 1 000.00 per invoice
    private static final long VAT = 12_000;

    private final BenchConfig cfg;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .executor(java.util.concurrent.Executors.newFixedThreadPool(8)).build();
    private URI base;
    private final Map<String, Long> statusArrivals = new ConcurrentHashMap<>();
    private long serial;

    private InvoicePaymentScenario(BenchConfig cfg) {
        this.cfg = cfg;
    }

    record Party(String bin, String account) {
    }

    static List<Result> run(BenchConfig cfg) throws Exception {
        return new InvoicePaymentScenario(cfg).run();
    }

    private List<Result> run() throws Exception {
        HttpServer sink = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 256);
        sink.createContext("/statuses", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            JsonNode status = JSON.readTree(body);
            if ("PAID".equals(status.path("status").asText())) {
                statusArrivals.putIfAbsent(status.path("registrationNumber").asText(), System.nanoTime());
            }
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        sink.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4));
        sink.start();
        Path dataDir = cfg.workDir.resolve("hub-" + System.nanoTime()).toAbsolutePath();
        Files.createDirectories(dataDir);
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("hub.data-dir", dataDir.toString());
        props.put("server.port", "0");
        props.put("hub.hazelcast.port", "45701");
        props.put("hub.hazelcast.cluster-name", "bench-" + System.nanoTime());
        props.put("hub.payments.einvoice-status-url", "http://127.0.0.1:" + sink.getAddress().getPort() + "/statuses");
        props.put("hub.db.pool-size", "32");
        props.put("hub.db.statement-statistics", "true");
        props.put("logging.level.root", "WARN");
        props.put("logging.level.kz.digitaltenge", "WARN");
        props.put("server.tomcat.threads.max", "256");
        List<Result> results = new ArrayList<>();
        // as command-line arguments: they win over the demo profile's own settings (its data directory)
        String[] args = props.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
        try (ConfigurableApplicationContext hub = new SpringApplicationBuilder(OracleHubApplication.class).profiles("demo").run(args)) {
            base = URI.create("http://127.0.0.1:" + ((WebServerApplicationContext) hub).getWebServer().getPort() + "/");
            long perRate = cfg.warmup.toSeconds() + cfg.duration.toSeconds();
            int fixedCount = 0;
            for (int rate : cfg.invoiceEventsOnly ? new int[0] : cfg.invoiceRates) {
                fixedCount += (int) (rate * perRate);
            }
            int maxCount = cfg.invoices;
            int total = maxCount + fixedCount;
            System.out.printf("  invoice-paid: %d buyers, %d sellers, %d invoices (%d for the closed loop, %d for the open loops at %s/s)%n",
                    cfg.invoiceBuyers, Math.max(1, cfg.invoiceBuyers / 4), total, maxCount, fixedCount,
                    java.util.Arrays.toString(cfg.invoiceRates));
            List<Party> buyers = new ArrayList<>();
            List<Party> sellers = new ArrayList<>();
            setup(buyers, sellers);
            List<String[]> invoices = new ArrayList<>();
            StatementCounts pg = new StatementCounts(hub.getBean(javax.sql.DataSource.class));
            pg.start();
            Result registered = registerInvoices(total, buyers, sellers, invoices);
            results.add(registered);
            pg.print(registered.name(), total);
            System.out.printf("  %s: %.0f/s, p99 %.1f ms%n", registered.name(), registered.opsPerSecond(), registered.p99Millis());
            if (cfg.invoiceEventsOnly) {
                return results;
            }

            AtomicLong next = new AtomicLong();
            pg.start();
            Result max = LoadDriver.run("invoice-paid max (closed loop)", cfg.invoiceInFlight, cfg.warmup, cfg.duration, maxCount,
                    seq -> pay(invoices.get((int) next.getAndIncrement())));
            results.add(max);
            pg.print(max.name(), next.get());
            System.out.printf("  %s: %.0f/s, p99 %.1f ms%n", max.name(), max.opsPerSecond(), max.p99Millis());

            // the floor of any request on this machine: an authenticated JSON call that reads and writes nothing
            Result floor = LoadDriver.run("HTTP floor: GET /api/me (closed loop)", cfg.invoiceInFlight, cfg.warmup, cfg.duration,
                    Long.MAX_VALUE, seq -> send("GET", "/api/me", BANK, "application/json", new byte[0]).thenApply(r -> {
                        if (r.statusCode() != 200) {
                            throw new IllegalStateException("GET /api/me: " + r.statusCode());
                        }
                        return r;
                    }));
            results.add(floor);
            System.out.printf("  %s: %.0f/s, p99 %.1f ms; a payment costs %.1f of these%n", floor.name(), floor.opsPerSecond(),
                    floor.p99Millis(), floor.opsPerSecond() / Math.max(1e-9, max.opsPerSecond()));

            int from = maxCount;
            for (int rate : cfg.invoiceRates) {
                int n = (int) (rate * perRate);
                results.addAll(fixedRate(invoices.subList(from, from + n), rate));
                from += n;
            }
        } finally {
            sink.stop(0);
        }
        return results;
    }

    /** Open loop: order i is scheduled at start + i/rate; its latency counts from then, whenever it really started. */
    private List<Result> fixedRate(List<String[]> invoices, int rate) throws Exception {
        Recorder paid = new Recorder(3);
        Recorder status = new Recorder(3);
        AtomicLong ok = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        String[] firstError = new String[1];
        Semaphore cap = new Semaphore(4096);
        long warmupOps = rate * cfg.warmup.toSeconds();
        long start = System.nanoTime() + 50_000_000L;
        long interval = 1_000_000_000L / rate;
        Map<String, Long> scheduled = new ConcurrentHashMap<>();
        CpuMeter cpu = null;
        List<CompletableFuture<?>> all = new ArrayList<>();
        for (int i = 0; i < invoices.size(); i++) {
            long at = start + i * interval;
            long wait;
            while ((wait = at - System.nanoTime()) > 0) {
                LockSupport.parkNanos(Math.min(wait, 200_000));
            }
            if (i == warmupOps) {
                cpu = new CpuMeter();
                Profiling.start();
            }
            boolean measured = i >= warmupOps;
            String reg = invoices.get(i)[0];
            if (measured) {
                scheduled.put(reg, at);
            }
            cap.acquireUninterruptibly();
            CompletableFuture<?> f = pay(invoices.get(i)).whenComplete((r, e) -> {
                cap.release();
                if (!measured) {
                    return;
                }
                if (e == null) {
                    ok.incrementAndGet();
                    paid.recordValue(Math.max(0, System.nanoTime() - at));
                } else {
                    failed.incrementAndGet();
                    if (firstError[0] == null) {
                        firstError[0] = String.valueOf(e);
                    }
                }
            });
            all.add(f);
        }
        long lastScheduled = start + (invoices.size() - 1) * interval;
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).exceptionally(e -> null).join();
        String cpuSummary = cpu == null ? "" : cpu.summary() + cpu.perOperation(ok.get());
        Profiling.stop("invoice paid, open loop");
        double seconds = (lastScheduled - (start + warmupOps * interval)) / 1e9;
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (statusArrivals.keySet().containsAll(scheduled.keySet()) == false && System.nanoTime() < deadline) {
            LockSupport.parkNanos(10_000_000L); // waiting for the last statuses to arrive at the sink
        }
        long missing = 0;
        for (Map.Entry<String, Long> e : scheduled.entrySet()) {
            Long arrived = statusArrivals.get(e.getKey());
            if (arrived == null) {
                missing++;
            } else {
                status.recordValue(Math.max(0, arrived - e.getValue()));
            }
        }
        Histogram h = paid.getIntervalHistogram();
        Histogram s = status.getIntervalHistogram();
        Result payments = new Result("invoice-paid @" + rate + "/s (open loop)", ok.get(), failed.get(), seconds, h,
                cpuSummary + (firstError[0] == null ? "" : "; first failure: " + firstError[0]));
        Result statuses = new Result("status delivered @" + rate + "/s", s.getTotalCount(), missing, seconds, s,
                "from the order's scheduled start to the PAID status at the IS sink");
        System.out.printf("  %s: %.0f/s, p50 %.1f ms, p99 %.1f ms, max %.1f ms%n", payments.name(), payments.opsPerSecond(),
                payments.p50Millis(), payments.p99Millis(), payments.maxMillis());
        System.out.printf("  %s: p50 %.1f ms, p99 %.1f ms (%d missing)%n", statuses.name(), statuses.p50Millis(), statuses.p99Millis(), missing);
        return List.of(payments, statuses);
    }

    private CompletableFuture<?> pay(String[] invoice) {
        String order = PaymentOrderFile.json(new PaymentOrderFile.Order("P" + invoice[0].substring(invoice[0].length() - 8),
                LocalDate.now(java.time.ZoneId.of("Asia/Almaty")), NET + VAT, "Buyer " + invoice[1], invoice[1], invoice[2],
                "Seller " + invoice[3], invoice[3], invoice[4], "Оплата по ЭСФ " + invoice[0]), invoice[0], null);
        return send("POST", "/api/erp-1c/payment-orders", BANK, "application/json", order.getBytes(StandardCharsets.UTF_8)).thenApply(r -> {
            if (r.statusCode() != 200 || !r.body().contains("\"EXECUTED\"")) {
                throw new IllegalStateException("order for " + invoice[0] + ": " + r.statusCode() + " " + r.body());
            }
            return r;
        });
    }

    private Result registerInvoices(int count, List<Party> buyers, List<Party> sellers, List<String[]> out) {
        String[][] made = new String[count][];
        LocalDate today = LocalDate.now(java.time.ZoneId.of("Asia/Almaty"));
        Result r = LoadDriver.run("invoice events registered (XML)", 32, cfg.warmup, Duration.ofHours(1), count, seq -> {
            int i = (int) seq;
            Party buyer = buyers.get(i % buyers.size());
            Party seller = sellers.get(i % sellers.size());
            String reg = String.format("ESF-%s-%08d", seller.bin(), i);
            byte[] xml = InvoiceDocument.invoice(Integer.toString(i + 1), today, seller.bin(), "Seller " + seller.bin(), seller.account(),
                    buyer.bin(), "Buyer " + buyer.bin(), null, List.of(new InvoiceDocument.Line("Goods", 1, NET, 12)));
            made[i] = new String[] {reg, buyer.bin(), buyer.account(), seller.bin(), seller.account()};
            return send("POST", "/api/einvoice/invoices?registrationNumber=" + reg + "&status=CREATED", TAX, "application/xml", xml)
                    .thenApply(resp -> {
                        if (resp.statusCode() != 202) {
                            throw new IllegalStateException("invoice " + reg + ": " + resp.statusCode() + " " + resp.body());
                        }
                        return resp;
                    });
        });
        for (String[] m : made) {
            out.add(m);
        }
        return r;
    }

    private void setup(List<Party> buyers, List<Party> sellers) throws Exception {
        String bic = "BNCHKZKX";
        KeyPair issuerKeys = Keys.generate(SignatureAlgorithm.ED25519);
        String issuer = party("Bench issuer", List.of("ISSUER"), bic);
        call("POST", "/api/ledger/participants/" + issuer + "/keys", ADMIN, json(Map.of("keyId", "bench-issuer", "algorithm", "ED25519",
                "publicKey", Keys.base64(issuerKeys.getPublic().getEncoded()))));
        int nSellers = Math.max(1, cfg.invoiceBuyers / 4);
        for (int i = 0; i < cfg.invoiceBuyers; i++) {
            String bin = party("Buyer " + i, List.of(), null);
            String acc = account(bin, bic);
            call("POST", "/api/ledger/accounts/" + acc + "/delegations", ADMIN, json(Map.of("delegate", AGENT)));
            buyers.add(new Party(bin, acc));
        }
        for (int i = 0; i < nSellers; i++) {
            String bin = party("Seller " + i, List.of(), null);
            sellers.add(new Party(bin, account(bin, bic)));
        }
        for (int from = 0; from < buyers.size(); from += 32) { // a transaction has at most 32 outputs
            List<TransactionJson.OutputJson> outs = new ArrayList<>();
            for (Party b : buyers.subList(from, Math.min(buyers.size(), from + 32))) {
                outs.add(new TransactionJson.OutputJson(b.account(), "10000000.00"));
            }
            TransactionJson.TransactionRequest issue = new TransactionJson.TransactionRequest("ISSUE", "bench-fund-" + from, List.of(),
                    outs, null);
            Transaction tx = TransactionJson.toTransaction(issue);
            issue = issue.withSignature(new TransactionJson.SignatureJson("bench-issuer",
                    Base64.getEncoder().encodeToString(Keys.sign(SignatureAlgorithm.ED25519, issuerKeys.getPrivate(), tx.id().bytes()))));
            call("POST", "/api/ledger/transactions", ISSUER, json(issue));
        }
    }

    private String party(String name, List<String> roles, String bic) throws Exception {
        String id;
        while (true) {
            String first11 = String.format("%011d", 70_000_000_000L + serial++ * 7919L);
            int check = PartyId.checkDigit(first11);
            if (check >= 0) {
                id = first11 + check;
                break;
            }
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("partyId", id);
        body.put("name", name);
        body.put("roles", roles);
        if (bic != null) {
            body.put("bic", bic);
        }
        call("POST", "/api/ledger/participants", ADMIN, json(body));
        return id;
    }

    private String account(String owner, String bic) throws Exception {
        String number = AccountNumber.of("601", String.format("%013d", 5_000_000_000L + serial++)).value();
        call("POST", "/api/ledger/accounts", ADMIN, json(Map.of("number", number, "owner", owner, "kind", "COMPANY", "servicer", bic)));
        return number;
    }

    private void call(String method, String path, String[] user, byte[] body) throws Exception {
        HttpResponse<String> r = send(method, path, user, "application/json", body).get();
        if (r.statusCode() / 100 != 2) {
            throw new IllegalStateException(method + " " + path + ": " + r.statusCode() + " " + r.body());
        }
    }

    private CompletableFuture<HttpResponse<String>> send(String method, String path, String[] user, String contentType, byte[] body) {
        HttpRequest request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(120))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user[0] + ":" + user[1]).getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", contentType)
                .method(method, HttpRequest.BodyPublishers.ofByteArray(body)).build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString());
    }

    private static byte[] json(Object value) {
        try {
            return JSON.writeValueAsBytes(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
