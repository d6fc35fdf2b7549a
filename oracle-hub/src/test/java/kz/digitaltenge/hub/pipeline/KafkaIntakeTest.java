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
import kz.digitaltenge.hub.demo.DemoClient;
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
    /** The livestock source's topic (routes-livestock is on the hub's classpath; its events drive holds). */
    private static final String LIVESTOCK = "hub.intake.livestock";
    /** A Kafka record header naming a record, so the seam can tell the records of one test apart. */
    private static final String MARKER = "test-marker";
    private static final EmbeddedKafkaKraftBroker BROKER = new EmbeddedKafkaKraftBroker(1, 1, TOPIC, LIVESTOCK, "hub.facts");
    /** API users of this context (generated passwords), for the tests that hold money through the HTTP API. */
    private static final DemoClient.Users USERS = new DemoClient.Users(user("kafka-admin"), user("kafka-issuer"),
            user("kafka-events"), user("kafka-treasury"));

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
        registry.add("hub.holds.settlement-interval", () -> "10m"); // the test sweeps itself
        org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder fast = new org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder(4);
        String[][] users = {USERS.admin(), USERS.issuer(), USERS.events(), USERS.treasury()};
        String[] roles = {"ADMIN", "ISSUER", "EVENT_PROVIDER", "TREASURY"};
        for (int i = 0; i < users.length; i++) {
            String hash = fast.encode(users[i][1]);
            String name = users[i][0];
            String role = roles[i];
            registry.add("hub.security.users[" + i + "].name", () -> name);
            registry.add("hub.security.users[" + i + "].roles", () -> role);
            registry.add("hub.security.users[" + i + "].password-hash", () -> hash);
        }
    }

    private static String[] user(String name) {
        return new String[] {name, kz.digitaltenge.hub.security.UsersFile.generatePassword()};
    }

    @org.springframework.boot.test.web.server.LocalServerPort
    int port;

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
            String topic = e.getMessage().getHeader(KafkaConstants.TOPIC, String.class);
            long committed = marker == null ? -1 : committedOffset(groupId, topic == null ? TOPIC : topic);
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

    /** The consumer group's committed offset on the e-invoice intake topic (the next offset it will read), -1 if none. */
    private static long committedOffset(String groupId) throws Exception {
        return committedOffset(groupId, TOPIC);
    }

    /** The consumer group's committed offset on an intake topic's one partition, -1 if none. */
    private static long committedOffset(String groupId, String topic) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, BROKER.getBrokersAsString()))) {
            OffsetAndMetadata committed = admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata()
                    .get(30, TimeUnit.SECONDS).get(new TopicPartition(topic, 0));
            return committed == null ? -1 : committed.offset();
        }
    }

    /** Produces one record carrying a marker header; returns its offset. */
    private static long produceMarked(byte[] value, String marker) throws Exception {
        return produceMarked(TOPIC, value, marker);
    }

    /** Produces one record on {@code topic} carrying a marker header; returns its offset. */
    private static long produceMarked(String topic, byte[] value, String marker) throws Exception {
        Properties p = new Properties();
        p.put("bootstrap.servers", BROKER.getBrokersAsString());
        p.put("key.serializer", ByteArraySerializer.class.getName());
        p.put("value.serializer", ByteArraySerializer.class.getName());
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p)) {
            ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic, value);
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
        produce(TOPIC, records);
    }

    private static void produce(String topic, byte[]... records) {
        Properties p = new Properties();
        p.put("bootstrap.servers", BROKER.getBrokersAsString());
        p.put("key.serializer", ByteArraySerializer.class.getName());
        p.put("value.serializer", ByteArraySerializer.class.getName());
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p)) {
            for (byte[] r : records) {
                producer.send(new ProducerRecord<>(topic, r));
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

    /**
     * A quarantined record is committed by itself, not only by a later record of its partition: otherwise, when it is
     * the last one before the partition moves to another hub (a rebalance), it is delivered again and quarantined a
     * second time (found by bin/fault-suite, a poison record produced while a hub was down).
     */
    @Test
    void aPoisonRecordThatIsTheLastOnItsPartitionIsCommittedItself() throws Exception {
        String marker = "poison-last-" + UUID.randomUUID();
        byte[] poison = ("{\"poison\": " + marker).getBytes(StandardCharsets.UTF_8);
        long offset = produceMarked(poison, marker);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> count("select count(*) from quarantine where body = ?", poison) == 1);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> committedOffset(intakeProperties.getKafkaGroupId()) > offset);
        assertThat(count("select count(*) from quarantine where body = ?", poison)).isEqualTo(1);
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

    @Autowired
    kz.digitaltenge.hub.programmable.HoldSettlement settlement;

    /** A single record's own answer (a batch translator answers one record as a batch of one). */
    private static IntakeResult single(IntakeResult r) {
        return r.items() != null && r.items().size() == 1 ? r.items().get(0) : r;
    }

    /**
     * An owner change of a held livestock loan through the real broker, redelivered twice: once by the broker after the
     * consumer crashed between the release and the offset commit, once as the same record produced again (an adapter
     * that resends). Both for an event that names its loan (the source's fact is the occurrence) and for one that names
     * only the borrower (released through the oracle's own occurrence of the loan): each releases once, the duplicates
     * answer the same fact and move nothing, and a sweep finds nothing left to do.
     */
    @Test
    void aHeldLoansOwnerChangeRedeliveredByTheBrokerAndProducedAgainReleasesOnce() throws Exception {
        DemoClient hub = new DemoClient(java.net.URI.create("http://localhost:" + port + "/"),
                new java.io.PrintStream(java.io.OutputStream.nullOutputStream()), USERS);
        String run = UUID.randomUUID().toString().substring(0, 8);
        String bic = DemoClient.bic();
        DemoClient.Party bank = hub.party("Kafka lender " + run, List.of("BANK"), bic);
        DemoClient.Party issuer = hub.party("Kafka issuer " + run, List.of("ISSUER"), DemoClient.bic());
        String lender = hub.account(bank.id(), "COMPANY", bic);
        String seller = hub.account(hub.party("Kafka seller " + run, List.of(), null).id(), "COMPANY", bic);
        String borrower = kz.digitaltenge.ledger.testing.TestParties.newPartyId().value();
        String sellerBin = kz.digitaltenge.ledger.testing.TestParties.newPartyId().value();
        String loanNumber = "KF-" + run;
        String loan = "LOAN-" + loanNumber;
        java.time.Instant now = java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);

        // the loan (3 cattle at 450 000.00) comes over Kafka too; the lender funds 1 500 000.00 and holds 1 350 000.00
        produce(LIVESTOCK, kz.digitaltenge.routes.livestock.testing.LivestockEvent.loan(loanNumber, lender, seller, borrower,
                now.plus(Duration.ofDays(30)).toString(), new kz.digitaltenge.routes.livestock.testing.LivestockEvent.Line("1", 3, "450000.00"))
                .with("at", now.minus(Duration.ofHours(2)).toString()).json().getBytes(StandardCharsets.UTF_8));
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> facts.latest(FactType.EVENT_REGISTERED, loan).isPresent());
        String coin = hub.submit(USERS.issuer(), new kz.digitaltenge.hub.api.TransactionJson.TransactionRequest("ISSUE",
                "kafka-fund-" + run, List.of(), List.of(new kz.digitaltenge.hub.api.TransactionJson.OutputJson(lender, "1500000.00")), null),
                issuer).json().path("txId").asText();
        String approval = hub.call("POST", "/api/programmable/events/" + loan + "/hold-approvals", USERS.treasury(), "application/json",
                DemoClient.json(Map.of("amount", "1350000.00")), 201).json().path("factId").asText();
        String eventFact = hub.getJson("/api/programmable/events/" + loan, USERS.admin()).path("factId").asText();
        hub.submit(USERS.treasury(), new kz.digitaltenge.hub.api.TransactionJson.TransactionRequest("HOLD", "kafka-hold-" + run,
                List.of(new kz.digitaltenge.hub.api.TransactionJson.InputJson(coin, 0)),
                List.of(new kz.digitaltenge.hub.api.TransactionJson.OutputJson(lender, "1350000.00", null, "EVENT:" + loan),
                        new kz.digitaltenge.hub.api.TransactionJson.OutputJson(lender, "150000.00")),
                List.of(eventFact, approval), null), bank);
        String circulating = hub.getJson("/api/ledger/supply", USERS.admin()).path("circulating").asText();

        // animal 1 names its loan; animal 2 names only the borrower (the rules find the loan in the borrower's index)
        String digits = String.format("%08d", Math.floorMod(run.hashCode(), 90_000_000) + 10_000_000);
        String[] animals = {"KZK1" + digits, "KZL1" + digits};
        String[] subjects = {loan, "BORROWER-" + borrower};
        String[] paidAfter = {"450000.00", "900000.00"};
        String[] factIds = new String[2];
        for (int a = 0; a < 2; a++) {
            byte[] change = kz.digitaltenge.routes.livestock.testing.LivestockEvent.ownerChange("KF-EV-" + run + "-" + a,
                    a == 0 ? loanNumber : null, animals[a], sellerBin, borrower, now.minus(Duration.ofMinutes(60 - a)).toString())
                    .with("species", "1").json().getBytes(StandardCharsets.UTF_8);
            // delivered, released, and the consumer dies before committing its offset: the broker delivers it again
            String crashed = "livestock-crash-" + run + "-" + a;
            crashBeforeCommit.armed.add(crashed);
            long offset = produceMarked(LIVESTOCK, change, crashed);
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                    .until(() -> crashBeforeCommit.of(crashed).size() >= 2);
            List<SeamCall> calls = crashBeforeCommit.of(crashed);
            assertThat(calls).hasSize(2).extracting(SeamCall::offset).containsExactly(offset, offset);
            IntakeResult first = single(calls.get(0).result());
            IntakeResult redelivered = single(calls.get(1).result());
            assertThat(first.status()).as(String.valueOf(first)).isEqualTo(IntakeResult.Status.ACCEPTED);
            assertThat(redelivered.status()).isEqualTo(IntakeResult.Status.DUPLICATE);
            assertThat(redelivered.factId()).isEqualTo(first.factId());
            factIds[a] = first.factId();
            assertThat(facts.find(kz.digitaltenge.ledger.fact.FactId.parse(factIds[a])).orElseThrow().fact().subject()).isEqualTo(subjects[a]);
            assertThat(hub.balance(seller)).as("animal %d paid once after the broker's redelivery", a).isEqualTo(paidAfter[a]);

            // the same record produced again: a duplicate of the same fact, nothing moves
            String resent = "livestock-resent-" + run + "-" + a;
            long resentOffset = produceMarked(LIVESTOCK, change, resent);
            String sameFact = factIds[a];
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                    .until(() -> !crashBeforeCommit.of(resent).isEmpty());
            assertThat(crashBeforeCommit.of(resent)).singleElement().satisfies(c -> {
                assertThat(c.offset()).isEqualTo(resentOffset).isGreaterThan(offset);
                assertThat(single(c.result()).status()).isEqualTo(IntakeResult.Status.DUPLICATE);
                assertThat(single(c.result()).factId()).isEqualTo(sameFact);
            });
            assertThat(hub.balance(seller)).as("animal %d: the record produced again moved nothing", a).isEqualTo(paidAfter[a]);
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                    .until(() -> committedOffset(intakeProperties.getKafkaGroupId(), LIVESTOCK) > resentOffset);
        }
        // a sweep (what a restarted hub runs) finds nothing unfinished, and moves nothing
        settlement.sweep();

        assertThat(hub.balance(seller)).isEqualTo("900000.00");
        assertThat(hub.balance(lender)).isEqualTo("600000.00");
        JsonNodeView event = new JsonNodeView(hub.getJson("/api/programmable/events/" + loan, USERS.admin()));
        assertThat(event.text("heldNow")).isEqualTo("450000.00");
        // one decision per fact, RELEASED once with the price; the oracle's own occurrence of animal 2 made once
        for (String f : factIds) {
            assertThat(count("select count(*) from hold_decisions where encode(fact_id, 'hex') = ? and outcome = 'RELEASED'"
                    + " and released = 45000000", f)).isEqualTo(1);
        }
        assertThat(count("select count(*) from facts where subject = ? and type = 'EVENT_OCCURRED'", loan))
                .as("animal 1's own fact and the oracle's occurrence of animal 2, nothing more").isEqualTo(2);
        // exactly two RELEASEs paid the seller, one per animal, each the price; the two occurrences each released once
        assertThat(count("select count(*) from transactions t join outputs o on o.tx_id = t.tx_id where t.type = 'RELEASE'"
                + " and o.owner = ? and o.amount = 45000000", seller)).isEqualTo(2);
        assertThat(count("select count(*) from transactions t join outputs o on o.tx_id = t.tx_id where t.type = 'RELEASE'"
                + " and o.owner = ?", seller)).isEqualTo(2);
        assertThat(count("select count(*) from transactions where type = 'RELEASE' and reference like 'release:' || ? || ':%'",
                factIds[0].substring(0, 16))).as("animal 1: one RELEASE names its fact").isEqualTo(1);
        assertThat(event.releasedOccurrences()).isEqualTo(2);
        assertThat(hub.getJson("/api/ledger/supply", USERS.admin()).path("circulating").asText()).isEqualTo(circulating);
        assertThat(hub.getJson("/api/ledger/supply/audit", USERS.admin()).path("consistent").asBoolean()).isTrue();
    }

    /** The few parts of an event's JSON the test reads. */
    private record JsonNodeView(com.fasterxml.jackson.databind.JsonNode json) {
        String text(String field) {
            return json.path(field).asText();
        }

        long releasedOccurrences() {
            long n = 0;
            for (com.fasterxml.jackson.databind.JsonNode o : json.path("occurrences")) {
                n += o.path("released").asBoolean() ? 1 : 0;
            }
            return n;
        }
    }
}
