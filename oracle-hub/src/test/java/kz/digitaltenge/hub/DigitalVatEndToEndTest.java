package kz.digitaltenge.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import kz.digitaltenge.hub.demo.DigitalVatScenario;
import kz.digitaltenge.ledger.Ledger;
import kz.digitaltenge.canonical.id.AccountNumber;
import kz.digitaltenge.ledger.tx.StoredOutput;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Digital VAT end to end, with a real in-JVM Kafka broker, embedded PostgreSQL and the hub running on the demo
 * profile's users: an invoice event arrives on the e-invoice topic (InvoiceV2 XML), a 1C file of two payment
 * orders pays it, the balances of buyer and seller (standard and VAT) are right, the payment status reaches the
 * e-invoice side's topic, the seller pays VAT to the tax office where the mark is gone, and a VAT token offered for
 * anything else is refused. The scenario is the one {@code bin/demo-vat} plays.
 */
@SpringBootTest(classes = OracleHubApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("demo")
@org.springframework.context.annotation.Import(DigitalVatEndToEndTest.BrokerLifetime.class)
// this context has a broker of its own: close both when the class is done, not at the JVM's exit
@org.springframework.test.annotation.DirtiesContext(classMode = org.springframework.test.annotation.DirtiesContext.ClassMode.AFTER_CLASS)
class DigitalVatEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String INVOICES = "hub.intake.einvoice";
    private static final String STATUSES = "hub.einvoice.statuses";
    private static final EmbeddedKafkaKraftBroker BROKER = new EmbeddedKafkaKraftBroker(1, 1, INVOICES, "hub.facts", STATUSES);

    static {
        BROKER.afterPropertiesSet();
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("hub.data-dir", () -> java.nio.file.Path.of("target", "test-hub-data-vat", UUID.randomUUID().toString())
                .toAbsolutePath().toString());
        registry.add("hub.hazelcast.port", () -> 40000 + java.util.concurrent.ThreadLocalRandom.current().nextInt(10000));
        registry.add("hub.hazelcast.cluster-name", () -> "hub-vat-test-" + UUID.randomUUID());
        registry.add("hub.holds.expiry-interval", () -> "10m");
        registry.add("hub.intake.kafka-brokers", BROKER::getBrokersAsString);
        registry.add("hub.intake.kafka-group-id", () -> "hub-vat-" + UUID.randomUUID());
    }

    /**
     * Stops the broker with the hub that consumes from it: Spring stops Camel (the consumers) before it destroys
     * beans. Not in an @AfterAll: JUnit runs that before Spring closes the context, and a hub whose broker is gone
     * cannot close its Kafka consumers (each waits for the broker), which kept the test JVM from exiting until
     * Surefire killed it.
     */
    @org.springframework.boot.test.context.TestConfiguration(proxyBeanMethods = false)
    static class BrokerLifetime {
        @org.springframework.context.annotation.Bean
        org.springframework.beans.factory.DisposableBean stopBrokerAfterTheHub() {
            return BROKER::destroy;
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    Ledger ledger;

    @Test
    void anInvoiceFromKafkaIsPaidFrom1cTheSplitHoldsTheStatusGoesBackAndVatOnlyGoesToTax() throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        DigitalVatScenario.Result r;
        try (KafkaProducer<String, byte[]> producer = producer()) {
            r = new DigitalVatScenario(URI.create("http://localhost:" + port + "/"), DigitalVatScenario.Users.demo(), "990340000024",
                    new PrintStream(printed, true, StandardCharsets.UTF_8)).run((reg, status, xml) -> {
                        ProducerRecord<String, byte[]> rec = new ProducerRecord<>(INVOICES, reg, xml);
                        rec.headers().add(new RecordHeader("registrationNumber", reg.getBytes(StandardCharsets.UTF_8)));
                        rec.headers().add(new RecordHeader("status", status.getBytes(StandardCharsets.UTF_8)));
                        producer.send(rec).get();
                    });
        }
        String log = printed.toString(StandardCharsets.UTF_8);

        // the invoice arrived over Kafka and was registered from the XML's totals
        JsonNode registered = r.views().get("invoiceRegistered");
        assertThat(registered.path("gross").asText()).as(log).isEqualTo("560000.00");
        assertThat(registered.path("net").asText()).isEqualTo("500000.00");
        assertThat(registered.path("vat").asText()).isEqualTo("60000.00");
        assertThat(registered.path("paymentStatus").asText()).isEqualTo("UNPAID");

        // the 1C file's two orders were executed and settle the invoice exactly
        assertThat(r.paymentTransactions()).as(log).hasSize(2);
        JsonNode paid = r.views().get("invoiceAfterPayment");
        assertThat(paid.path("paymentStatus").asText()).isEqualTo("PAID");
        assertThat(paid.path("paid").asText()).isEqualTo("560000.00");
        assertThat(paid.path("outstanding").asText()).isEqualTo("0.00");
        assertThat(paid.path("paidVat").asText()).isEqualTo("60000.00");
        assertThat(paid.path("payments")).hasSize(2);

        // balances: the buyer paid 560 000.00 of its 1 000 000.00; the seller holds the net as standard money and kept
        // 10 000.00 of its 60 000.00 VAT as VAT tokens after paying 50 000.00 to the tax office, which holds standard money
        AccountNumber buyer = AccountNumber.parse(r.buyerAccount());
        AccountNumber seller = AccountNumber.parse(r.sellerAccount());
        AccountNumber tax = AccountNumber.parse(r.taxOfficeAccount());
        assertThat(ledger.queries().balance(buyer)).isEqualTo(44_000_000L);
        assertThat(sum(seller, null)).isEqualTo(50_000_000L);
        assertThat(sum(seller, "VAT")).isEqualTo(1_000_000L);
        assertThat(sum(tax, null)).isEqualTo(5_000_000L);
        assertThat(sum(tax, "VAT")).isZero();
        assertThat(sum(buyer, "VAT")).isZero();

        // the VAT token offered for a non-VAT purpose was refused and moved nothing
        assertThat(r.refusedReason()).isEqualTo("MARKING_VIOLATION");

        // what the demo leaves for the back office: the order dated 31 February, quarantined with its lines; correcting
        // the date (the back office's to fix) and retrying pays the second invoice
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        String backOffice = "Basic " + java.util.Base64.getEncoder().encodeToString("backoffice:demo-backoffice".getBytes(StandardCharsets.UTF_8));
        JsonNode refused = JSON.readTree(http.send(java.net.http.HttpRequest.newBuilder(URI.create("http://localhost:" + port
                + "/api/quarantine/messages/" + r.refusedDocumentQuarantineId())).header("Authorization", backOffice).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString()).body());
        assertThat(refused.path("reasonCode").asText()).as(log).isEqualTo("SCHEMA_INVALID");
        String today = java.time.LocalDate.now(kz.digitaltenge.hub.payment.Statements.ZONE)
                .format(java.time.format.DateTimeFormatter.ofPattern("dd.MM.yyyy"));
        String fixed = refused.path("bodyText").asText().replaceAll("31\\.02\\.\\d{4}", today);
        JsonNode edited = JSON.readTree(http.send(java.net.http.HttpRequest.newBuilder(URI.create("http://localhost:" + port
                + "/api/quarantine/messages/" + r.refusedDocumentQuarantineId() + "/edit-and-retry")).header("Authorization", backOffice)
                .header("Content-Type", "application/json").POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                        JSON.writeValueAsString(java.util.Map.of("text", fixed)))).build(), java.net.http.HttpResponse.BodyHandlers.ofString()).body());
        assertThat(edited.path("outcome").path("result").asText()).as(edited.toString()).isEqualTo("REPLAYED");
        assertThat(ledger.queries().balance(buyer)).isEqualTo(44_000_000L - 11_200_000L);

        // the status reached the e-invoice side: the last status of the invoice on its topic says PAID with both payments
        try (KafkaConsumer<String, String> consumer = consumer()) {
            consumer.subscribe(List.of(STATUSES));
            List<JsonNode> statuses = new ArrayList<>();
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                for (ConsumerRecord<String, String> rec : consumer.poll(Duration.ofMillis(200))) {
                    if (r.registrationNumber().equals(rec.key())) {
                        statuses.add(JSON.readTree(rec.value()));
                    }
                }
                assertThat(statuses).isNotEmpty();
                JsonNode last = statuses.get(statuses.size() - 1);
                assertThat(last.path("status").asText()).isEqualTo("PAID");
                assertThat(last.path("paid").asText()).isEqualTo("560000.00");
                assertThat(last.path("outstanding").asText()).isEqualTo("0.00");
                assertThat(last.path("payments")).hasSize(2);
            });
            assertThat(statuses.get(statuses.size() - 1).path("payments").findValuesAsText("transactionId"))
                    .containsExactlyInAnyOrderElementsOf(r.paymentTransactions());
        }
        assertThat(log).contains("КонечныйОстаток=440000.00");
    }

    private long sum(AccountNumber account, String marking) {
        long total = 0;
        for (StoredOutput o : ledger.queries().unspentOutputs(account, 1000)) {
            if (java.util.Objects.equals(o.output().marking(), marking)) {
                total += o.output().amount();
            }
        }
        return total;
    }

    private static KafkaProducer<String, byte[]> producer() {
        Properties p = new Properties();
        p.put("bootstrap.servers", BROKER.getBrokersAsString());
        p.put("key.serializer", org.apache.kafka.common.serialization.StringSerializer.class.getName());
        p.put("value.serializer", ByteArraySerializer.class.getName());
        return new KafkaProducer<>(p);
    }

    private static KafkaConsumer<String, String> consumer() {
        Properties p = new Properties();
        p.put("bootstrap.servers", BROKER.getBrokersAsString());
        p.put("group.id", "einvoice-is-" + UUID.randomUUID());
        p.put("auto.offset.reset", "earliest");
        p.put("key.deserializer", StringDeserializer.class.getName());
        p.put("value.deserializer", StringDeserializer.class.getName());
        return new KafkaConsumer<>(p);
    }

    /**
     * bin/demo-leasing's scenario against this hub (demo users): three subsidy holds settled by their statuses alone; and
     * played again on the same hub (bin/demo-leasing run twice), on applications of its own, the same.
     */
    @Test
    void theLeasingSubsidyScenarioSettlesItsHoldsByItselfAndAgainOnTheSameHub() throws Exception {
        kz.digitaltenge.hub.demo.LeasingScenario.Result first = leasing();
        kz.digitaltenge.hub.demo.LeasingScenario.Result second = leasing();
        assertThat(second.events().values()).doesNotContainAnyElementsOf(first.events().values());
    }

    private kz.digitaltenge.hub.demo.LeasingScenario.Result leasing() throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        kz.digitaltenge.hub.demo.LeasingScenario.Result r;
        try {
            r = new kz.digitaltenge.hub.demo.LeasingScenario(URI.create("http://localhost:" + port + "/"),
                    new PrintStream(printed, true, StandardCharsets.UTF_8)).run();
        } catch (RuntimeException e) {
            throw new AssertionError(printed.toString(StandardCharsets.UTF_8), e);
        }
        assertThat(r.leasingBalance()).as(printed.toString(StandardCharsets.UTF_8)).isEqualTo("4700000.00");
        assertThat(r.heldNow().values()).containsOnly("0.00");
        // the history says whose each entry is: #1's status stated no amount, so the oracle's own occurrence released it
        assertThat(r.historyOrigins()).containsEntry("1", List.of("SOURCE", "ORACLE")).containsEntry("2", List.of("SOURCE"))
                .containsEntry("3", List.of("SOURCE"));
        assertThat(r.released()).as("what each status released to the leasing company")
                .containsExactly(java.util.Map.entry("1", "3500000.00"), java.util.Map.entry("2", "1200000.00"),
                        java.util.Map.entry("3", "0.00"));
        return r;
    }
}
