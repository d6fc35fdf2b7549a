package kz.digitaltenge.bench.faults;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The Kafka side of the workload: invoice registrations on {@code hub.intake.einvoice} (routes-einvoice declares the
 * source {@code einvoice}, which takes a canonical message as JSON over Kafka), each with its own
 * {@code sourceMessageId}, and poison records (not JSON), produced with {@code acks=all} and an idempotent producer.
 * Every record and the broker's answer go to the history ({@code kind: kafka}).
 */
final class KafkaLoad implements AutoCloseable {
    static final String EINVOICE_TOPIC = "hub.intake.einvoice";

    private final ClusterEnv env;
    private final History history;
    private final String run;
    private KafkaProducer<byte[], byte[]> producer;
    private int seq;

    KafkaLoad(ClusterEnv env, History history, String run) {
        this.env = env;
        this.history = history;
        this.run = run;
    }

    private KafkaProducer<byte[], byte[]> producer() {
        if (producer == null) {
            Properties p = new Properties();
            p.put("bootstrap.servers", env.kafkaBrokers());
            p.put("key.serializer", ByteArraySerializer.class.getName());
            p.put("value.serializer", ByteArraySerializer.class.getName());
            p.put("acks", "all");
            p.put("enable.idempotence", "true");
            p.put("max.block.ms", "20000");
            p.put("request.timeout.ms", "10000");
            p.put("delivery.timeout.ms", "120000");   // outlives a broker's kill and restart (~20 s) and a cluster restart
            producer = new KafkaProducer<>(p);
        }
        return producer;
    }

    /** Produces {@code count} invoice registrations and {@code poison} bad records. */
    void produce(int count, int poison, String phase) {
        for (int i = 0; i < count + poison; i++) {
            int n = seq++;
            String id = run + "-k" + n;
            String subject = run.toUpperCase() + "-INV-" + n;
            boolean bad = i >= count;
            String body = bad ? "{\"sourceMessageId\": \"" + id + "\", this is not json " + n
                    : "{\"sourceMessageId\":\"" + id + "\",\"type\":\"INVOICE_REGISTERED\",\"subject\":\"" + subject + "\","
                    + "\"terms\":{\"sellerTin\":\"123456789013\",\"buyerTin\":\"000000000011\",\"net\":\"50000\",\"vat\":\"6000\","
                    + "\"gross\":\"56000\",\"currency\":\"KZT\",\"status\":\"CREATED\"},\"occurredAt\":\"" + Instant.now() + "\"}";
            send(id, bad ? null : subject, body, bad, phase);
        }
    }

    private void send(String id, String subject, String body, boolean bad, String phase) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        long sent = System.currentTimeMillis();
        try {
            producer().send(new ProducerRecord<>(EINVOICE_TOPIC, bytes), (md, ex) -> {
                ObjectNode l = History.line("kafka").put("messageId", id).put("topic", EINVOICE_TOPIC).put("poison", bad)
                        .put("subject", subject).put("body", body).put("phase", phase)
                        .put("sent", sent).put("answered", System.currentTimeMillis());
                if (ex == null) {
                    l.put("outcome", "ACKED").put("partition", md.partition()).put("offset", md.offset());
                } else {
                    l.put("outcome", "ERROR").put("error", ex.toString());
                }
                history.write(l);
            });
        } catch (Exception ex) {
            history.write(History.line("kafka").put("messageId", id).put("topic", EINVOICE_TOPIC).put("poison", bad)
                    .put("subject", subject).put("body", body).put("phase", phase).put("sent", sent)
                    .put("answered", System.currentTimeMillis()).put("outcome", "ERROR").put("error", ex.toString()));
        }
    }

    /** One invoice's registration (the canonical INVOICE_REGISTERED, status CREATED) for the payment workload. */
    void invoice(String registrationNumber, String sellerTin, String buyerTin, long net, long vat, String phase) {
        String id = run + "-inv-" + registrationNumber;
        String body = "{\"sourceMessageId\":\"" + id + "\",\"type\":\"INVOICE_REGISTERED\",\"subject\":\"" + registrationNumber + "\","
                + "\"terms\":{\"sellerTin\":\"" + sellerTin + "\",\"buyerTin\":\"" + buyerTin + "\",\"net\":\"" + net + "\",\"vat\":\""
                + vat + "\",\"gross\":\"" + (net + vat) + "\",\"currency\":\"KZT\",\"status\":\"CREATED\"},\"occurredAt\":\"" + Instant.now() + "\"}";
        send(id, registrationNumber, body, false, phase);
    }

    void flush() {
        producer().flush();
    }

    @Override
    public void close() {
        if (producer != null) {
            producer.flush();
            producer.close(Duration.ofSeconds(30));
        }
    }
}
