package kz.digitaltenge.hub.flows;

import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * How far the hub's Kafka consumers are behind, per topic: the end offsets less what the hub's consumer group has
 * committed. Asked of the brokers with a short timeout, so a broker that is down makes the dashboard say so instead
 * of waiting.
 */
final class KafkaLag implements AutoCloseable {
    private static final Duration TIMEOUT = Duration.ofSeconds(2);
    private final Admin admin;
    private final String group;

    KafkaLag(String brokers, String group) {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, brokers);
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
        this.admin = Admin.create(p);
        this.group = group;
    }

    /** Lag per topic; empty when the group has committed nothing yet. */
    Map<String, Long> lag() throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        Map<TopicPartition, OffsetSpec> latest = new java.util.HashMap<>();
        committed.keySet().forEach(tp -> latest.put(tp, OffsetSpec.latest()));
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(latest).all()
                .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        Map<String, Long> out = new TreeMap<>();
        committed.forEach((tp, offset) -> {
            long end = ends.containsKey(tp) ? ends.get(tp).offset() : offset.offset();
            out.merge(tp.topic(), Math.max(0, end - offset.offset()), Long::sum);
        });
        return out;
    }

    @Override
    public void close() {
        admin.close(TIMEOUT);
    }
}
