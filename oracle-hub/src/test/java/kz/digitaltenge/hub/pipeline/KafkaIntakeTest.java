package kz.digitaltenge.hub.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import kz.digitaltenge.ledger.fact.FactBook;
import kz.digitaltenge.ledger.fact.FactType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Kafka intake with a real in-JVM KRaft broker: records become facts published on hub.facts; a redelivered record
 * yields one fact; a poison record goes to quarantine and does not block its partition.
 */
@org.springframework.boot.test.context.SpringBootTest(classes = kz.digitaltenge.hub.OracleHubApplication.class,
        webEnvironment = org.springframework.boot.test.context.SpringBootTest.WebEnvironment.RANDOM_PORT)
class KafkaIntakeTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final EmbeddedKafkaKraftBroker BROKER = new EmbeddedKafkaKraftBroker(1, 1, "hub.intake.einvoice", "hub.facts");

    static {
        BROKER.afterPropertiesSet();
    }

    @DynamicPropertySource
    static void kafka(DynamicPropertyRegistry registry) {
        // a context of its own (Kafka on): its own data directory, Hazelcast cluster and schedules
        registry.add("hub.data-dir", () -> java.nio.file.Path.of("target", "test-hub-data-kafka", UUID.randomUUID().toString())
                .toAbsolutePath().toString());
        registry.add("hub.hazelcast.port", () -> 40000 + java.util.concurrent.ThreadLocalRandom.current().nextInt(10000));
        registry.add("hub.hazelcast.cluster-name", () -> "hub-kafka-test-" + UUID.randomUUID());
        registry.add("hub.holds.expiry-interval", () -> "10m");
        registry.add("hub.intake.kafka-brokers", BROKER::getBrokersAsString);
        registry.add("hub.intake.kafka-group-id", () -> "hub-test-" + UUID.randomUUID());
    }

    @AfterAll
    static void stopBroker() {
        BROKER.destroy();
    }

    @Autowired
    FactBook facts;

    @Autowired
    HikariDataSource db;

    private static byte[] invoice(String reg) throws Exception {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("sourceMessageId", "k-" + reg);
        m.put("type", "INVOICE_REGISTERED");
        m.put("subject", reg);
        m.put("terms", FactPipelineTest.invoice(50_000, 6_000));
        m.put("occurredAt", "2026-11-25T09:00:00Z");
        return MAPPER.writeValueAsBytes(m);
    }

    private static void produce(byte[]... records) {
        Properties p = new Properties();
        p.put("bootstrap.servers", BROKER.getBrokersAsString());
        p.put("key.serializer", ByteArraySerializer.class.getName());
        p.put("value.serializer", ByteArraySerializer.class.getName());
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p)) {
            for (byte[] r : records) {
                producer.send(new ProducerRecord<>("hub.intake.einvoice", r));
            }
            producer.flush();
        }
    }

    private long count(String sql, Object arg) throws Exception {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, arg);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private void awaitFact(String reg) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> facts.latest(FactType.INVOICE_REGISTERED, reg).isPresent());
    }

    @Test
    void recordsBecomeFactsOnceAndPoisonGoesToQuarantineWithoutBlocking() throws Exception {
        String reg = "K-" + UUID.randomUUID();
        byte[] record = invoice(reg);
        produce(record);
        awaitFact(reg);
        String factId = facts.latest(FactType.INVOICE_REGISTERED, reg).orElseThrow().id().hex();

        // published on hub.facts, keyed by the fact id
        Properties c = new Properties();
        c.put("bootstrap.servers", BROKER.getBrokersAsString());
        c.put("group.id", "facts-reader-" + UUID.randomUUID());
        c.put("auto.offset.reset", "earliest");
        c.put("key.deserializer", StringDeserializer.class.getName());
        c.put("value.deserializer", StringDeserializer.class.getName());
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(c)) {
            consumer.subscribe(List.of("hub.facts"));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(300))) {
                    if (factId.equals(r.key()) && r.value().contains(reg)) {
                        return true;
                    }
                }
                return false;
            });
        }

        // a redelivered record (the same bytes again), a poison record, then a good one on the same partition
        String after = "K-" + UUID.randomUUID();
        byte[] poison = "{\"this is\": not json".getBytes(StandardCharsets.UTF_8);
        produce(record, poison, invoice(after));
        awaitFact(after);
        assertThat(count("select count(*) from facts where subject = ?", reg)).isEqualTo(1);
        assertThat(count("select count(*) from intake_messages where message_id = ?", "k-" + reg)).isEqualTo(1);
        assertThat(count("select count(*) from quarantine where source_system = 'einvoice' and reason_code = 'MALFORMED'"
                + " and body = ?", poison)).isEqualTo(1);
    }
}
