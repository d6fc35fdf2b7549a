package kz.digitaltenge.bench.faults;

import static kz.digitaltenge.bench.faults.FaultSuite.say;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Per fault of the history: its RTO, its phases, what the clients saw until its recovery and how fast they were
 * answered; a fault after which nothing commits on a surviving hub fails the suite.
 */
final class FaultReport {
    private final Consumer<String> fail;

    FaultReport(Consumer<String> fail) {
        this.fail = fail;
    }

    private static String iso(long ms) {
        return Instant.ofEpochMilli(ms).toString();
    }

    /** p50, p99 and max of durations in ms, as text. */
    static String percentiles(List<Long> ms) {
        if (ms.isEmpty()) {
            return "-";
        }
        long[] v = ms.stream().mapToLong(Long::longValue).sorted().toArray();
        return "p50 " + v[(v.length - 1) / 2] + " ms, p99 " + v[(int) Math.min(v.length - 1, Math.ceil(v.length * 0.99) - 1)] + " ms, max "
                + v[v.length - 1] + " ms";
    }

    /** A transfer request as the RTO needs it. */
    private record Req(long sent, long answered, String target, String servedBy, String label, boolean committed) {
        static Req of(JsonNode r) {
            String o = r.path("outcome").asText();
            String label = o.equals("REFUSED") ? r.path("reason").asText()
                    : o.equals("HTTP_ERROR") ? "HTTP " + r.path("http").asInt()
                    : o.equals("CONN_ERROR") ? "connection error" : o.equals("TIMEOUT") ? "timeout" : o;
            return new Req(r.path("sent").asLong(), r.path("answered").asLong(), r.path("target").asText(),
                    r.path("servedBy").asText(null), label, o.equals("COMMITTED"));
        }
    }

    /**
     * Per fault: the RTO (from the fault to the first COMMITTED answer to a request sent after it, on a hub other than
     * the one the fault hit; for faults of the database, the broker or the whole cluster on any hub), the phases, and
     * what the clients saw until the recovery.
     */
    void report(List<JsonNode> lines) {
        List<JsonNode> faults = lines.stream().filter(l -> "fault".equals(l.path("kind").asText())).toList();
        List<Req> reqs = lines.stream().filter(l -> "request".equals(l.path("kind").asText())
                && "transfer".equals(l.path("op").asText())).map(Req::of).sorted(java.util.Comparator.comparingLong(Req::sent)).toList();
        long[] sentAt = reqs.stream().mapToLong(Req::sent).toArray();
        say("== faults (RTO: from the fault to the first COMMITTED answer to a request sent after it, on a surviving hub)");
        Map<String, List<Long>> rtos = new TreeMap<>();
        for (JsonNode f : faults) {
            if (!"start".equals(f.path("phase").asText())) {
                continue;
            }
            String kind = f.path("fault").asText();
            String target = f.path("target").asText();
            long at = f.path("at").asLong();
            JsonNode recovered = faults.stream().filter(x -> x.path("fault").asText().equals(kind) && x.path("target").asText().equals(target)
                    && x.path("at").asLong() >= at && "recovered".equals(x.path("phase").asText())).findFirst().orElse(null);
            long end = recovered == null ? Long.MAX_VALUE : recovered.path("at").asLong();
            boolean hubFault = target.startsWith("hub");
            // a restart of the whole cluster is down once everything has stopped: its RTO counts from there
            long from0 = faults.stream().filter(x -> x.path("fault").asText().equals(kind) && x.path("target").asText().equals(target)
                    && x.path("at").asLong() >= at && x.path("at").asLong() <= end && "stopped".equals(x.path("phase").asText()))
                    .mapToLong(x -> x.path("at").asLong()).findFirst().orElse(at);
            int from = java.util.Arrays.binarySearch(sentAt, at);
            from = from < 0 ? -from - 1 : from;
            while (from > 0 && sentAt[from - 1] == at) {
                from--;
            }
            long rto = -1;
            Map<String, Map<String, Integer>> saw = new TreeMap<>();
            List<Long> answeredIn = new ArrayList<>();
            for (int i = from; i < reqs.size(); i++) {
                Req r = reqs.get(i);
                if (r.committed() && r.sent() >= from0 && (!hubFault || !target.equals(r.servedBy()))) {
                    long d = r.answered() - from0;
                    rto = rto < 0 ? d : Math.min(rto, d);
                }
                if (r.sent() <= end) {
                    answeredIn.add(r.answered() - r.sent());
                    saw.computeIfAbsent(r.target(), k -> new TreeMap<>()).merge(r.label(), 1, Integer::sum);
                } else if (rto >= 0 && r.sent() > end + 600_000) {
                    break;                                   // the RTO is found and the window is long past
                }
            }
            String rtoText = rto < 0 ? "none" : rto / 1000.0 + " s";
            if (rto >= 0) {
                rtos.computeIfAbsent(kind, k -> new ArrayList<>()).add(rto);
            }
            say("  " + kind + " " + target + " at " + iso(at) + ": RTO " + rtoText + (from0 != at ? " (from the moment all was stopped, "
                    + (from0 - at) / 1000.0 + " s after the fault began)" : "")
                    + (recovered == null ? ", not recovered" : ", recovered after " + (end - at) / 1000.0 + " s (" + recovered.path("detail").asText() + ")"));
            for (JsonNode x : faults) {
                if (x.path("fault").asText().equals(kind) && x.path("target").asText().equals(target) && x.path("at").asLong() >= at
                        && x.path("at").asLong() <= end && !Set.of("start", "recovered").contains(x.path("phase").asText())) {
                    say("    +" + (x.path("at").asLong() - at) / 1000.0 + " s " + x.path("phase").asText() + ": " + x.path("detail").asText());
                }
            }
            say("    clients saw (requests sent until the recovery, by target): " + saw + "; answered in " + percentiles(answeredIn));
            if (rto < 0) {
                fail.accept("no commit on a surviving hub after " + kind + " " + target);
            }
            if (hubFault && kind.equals("kill")) {
                // the restarted hub commits again
                long back = -1;
                for (int i = from; i < reqs.size(); i++) {
                    Req r = reqs.get(i);
                    if (r.sent() >= end && r.committed() && target.equals(r.servedBy())) {
                        back = back < 0 ? r.answered() - end : Math.min(back, r.answered() - end);
                        break;
                    }
                }
                say("    first commit on the restarted " + target + ": " + (back < 0 ? "none in the workload" : back / 1000.0 + " s after it rejoined"));
            }
        }
        long firstFault = faults.stream().filter(f -> "start".equals(f.path("phase").asText())).mapToLong(f -> f.path("at").asLong())
                .min().orElse(Long.MAX_VALUE);
        say("  without a fault (requests sent before the first): answered in "
                + percentiles(reqs.stream().filter(r -> r.sent() < firstFault).map(r -> r.answered() - r.sent()).toList()));
        StringBuilder b = new StringBuilder();
        rtos.forEach((k, v) -> b.append(k).append(' ').append(v.size()).append("x: max ")
                .append(v.stream().mapToLong(Long::longValue).max().orElse(0) / 1000.0).append(" s; "));
        say("  RTO by fault: " + b);
    }
}
