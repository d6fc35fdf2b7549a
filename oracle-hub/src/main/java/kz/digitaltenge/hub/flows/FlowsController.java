package kz.digitaltenge.hub.flows;

import com.hazelcast.core.HazelcastInstance;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import kz.digitaltenge.ledger.Ledger;
import kz.digitaltenge.ledger.fact.EvidenceHead;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The flows dashboard's figures: intake per source, quarantine, payments, evidence, the cluster and the database. */
@RestController
@Tag(name = "flows", description = "what flows through the hub, for those who operate it")
public class FlowsController {
    private static final Logger LOG = LoggerFactory.getLogger(FlowsController.class);

    private final FlowStatistics statistics;
    private final Ledger ledger;
    private final HazelcastInstance hazelcast;
    private final ObjectProvider<KafkaLag> kafka;
    private final Clock clock;

    public FlowsController(FlowStatistics statistics, Ledger ledger, HazelcastInstance hazelcast, ObjectProvider<KafkaLag> kafka) {
        this.statistics = statistics;
        this.ledger = ledger;
        this.hazelcast = hazelcast;
        this.kafka = kafka;
        this.clock = Clock.systemUTC();
    }

    public record SourceJson(String source, long[] received, long[] facts, long[] quarantined) {
    }

    public record EvidenceJson(long entries, String headHash) {
    }

    public record StatusJson(String status, Integer members) {
    }

    public record FlowsJson(String window, long bucketSeconds, List<Instant> buckets, List<SourceJson> sources,
                            FlowStatistics.PaymentFlow payments, long[] quarantineSize, Map<String, Long> kafkaLag,
                            String kafkaProblem, long quarantined, long awaitingConfirmation, EvidenceJson evidence,
                            StatusJson cluster, StatusJson database) {
    }

    @Operation(summary = "Per source: messages received, facts made, quarantined, per minute over the last hour (window=hour)"
            + " or per 15 minutes over the day (window=day); payment orders; the quarantine's size; Kafka consumer lag when"
            + " Kafka is on; payments awaiting bank confirmation; the evidence chain's head; cluster members; the database")
    @GetMapping(path = "/api/flows", produces = MediaType.APPLICATION_JSON_VALUE)
    public FlowsJson flows(@RequestParam(name = "window", defaultValue = "hour") String window) {
        FlowStatistics.Window w = FlowStatistics.Window.of(window);
        FlowStatistics.Flows f;
        FlowStatistics.Totals totals;
        String database = "UP";
        try {
            f = statistics.flows(w, clock.instant());
            totals = statistics.totals();
        } catch (kz.digitaltenge.canonical.LedgerException e) {
            // the database is down: the dashboard still shows the cluster and says so, with no figures to draw
            LOG.warn("flows not read", e);
            f = new FlowStatistics.Flows(clock.instant(), 0, List.of(), List.of(), new FlowStatistics.PaymentFlow(new long[0],
                    new long[0]), new long[0]);
            totals = new FlowStatistics.Totals(Map.of(), Map.of(), 0, 0);
            database = "DOWN";
        }
        Map<String, Long> lag = null;
        String kafkaProblem = null;
        KafkaLag k = kafka.getIfAvailable();
        if (k != null) {
            try {
                lag = k.lag();
            } catch (Exception e) {
                LOG.debug("kafka lag not read", e);
                kafkaProblem = "the Kafka brokers did not answer within 2 s";
            }
        }
        EvidenceJson evidence = null;
        if (database.equals("UP")) {
            EvidenceHead head = ledger.queries().evidenceHead();
            evidence = new EvidenceJson(head.seq(), head.entryHash() == null ? null : HexFormat.of().formatHex(head.entryHash()));
        }
        return new FlowsJson(w.name().toLowerCase(java.util.Locale.ROOT), f.bucketSeconds(), f.buckets(),
                f.sources().stream().map(s -> new SourceJson(s.source(), s.received(), s.facts(), s.quarantined())).toList(),
                f.payments(), f.quarantineSize(), lag, kafkaProblem, totals.quarantineSize(), totals.awaitingConfirmation(),
                evidence,
                new StatusJson(hazelcast.getLifecycleService().isRunning() ? "UP" : "DOWN", hazelcast.getCluster().getMembers().size()),
                new StatusJson(database, null));
    }
}
