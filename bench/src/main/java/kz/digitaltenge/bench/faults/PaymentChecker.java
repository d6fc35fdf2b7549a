package kz.digitaltenge.bench.faults;

import static kz.digitaltenge.bench.faults.FaultSuite.say;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import kz.digitaltenge.bench.faults.ClusterEnv.Answer;
import kz.digitaltenge.bench.faults.ClusterEnv.Target;

/**
 * The payment half of the check ({@link Payments}): first every order whose client got no definite answer is sent
 * again (the same order, as its client would) until it has one; then, from the store ({@code payment_orders},
 * {@code transactions}):
 * <ul>
 *   <li>no order paid twice (at most one committed transaction names {@code payment-order:<id>}), and no invoice
 *       paid twice (at most one of its two orders paid);</li>
 *   <li>every EXECUTED answer names a committed transaction of that order, and all deliveries of one order that got
 *       a definite answer were told the same;</li>
 *   <li>an order refused is not paid; no order is left RECEIVED; an order's status is EXECUTED exactly when it is
 *       paid, with that transaction.</li>
 * </ul>
 */
final class PaymentChecker {
    private final ClusterEnv env;
    private final History history;
    private final Consumer<String> fail;

    PaymentChecker(ClusterEnv env, History history, Consumer<String> fail) {
        this.env = env;
        this.history = history;
        this.fail = fail;
    }

    private static boolean definite(JsonNode r) {
        String o = r.path("outcome").asText();
        return o.equals("EXECUTED") || o.equals("AWAITING_CONFIRMATION")
                || (o.equals("REFUSED") && !"UNAVAILABLE".equals(r.path("reason").asText()));
    }

    private static List<JsonNode> pays(List<JsonNode> lines) {
        return lines.stream().filter(l -> "request".equals(l.path("kind").asText()) && "pay".equals(l.path("op").asText())).toList();
    }

    /** Sends again every order no delivery of which got a definite answer (bounded: 90 s); returns how many. */
    int settle(List<JsonNode> lines) {
        Map<String, JsonNode> lastOf = new LinkedHashMap<>();
        Set<String> answered = new TreeSet<>();
        for (JsonNode r : pays(lines)) {
            String k = r.path("orderKey").asText();
            lastOf.put(k, r);
            if (definite(r)) {
                answered.add(k);
            }
        }
        int resent = 0;
        long deadline = System.currentTimeMillis() + 90_000;
        for (Map.Entry<String, JsonNode> e : lastOf.entrySet()) {
            if (answered.contains(e.getKey())) {
                continue;
            }
            resent++;
            JsonNode r = e.getValue();
            for (int a = 1; ; a++) {
                Target t = env.all.get(a % env.all.size());
                Answer ans = env.post(t, "/api/erp-1c/payment-orders", "bank", r.path("body").asText(), Client.REQUEST_TIMEOUT);
                ObjectNode n = History.line("request").put("op", "pay").put("invoice", r.path("invoice").asText())
                        .put("orderKey", e.getKey()).put("delivery", 9).put("attempt", a).put("phase", "check").put("body", r.path("body").asText());
                String o = Payments.record(history, n, t, ans);
                if (!Payments.again(o, n) || System.currentTimeMillis() > deadline) {
                    break;
                }
                Client.pause(1000);
            }
        }
        return resent;
    }

    private record Order(long id, String number, String reference, String status, String transactionId) {
    }

