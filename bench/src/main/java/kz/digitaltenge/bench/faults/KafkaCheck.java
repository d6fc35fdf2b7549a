package kz.digitaltenge.bench.faults;

import static kz.digitaltenge.bench.faults.FaultSuite.say;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The Kafka half of the check: waits (bounded) until every record the broker acknowledged is a fact or a quarantine
 * entry, then checks that every record produced is exactly one of the two — none lost, none doubled.
 */
final class KafkaCheck {
    private final Consumer<String> fail;

    KafkaCheck(Consumer<String> fail) {
        this.fail = fail;
    }

    private List<JsonNode> kafkaAcked(List<JsonNode> lines) {
        return lines.stream().filter(l -> "kafka".equals(l.path("kind").asText()) && "ACKED".equals(l.path("outcome").asText())).toList();
    }

    private boolean kafkaArrived(Connection db, JsonNode k) throws Exception {
        byte[] body = k.path("body").asText().getBytes(StandardCharsets.UTF_8);
        if (k.path("poison").asBoolean()) {
            return HistoryChecker.count(db, "select count(*) from quarantine where body = ?", body) > 0;
        }
        return HistoryChecker.count(db, "select count(*) from intake_messages where source_system = 'einvoice' and message_id = ? and fact_id is not null",
                k.path("messageId").asText()) > 0
                || HistoryChecker.count(db, "select count(*) from quarantine where source_message_id = ? and source_system = 'einvoice'",
                k.path("messageId").asText()) > 0;
    }

    /** Waits (bounded: a consumer group's rebalance after a killed hub takes up to its session timeout) for every record. */
    void settle(Connection db, List<JsonNode> lines) throws Exception {
        List<JsonNode> acked = kafkaAcked(lines);
        long t0 = System.currentTimeMillis();
        long deadline = t0 + 180_000;
        List<JsonNode> pending = new ArrayList<>(acked);
        while (!pending.isEmpty() && System.currentTimeMillis() < deadline) {
            List<JsonNode> still = new ArrayList<>();
            for (JsonNode k : pending) {
                if (!kafkaArrived(db, k)) {
                    still.add(k);
                }
            }
            pending = still;
            if (!pending.isEmpty()) {
                Thread.sleep(500);
            }
        }
        say("== Kafka: " + acked.size() + " records acknowledged by the broker; " + (acked.size() - pending.size())
                + " processed by the hubs within " + (System.currentTimeMillis() - t0) / 1000.0 + " s of the check's start");
    }

    void check(Connection db, List<JsonNode> lines) throws Exception {
        List<JsonNode> all = lines.stream().filter(l -> "kafka".equals(l.path("kind").asText())).toList();
        int facts = 0, quarantined = 0, lost = 0, doubled = 0, unackedThere = 0, unackedAbsent = 0;
        for (JsonNode k : all) {
            String id = k.path("messageId").asText();
            byte[] body = k.path("body").asText().getBytes(StandardCharsets.UTF_8);
            long intake = HistoryChecker.count(db, "select count(*) from intake_messages where source_system = 'einvoice' and message_id = ?", id);
            long fact = k.path("poison").asBoolean() ? 0
                    : HistoryChecker.count(db, "select count(*) from facts where type = 'INVOICE_REGISTERED' and subject = ?", k.path("subject").asText());
            long quar = HistoryChecker.count(db, "select count(*) from quarantine where source_system = 'einvoice' and (body = ? or source_message_id = ?)", body, id);
            long total = fact + quar;
            boolean acked = "ACKED".equals(k.path("outcome").asText());
            if (intake > 1 || fact > 1 || quar > 1 || total > 1) {
                doubled++;
                fail.accept("Kafka record " + id + " doubled: intake " + intake + ", facts " + fact + ", quarantine " + quar);
            } else if (total == 0) {
                if (acked) {
                    lost++;
                    fail.accept("Kafka record " + id + " acknowledged by the broker but neither a fact nor in quarantine (lost)");
                } else {
                    unackedAbsent++;
                }
            } else {
                if (!acked) {
                    unackedThere++;
                }
                if (fact == 1) {
                    facts++;
                } else {
                    quarantined++;
                }
            }
        }
        say("== Kafka intake (topic " + KafkaLoad.EINVOICE_TOPIC + "): " + all.size() + " records produced ("
                + all.stream().filter(l -> l.path("poison").asBoolean()).count() + " poison), "
                + all.stream().filter(l -> "ACKED".equals(l.path("outcome").asText())).count() + " acknowledged; "
                + facts + " facts, " + quarantined + " in quarantine, lost " + lost + ", doubled " + doubled
                + (unackedThere + unackedAbsent > 0 ? ", unacknowledged: " + unackedThere + " there, " + unackedAbsent + " absent" : ""));
    }

}
