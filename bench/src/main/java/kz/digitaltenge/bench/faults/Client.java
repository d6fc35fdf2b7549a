package kz.digitaltenge.bench.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import kz.digitaltenge.bench.faults.ClusterEnv.Answer;
import kz.digitaltenge.bench.faults.ClusterEnv.Target;

/**
 * What an honest, stubborn client of the ledger does, and how each of its requests goes into the history: it sends a
 * signed transfer, and on a connection error, a timeout, an HTTP error without a reason or {@code 503 UNAVAILABLE}
 * sends <em>the same signed transfer</em> to the next target; a refusal ({@code ALREADY_SPENT}, {@code INPUT_RESERVED},
 * ...) is final. Used by the workload and by the checker's sweeps.
 */
final class Client {
    static final int ATTEMPTS = 4;                                   // a client's tries of one signed transfer
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);  // above the notary's RESERVE_TIMEOUT (20 s)

    private final ClusterEnv env;
    private final History history;

    Client(ClusterEnv env, History history) {
        this.env = env;
        this.history = history;
    }

    /**
     * What every request line says of its answer: the target, when it was sent and answered, and the HTTP status and
     * the hub that served it — or, when there was no answer, the error; the outcome of that case, else null.
     */
    static String answerFields(ObjectNode n, Target t, Answer a) {
        n.put("target", t.name()).put("sent", a.sent()).put("answered", a.answered());
        if (a.http() == 0) {
            n.put("error", a.error());
            return a.timeout() ? "TIMEOUT" : "CONN_ERROR";
        }
        n.put("http", a.http());
        if (a.servedBy() != null) {
            n.put("servedBy", a.servedBy());
        }
        return null;
    }

    /** An answer without a reason, as the line keeps it: its body, squeezed and cut to 160 characters. */
    static String errorText(Answer a) {
        String b = a.body() == null ? "" : a.body().replaceAll("\\s+", " ");
        return b.length() > 160 ? b.substring(0, 160) : b;
    }

    /** Writes one request line (what was sent where, and the answer); returns the outcome's name. */
    String record(ObjectNode n, Target t, Answer a) {
        String outcome = answerFields(n, t, a);
        if (outcome == null) {
            JsonNode j = a.json();
            if (a.http() == 200 && j != null && "COMMITTED".equals(j.path("status").asText())) {
                outcome = "COMMITTED";
                n.put("seq", j.path("seq").asLong());
            } else if (a.http() < 300) {
                outcome = "OK";
            } else if (j != null && j.hasNonNull("reason")) {
                outcome = "REFUSED";
                n.put("reason", j.path("reason").asText());
            } else {
                outcome = "HTTP_ERROR";
                n.put("error", errorText(a));
            }
        }
        n.put("outcome", outcome);
        history.write(n);
        return outcome;
    }

    /** Whether the client sends the same request again (to the next target) after this answer. */
    static boolean again(String outcome, ObjectNode line) {
        return outcome.equals("TIMEOUT") || outcome.equals("CONN_ERROR") || outcome.equals("HTTP_ERROR")
                || (outcome.equals("REFUSED") && "UNAVAILABLE".equals(line.path("reason").asText()));
    }

    /** One signed transfer of a coin, tried up to {@code attempts} times from {@code firstTarget} on; the last outcome. */
    String submit(String op, Coins.Coin c, int contender, String tx, String body, int firstTarget, String phase, int attempts) {
        String last = "NONE";
        for (int a = 1; a <= attempts; a++) {
            Target t = env.all.get((firstTarget + a - 1) % env.all.size());
            Answer ans = env.post(t, "/api/ledger/transactions", "bank", body, REQUEST_TIMEOUT);
            ObjectNode n = History.line("request").put("op", op).put("coin", c.key()).put("n", c.n())
                    .put("contender", contender).put("tx", tx).put("attempt", a).put("phase", phase);
            last = record(n, t, ans);
            if (!again(last, n)) {
                return last;
            }
            pause(300);
        }
        return last;
    }

    static void pause(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Polls (bounded) until {@code ok}; false when the time ran out. */
    static boolean until(long timeoutMs, long everyMs, java.util.function.BooleanSupplier ok) {
        long deadline = System.currentTimeMillis() + timeoutMs;
        while (System.currentTimeMillis() < deadline) {
            if (ok.getAsBoolean()) {
                return true;
            }
            pause(everyMs);
        }
        return ok.getAsBoolean();
    }
}