    void check(Connection db, String run, List<JsonNode> lines) throws Exception {
        List<JsonNode> pays = pays(lines);
        if (pays.isEmpty()) {
            say("== payments: none in this run");
            return;
        }
        String prefix = run.toUpperCase() + "-";
        Map<String, Order> byNumber = new HashMap<>();
        Map<Long, Order> byId = new HashMap<>();
        try (PreparedStatement ps = db.prepareStatement("select id, number, reference, status, transaction_id from payment_orders where number like ?")) {
            ps.setString(1, prefix + "%");
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    byte[] tx = rs.getBytes(5);
                    Order o = new Order(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), tx == null ? null : HexFormat.of().formatHex(tx));
                    byNumber.put(o.number(), o);
                    byId.put(o.id(), o);
                }
            }
        }
        // the committed payments of these orders, by their payment-order:<id> reference
        Map<Long, List<String>> paidBy = new HashMap<>();
        try (PreparedStatement ps = db.prepareStatement("select tx_id, reference from transactions where reference = any(?)")) {
            ps.setArray(1, db.createArrayOf("text", byId.keySet().stream().map(id -> "payment-order:" + id).toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long id = Long.parseLong(rs.getString(2).substring("payment-order:".length()));
                    paidBy.computeIfAbsent(id, k -> new ArrayList<>()).add(HexFormat.of().formatHex(rs.getBytes(1)));
                }
            }
        }
        Map<String, Set<String>> toldPerOrder = new HashMap<>();     // orderKey -> the definite answers its deliveries got
        Map<String, Set<String>> executedTx = new HashMap<>();
        Map<String, Integer> answers = new TreeMap<>();
        Set<String> invoices = new TreeSet<>();
        for (JsonNode r : pays) {
            String k = r.path("orderKey").asText();
            invoices.add(r.path("invoice").asText());
            String o = r.path("outcome").asText();
            answers.merge(o.equals("REFUSED") ? "REFUSED " + r.path("reason").asText() : o, 1, Integer::sum);
            if (definite(r)) {
                toldPerOrder.computeIfAbsent(k, x -> new TreeSet<>()).add(o.equals("EXECUTED") ? "EXECUTED " + r.path("transactionId").asText()
                        : o + " " + r.path("reason").asText());
            }
            if (o.equals("EXECUTED")) {
                executedTx.computeIfAbsent(k, x -> new TreeSet<>()).add(r.path("transactionId").asText());
            }
        }
        Map<String, String> numberOf = new HashMap<>();
        for (JsonNode r : pays) {
            numberOf.computeIfAbsent(r.path("orderKey").asText(), k -> {
                try {
                    return History.JSON.readTree(r.path("body").asText()).path("number").asText();
                } catch (Exception e) {
                    return null;
                }
            });
        }
        int ordersPaidTwice = 0, invoicesPaidTwice = 0, toldDifferent = 0, executedMissing = 0, refusedPaid = 0, leftReceived = 0,
                statusMismatch = 0, noAnswer = 0, paidInvoices = 0;
        for (String inv : invoices) {
            int paidOrders = 0;
            for (String which : List.of("a", "b")) {
                String k = inv + "/" + which;
                Order row = numberOf.get(k) == null ? null : byNumber.get(numberOf.get(k));
                List<String> txs = row == null ? List.of() : paidBy.getOrDefault(row.id(), List.of());
                if (txs.size() > 1) {
                    ordersPaidTwice++;
                    fail.accept("payment order " + k + " (#" + row.id() + ") paid by " + txs.size() + " committed transactions: " + txs);
                }
                if (!txs.isEmpty()) {
                    paidOrders++;
                }
                Set<String> told = toldPerOrder.getOrDefault(k, Set.of());
                if (told.isEmpty()) {
                    noAnswer++;
                } else if (told.size() > 1) {
                    toldDifferent++;
                    fail.accept("the deliveries of payment order " + k + " were told different things: " + told);
                }
                for (String tx : executedTx.getOrDefault(k, Set.of())) {
                    if (!txs.contains(tx)) {
                        executedMissing++;
                        fail.accept("payment order " + k + " answered EXECUTED by " + tx + ", which is not a committed payment of it " + txs);
                    }
                }
                if (told.stream().anyMatch(x -> x.startsWith("REFUSED")) && !txs.isEmpty()) {
                    refusedPaid++;
                    fail.accept("payment order " + k + " was refused (" + told + ") but is paid by " + txs);
                }
                if (row != null) {
                    if (row.status().equals("RECEIVED")) {
                        leftReceived++;
                        fail.accept("payment order " + k + " (#" + row.id() + ") is left RECEIVED after its client's last try");
                    }
                    boolean executed = row.status().equals("EXECUTED");
                    if (executed != !txs.isEmpty() || (executed && !txs.contains(row.transactionId()))) {
                        statusMismatch++;
                        fail.accept("payment order " + k + " (#" + row.id() + ") is " + row.status() + " with " + row.transactionId()
                                + ", its committed payments " + txs);
                    }
                }
            }
            if (paidOrders > 1) {
                invoicesPaidTwice++;
                fail.accept("invoice " + inv + " paid by both of its orders");
            }
            if (paidOrders > 0) {
                paidInvoices++;
            }
        }
        long paid = paidBy.values().stream().mapToLong(List::size).sum();
        say("== payments: " + invoices.size() + " invoices, " + invoices.size() * 2 + " orders (order a delivered twice at once, order b"
                + " a second order for the same invoice), " + pays.size() + " requests (with resends)");
        say("  invoices paid: " + paidInvoices + "; committed payments: " + paid + "; orders paid twice: " + ordersPaidTwice
                + "; invoices paid twice: " + invoicesPaidTwice + "; EXECUTED answers not in the store: " + executedMissing
                + "; deliveries of one order told different things: " + toldDifferent + "; refused yet paid: " + refusedPaid
                + "; left RECEIVED: " + leftReceived + "; status not matching the store: " + statusMismatch
                + "; orders without a definite answer: " + noAnswer);
        say("  every request's answer: " + answers);
    }
}
