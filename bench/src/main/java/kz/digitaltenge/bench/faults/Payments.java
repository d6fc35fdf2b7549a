package kz.digitaltenge.bench.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import kz.digitaltenge.bench.faults.ClusterEnv.Answer;
import kz.digitaltenge.bench.faults.ClusterEnv.Target;
import kz.digitaltenge.hub.api.TransactionJson.OutputJson;
import kz.digitaltenge.hub.api.TransactionJson.TransactionRequest;
import kz.digitaltenge.routes.erp1c.testing.PaymentOrderFile;

/**
 * Invoice payments in the workload (Digital VAT through 1C's JSON payment orders): buyers whose accounts delegate to
 * the hub's payment agent, funded by the issuer; invoices registered over Kafka ({@link KafkaLoad#invoice}); then,
 * for every invoice, at once:
 * <ul>
 *   <li>order <b>A</b> paying it in full, delivered <em>twice</em> — to one hub and to the load balancer (a 1C
 *       plug-in that timed out and sent again while the first was still running): it must be paid once, and both
 *       deliveries told the same;</li>
 *   <li>order <b>B</b>, another number, paying the same invoice in full, to another hub (a second order for an
 *       invoice already being paid): at most one of A and B pays.</li>
 * </ul>
 * Each delivery is resent by its client (the same order, to the next target) on an error, a timeout or
 * {@code UNAVAILABLE}, like {@link Client}. Every request and answer goes to the history ({@code op: pay}).
 */
final class Payments implements Runnable {
    static final String AGENT_PARTY = "990340000024";      // the hub's payment agent (hub.payments.agent-party-id)
    static final long NET = 100_000;                        // 1,000.00 an invoice
    static final long VAT = 12_000;                         // 12 %
    private static final int BUYERS = 4;

    private final ClusterEnv env;
    private final History history;
    private final Client client;
    private final Coins coins;
    private final KafkaLoad kafka;
    private final ExecutorService pool;
    private final String run;
    private final List<String[]> buyers = new ArrayList<>();   // {bin, account}
    private final List<String[]> sellers = new ArrayList<>();
    private final BlockingQueue<String[]> ready = new LinkedBlockingQueue<>();  // registered invoices
    private int invoiceSeq;
    volatile double invoicesPerSecond;
    volatile boolean stopped;
    volatile String phase = "baseline";
    final java.util.concurrent.atomic.AtomicInteger paidFor = new java.util.concurrent.atomic.AtomicInteger();
    final Thread thread = new Thread(this, "payments");
    private final java.util.concurrent.atomic.AtomicInteger unanswered = new java.util.concurrent.atomic.AtomicInteger();
    volatile Workload workload;                              // whose phase (the fault running) the lines carry

    Payments(ClusterEnv env, History history, Client client, Coins coins, KafkaLoad kafka, ExecutorService pool, String run,
             double invoicesPerSecond) {
        this.env = env;
        this.history = history;
        this.client = client;
        this.coins = coins;
        this.kafka = kafka;
        this.pool = pool;
        this.run = run;
        this.invoicesPerSecond = invoicesPerSecond;
    }

    /** Buyers (delegated to the payment agent, each funded with 8 outputs of 100,000.00) and sellers. */
    void setUp() {
        for (int i = 0; i < BUYERS; i++) {
            String bin = Coins.partyId();
            coins.register("participants", "{\"partyId\":\"" + bin + "\",\"name\":\"Fault suite buyer " + run + "-" + i + "\",\"roles\":[]}");
            String acc = Coins.accountNumber();
            coins.register("accounts", "{\"number\":\"" + acc + "\",\"owner\":\"" + bin + "\",\"kind\":\"COMPANY\",\"servicer\":\"HSBKKZKX\"}");
            coins.register("accounts/" + acc + "/delegations", "{\"delegate\":\"" + AGENT_PARTY + "\"}");
            buyers.add(new String[] {bin, acc});
            String seller = Coins.partyId();
            coins.register("participants", "{\"partyId\":\"" + seller + "\",\"name\":\"Fault suite seller " + run + "-" + i + "\",\"roles\":[]}");
            String sacc = Coins.accountNumber();
            coins.register("accounts", "{\"number\":\"" + sacc + "\",\"owner\":\"" + seller + "\",\"kind\":\"COMPANY\",\"servicer\":\"HSBKKZKX\"}");
            sellers.add(new String[] {seller, sacc});
        }
        List<OutputJson> outs = new ArrayList<>();
        for (String[] b : buyers) {
            for (int k = 0; k < 32 / BUYERS; k++) {
                outs.add(new OutputJson(b[1], "100000.00"));
            }
        }
        coins.issue(new TransactionRequest("ISSUE", run + "-fund-buyers", List.of(), outs, null));
    }

