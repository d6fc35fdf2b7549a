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
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import kz.digitaltenge.ledger.fact.FactBook;
import kz.digitaltenge.ledger.fact.FactType;
import org.apache.camel.Exchange;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Kafka intake with a real in-JVM KRaft broker: records become facts published on hub.facts; a redelivered record
 * yields one fact; a poison record goes to quarantine and does not block its partition; a consumer that crashes
 * after durable processing and before the offset commit gets the record again from the broker and makes no second
 * fact.
 */
@org.springframework.boot.test.context.SpringBootTest(classes = kz.digitaltenge.hub.OracleHubApplication.class,
        webEnvironment = org.springframework.boot.test.context.SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(KafkaIntakeTest.CrashSeam.class)
// this context has a broker of its own: close both when the class is done, not at the JVM's exit
@org.springframework.test.annotation.DirtiesContext(classMode = org.springframework.test.annotation.DirtiesContext.ClassMode.AFTER_CLASS)
class KafkaIntakeTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String TOPIC = "hub.intake.einvoice";
    /** A Kafka record header naming a record, so the seam can tell the records of one test apart. */
    private static final String MARKER = "test-marker";
    private static final EmbeddedKafkaKraftBroker BROKER = new EmbeddedKafkaKraftBroker(1, 1, TOPIC, "hub.facts");

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

    @Autowired
    FactBook facts;

    @Autowired
    kz.digitaltenge.hub.quarantine.Quarantine quarantine;

    @Autowired
    HikariDataSource db;

    @Autowired
    IntakeProperties intakeProperties;

    @Autowired
    CrashBeforeCommit crashBeforeCommit;

    /** One call of the seam: which record (marker, offset), what the pipeline answered, the group's committed offset. */
    record SeamCall(String marker, long offset, IntakeResult result, long committedOffset) {}

    /**
     * The {@link BeforeOffsetCommit} seam for this context: records every call (with the group's committed offset at
     * that moment, read from the broker) and throws once for a record whose marker is armed — the consumer has then
     * durably processed the record but never commits it.
     */
    static final class CrashBeforeCommit implements BeforeOffsetCommit {
        final List<SeamCall> calls = new CopyOnWriteArrayList<>();
        final Set<String> armed = ConcurrentHashMap.newKeySet();
        private final String groupId;

        CrashBeforeCommit(String groupId) {
            this.groupId = groupId;
        }

        @Override
        public void beforeCommit(Exchange e) throws Exception {
            Object header = e.getMessage().getHeader(MARKER);
            String marker = header instanceof byte[] b ? new String(b, StandardCharsets.UTF_8) : null;
            long offset = e.getMessage().getHeader(KafkaConstants.OFFSET, Long.class);
            long committed = marker == null ? -1 : committedOffset(groupId);
            calls.add(new SeamCall(marker, offset, e.getMessage().getBody(IntakeResult.class), committed));
            if (marker != null && armed.remove(marker)) {
                throw new IllegalStateException("simulated crash after durable processing, before the offset commit");
            }
        }

        List<SeamCall> of(String marker) {
            return calls.stream().filter(c -> marker.equals(c.marker())).toList();
        }
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class CrashSeam {
        @Bean
        CrashBeforeCommit crashBeforeCommit(IntakeProperties properties) {
            return new CrashBeforeCommit(properties.getKafkaGroupId());
        }

        /**
         * Stops the broker with the hub that consumes from it: Spring stops Camel (the consumers) before it destroys
         * beans. Not in an @AfterAll: JUnit runs that before Spring closes the context, and a hub whose broker is gone
         * cannot close its Kafka consumers (each waits for the broker), which kept the test JVM from exiting until
         * Surefire killed it.
         */
        @Bean
        org.springframework.beans.factory.DisposableBean stopBrokerAfterTheHub() {
            return BROKER::destroy;
        }
    }

    /** The consumer group's committed offset on the intake topic (the next offset it will read), -1 if none. */
    private static long committedOffset(String groupId) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, BROKER.getBrokersAsString()))) {
            OffsetAndMetadata committed = admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata()
                    .get(30, TimeUnit.SECONDS).get(new TopicPartition(TOPIC, 0));
            return committed == null ? -1 : committed.offset();
        }
    }

    /** Produces one record carrying a marker header; returns its offset. */
    private static long produceMarked(byte[] value, String marker) throws Exception {
        Properties p = new Properties();
        p.put("bootstrap.servers", BROKER.getBrokersAsString());
        p.put("key.serializer", ByteArraySerializer.class.getName());
        p.put("value.serializer", ByteArraySerializer.class.getName());
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p)) {
            ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(TOPIC, value);
            record.headers().add(new RecordHeader(MARKER, marker.getBytes(StandardCharsets.UTF_8)));
            return producer.send(record).get(30, TimeUnit.SECONDS).offset();
        }
    }

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
                producer.send(new ProducerRecord<>(TOPIC, r));
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
    void aRecordOfATypeItsSourceDidNotDeclareIsQuarantinedAndItsReplayRunsAsTheTopic() throws Exception {
        String event = "KEV-" + UUID.randomUUID();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("sourceMessageId", "k-" + event);
        m.put("type", "EVENT_REGISTERED"); // the e-invoice topic declares INVOICE_REGISTERED only
        m.put("subject", event);
        m.put("terms", Map.of("sender", "KZ456010000000000001", "recipient", "KZ186010000000000002", "amount", "5000",
                "validUntil", "2027-01-01T00:00:00Z", "holdType", "SINGLE"));
        byte[] record = MAPPER.writeValueAsBytes(m);
        produce(record);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() ->
                count("select count(*) from quarantine where body = ?", record) == 1);
        assertThat(count("select count(*) from quarantine where body = ? and reason_code = 'NOT_AUTHORIZED'", record)).isEqualTo(1);
        long id;
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("select id from quarantine where body = ?")) {
            ps.setBytes(1, record);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                id = rs.getLong(1);
            }
        }
        assertThat(quarantine.get(id).headers()).containsEntry("sender", "kafka:" + TOPIC);
        // the back office retries: it runs as the topic (the source's role), and the declared types refuse it again
        var retried = quarantine.retry(id, "back-office-user");
        assertThat(retried.outcome().reasonCode()).isEqualTo("NOT_AUTHORIZED");
        assertThat(facts.latest(FactType.EVENT_REGISTERED, event)).isEmpty();
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

    @Autowired
    kz.digitaltenge.hub.evidence.EvidenceCheckpoints checkpoints;

    /** A checkpoint is published on hub.facts beside the facts, told apart by its kind; an auditor can verify it there. */
    @Test
    void aCheckpointOfTheEvidenceLogIsPublishedOnTheFactsTopic() throws Exception {
        String reg = "K-" + UUID.randomUUID();
        produce(invoice(reg));
        awaitFact(reg);
        kz.digitaltenge.ledger.fact.EvidenceCheckpoint cp = checkpoints.checkpoint();

        Properties c = new Properties();
        c.put("bootstrap.servers", BROKER.getBrokersAsString());
        c.put("group.id", "auditor-" + UUID.randomUUID());
        c.put("auto.offset.reset", "earliest");
        c.put("key.deserializer", StringDeserializer.class.getName());
        c.put("value.deserializer", StringDeserializer.class.getName());
        List<String> kept = new CopyOnWriteArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(c)) {
            consumer.subscribe(List.of("hub.facts"));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(300))) {
                    if (r.value().contains("\"kind\":\"EVIDENCE_CHECKPOINT\"") && ("evidence-checkpoint-" + cp.seq()).equals(r.key())) {
                        kept.add(r.value());
                        return true;
                    }
                }
                return false;
            });
        }
        kz.digitaltenge.ledger.fact.EvidenceCheckpoint published =
                kz.digitaltenge.hub.evidence.EvidenceJson.checkpoint(MAPPER.readTree(kept.get(0)));
        assertThat(published.seq()).isEqualTo(cp.seq());
        assertThat(published.entryHash()).isEqualTo(cp.entryHash());
        assertThat(published.signature()).isEqualTo(cp.signature());
    }

    @Test
    void aRecordRedeliveredAfterACrashBeforeTheOffsetCommitYieldsOneFact() throws Exception {
        String groupId = intakeProperties.getKafkaGroupId();
        String reg = "K-" + UUID.randomUUID();
        String marker = "crash-" + reg;
        crashBeforeCommit.armed.add(marker);
        long offset = produceMarked(invoice(reg), marker);

        // processed durably, crashed before the commit, redelivered by the broker to the reconnected consumer
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> crashBeforeCommit.of(marker).size() >= 2);
        List<SeamCall> calls = crashBeforeCommit.of(marker);
        assertThat(calls).hasSize(2);
        assertThat(calls).extracting(SeamCall::offset).containsExactly(offset, offset);
        SeamCall first = calls.get(0);
        SeamCall again = calls.get(1);
        assertThat(first.result().status()).isEqualTo(IntakeResult.Status.ACCEPTED);
        String factId = first.result().factId();
        assertThat(factId).isNotNull();
        // the redelivery came from the group's committed position, which the crash left at or before the record
        assertThat(again.committedOffset()).isLessThanOrEqualTo(offset);
        assertThat(again.result().status()).isEqualTo(IntakeResult.Status.DUPLICATE);
        assertThat(again.result().factId()).isEqualTo(factId);

        // exactly one fact: one idempotency row naming it, one fact and one evidence log entry for the subject
        assertThat(count("select count(*) from intake_messages where source_system = 'einvoice' and message_id = ?", "k-" + reg))
                .isEqualTo(1);
        assertThat(count("select count(*) from intake_messages where message_id = ? and encode(fact_id, 'hex') = '" + factId + "'",
                "k-" + reg)).isEqualTo(1);
        assertThat(count("select count(*) from facts where subject = ?", reg)).isEqualTo(1);
        assertThat(count("select count(*) from evidence_log e join facts f on f.id = e.fact_id where f.subject = ?", reg))
                .isEqualTo(1);
        assertThat(facts.latest(FactType.INVOICE_REGISTERED, reg).orElseThrow().id().hex()).isEqualTo(factId);

        // the second delivery was committed: the group's offset moved past the record
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> committedOffset(groupId) > offset);

        // and the partition goes on: the next record is processed once and committed
        String next = "K-" + UUID.randomUUID();
        String nextMarker = "next-" + next;
        long nextOffset = produceMarked(invoice(next), nextMarker);
        awaitFact(next);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> committedOffset(groupId) > nextOffset);
        assertThat(nextOffset).isGreaterThan(offset);
        assertThat(crashBeforeCommit.of(nextMarker)).singleElement().satisfies(c -> {
            assertThat(c.offset()).isEqualTo(nextOffset);
            assertThat(c.result().status()).isEqualTo(IntakeResult.Status.ACCEPTED);
        });
        assertThat(count("select count(*) from facts where subject = ?", next)).isEqualTo(1);
        assertThat(crashBeforeCommit.of(marker)).hasSize(2);
    }
}