    /** Registers {@code count} more invoices over Kafka and waits (bounded) until the hubs hold them as facts. */
    void registerInvoices(int count, long waitMs) throws Exception {
        List<String[]> made = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int n = invoiceSeq++;
            String[] buyer = buyers.get(n % buyers.size());
            String[] seller = sellers.get(n % sellers.size());
            String reg = "ESF-" + seller[0] + "-" + run.toUpperCase() + "-" + n;
            kafka.invoice(reg, seller[0], buyer[0], NET, VAT, phase);
            made.add(new String[] {reg, buyer[0], buyer[1], seller[0], seller[1], Integer.toString(n)});
        }
        kafka.flush();
        long deadline = System.currentTimeMillis() + waitMs;
        List<String[]> pending = new ArrayList<>(made);
        try (Connection db = DriverManager.getConnection(env.dbUrl(), "hub", env.dbPassword())) {
            while (!pending.isEmpty() && System.currentTimeMillis() < deadline) {
                List<String[]> still = new ArrayList<>();
                for (String[] inv : pending) {
                    if (registered(db, inv[0])) {
                        ready.add(inv);
                    } else {
                        still.add(inv);
                    }
                }
                pending = still;
                if (!pending.isEmpty()) {
                    Client.pause(500);
                }
            }
        }
    }

    static boolean registered(Connection db, String reg) throws Exception {
        try (PreparedStatement ps = db.prepareStatement("select 1 from facts where type = 'INVOICE_REGISTERED' and subject = ?")) {
            ps.setString(1, reg);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    int ready() {
        return ready.size();
    }

    /** The JSON order paying {@code invoice} in full; {@code which} is "a" or "b". */
    String order(String[] invoice, String which) {
        return PaymentOrderFile.json(new PaymentOrderFile.Order(run.toUpperCase() + "-" + invoice[5] + which,
                LocalDate.now(ZoneId.of("Asia/Almaty")), NET + VAT, "Buyer " + invoice[1], invoice[1], invoice[2],
                "Seller " + invoice[3], invoice[3], invoice[4], "Оплата по ЭСФ " + invoice[0]), invoice[0], null);
    }

    /** Writes one payment request line; returns its outcome: EXECUTED, REFUSED (with the reason), or an error. */
    static String record(History history, ObjectNode n, Target t, Answer a) {
        String outcome = Client.answerFields(n, t, a);
        if (outcome == null) {
            JsonNode j = a.json();
            String status = j == null ? "" : j.path("status").asText();
            if (j != null && j.hasNonNull("id")) {
                n.put("order", j.path("id").asLong());
            }
            if (status.equals("EXECUTED")) {
                outcome = "EXECUTED";
                n.put("transactionId", j.path("transactionId").asText());
            } else if (status.equals("REFUSED") || status.equals("AWAITING_CONFIRMATION")) {
                outcome = status;
                n.put("reason", j.path("reasonCode").asText(null));
            } else if (j != null && j.hasNonNull("reason")) {
                outcome = "REFUSED";
                n.put("reason", j.path("reason").asText());
            } else {
                outcome = "HTTP_ERROR";
                n.put("error", Client.errorText(a));
            }
        }
        n.put("outcome", outcome);
        history.write(n);
        return outcome;
    }

    static boolean again(String outcome, ObjectNode n) {
        return outcome.equals("TIMEOUT") || outcome.equals("CONN_ERROR") || outcome.equals("HTTP_ERROR")
                || (outcome.equals("REFUSED") && "UNAVAILABLE".equals(n.path("reason").asText()));
    }

    /** One delivery of an order, resent on errors to the next target; the last outcome. */
    String deliver(String[] invoice, String which, String body, int firstTarget, String p, int delivery) {
        String last = "NONE";
        for (int a = 1; a <= Client.ATTEMPTS; a++) {
            Target t = env.all.get((firstTarget + a - 1) % env.all.size());
            Answer ans = env.post(t, "/api/erp-1c/payment-orders", "bank", body, Client.REQUEST_TIMEOUT);
            ObjectNode n = History.line("request").put("op", "pay").put("invoice", invoice[0]).put("orderKey", invoice[0] + "/" + which)
                    .put("delivery", delivery).put("attempt", a).put("phase", p).put("body", body);
            last = record(history, n, t, ans);
            if (!again(last, n)) {
                return last;
            }
            Client.pause(300);
        }
        return last;
    }

    /** Stops taking invoices; waits (bounded) until every delivery started has its last answer. */
    void stop() throws InterruptedException {
        stopped = true;
        thread.join(65_000);
        Client.until((Client.REQUEST_TIMEOUT.toMillis() + 1000) * Client.ATTEMPTS, 100, () -> unanswered.get() == 0);
    }

    @Override
    public void run() {
        while (!stopped) {
            if (ready.size() < 10) {
                try {
                    registerInvoices(50, 60_000);          // more invoices, registered over Kafka while the faults go on
                } catch (Exception e) {
                    System.out.println("  (payments: registering invoices failed: " + e + ")");
                }
            }
            String[] inv;
            try {
                inv = ready.poll(500, java.util.concurrent.TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                return;
            }
            if (inv == null) {
                continue;
            }
            int n = Integer.parseInt(inv[5]);
            Workload w = workload;
            String p = w != null && !"after".equals(phase) ? w.phase : phase;
            String a = order(inv, "a");
            String b = order(inv, "b");
            CountDownLatch gate = new CountDownLatch(1);
            int hub = n % 3;
            List<Runnable> deliveries = List.of(
                    () -> deliver(inv, "a", a, hub, p, 1),
                    () -> deliver(inv, "a", a, 3, p, 2),                  // the same order again, through the load balancer
                    () -> deliver(inv, "b", b, (hub + 1) % 3, p, 1));     // another order for the same invoice
            for (Runnable d : deliveries) {
                unanswered.incrementAndGet();
                pool.submit(() -> {
                    try {
                        gate.await();
                        d.run();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    } finally {
                        unanswered.decrementAndGet();
                    }
                });
            }
            gate.countDown();
            paidFor.incrementAndGet();
            Client.pause((long) (1000 / invoicesPerSecond));       // pacing of the load, not a synchronization
        }
    }
}
