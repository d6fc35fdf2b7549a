package kz.digitaltenge.hub.pipeline;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.component.kafka.consumer.KafkaManualCommit;
import org.apache.camel.model.RouteDefinition;

/**
 * Kafka intake, when brokers are configured: one consumer route per source system on topic
 * {@code <prefix><source>}, feeding the same {@code direct:intake} routes as HTTP. The offset is committed by
 * hand, only after the message is durably a fact, a duplicate of one, or in quarantine — so a crash before the
 * commit redelivers the record, and the intake's repository turns the redelivery into the same fact. A record
 * the pipeline cannot store anywhere (database down) is not committed: the consumer stops on it and polls it
 * again. A poison record is quarantined like any bad message and the partition moves on.
 *
 * <p>An optional {@link BeforeOffsetCommit} runs between the pipeline and the commit; it is a test seam only (a test
 * makes it throw to crash the consumer after durable processing and before the commit). Without one — production —
 * the route has no such step.
 */
public class KafkaIntakeRoutes extends RouteBuilder {
    private final IntakeProperties properties;
    private final SourceSystems sources;
    private final BeforeOffsetCommit beforeOffsetCommit;

    /** @param beforeOffsetCommit the test seam, or null (production) */
    public KafkaIntakeRoutes(IntakeProperties properties, SourceSystems sources, BeforeOffsetCommit beforeOffsetCommit) {
        this.properties = properties;
        this.sources = sources;
        this.beforeOffsetCommit = beforeOffsetCommit;
    }

    @Override
    public void configure() {
        if (!properties.kafkaEnabled()) {
            return;
        }
        for (SourceSystems.Declared source : sources.all()) {
            String declaredTopic = source.system().transports().kafkaTopic();
            String topic = declaredTopic != null ? declaredTopic : properties.getKafkaTopicPrefix() + source.id();
            // the record headers this source reads (its declaration's), and a source signature when it signs
            java.util.List<String> recordHeaders = new java.util.ArrayList<>(source.system().headers());
            recordHeaders.add(FactIntake.SIGNATURE_HEADER);
            // pollTimeoutMs: stopping a consumer waits for its current poll to return; with the default 5 s the hub's
            // five intake consumers took ~17 s to stop one after another, 1 s keeps a shutdown to a few seconds
            RouteDefinition route = from("kafka:" + topic + "?brokers=" + properties.getKafkaBrokers() + "&groupId=" + properties.getKafkaGroupId()
                    + "&autoCommitEnable=false&allowManualCommit=true&breakOnFirstError=true&autoOffsetReset=earliest"
                    + "&pollTimeoutMs=1000&valueDeserializer=org.apache.kafka.common.serialization.ByteArrayDeserializer")
                    .routeId("kafka-intake-" + source.id())
                    .process(e -> {
                        byte[] body = e.getMessage().getBody(byte[].class);
                        Map<String, String> headers = new LinkedHashMap<>();
                        headers.put("kafkaTopic", topic);
                        headers.put(kz.digitaltenge.hub.security.Sender.HEADER, kz.digitaltenge.hub.security.Sender.kafka(topic).header());
                        headers.put("kafkaPartition", String.valueOf(e.getMessage().getHeader(KafkaConstants.PARTITION)));
                        headers.put("kafkaOffset", String.valueOf(e.getMessage().getHeader(KafkaConstants.OFFSET)));
                        // the record's own headers the translation and the signature check read (e.g. the e-invoice
                        // IS's registrationNumber and status); Kafka delivers them as bytes
                        for (String name : recordHeaders) {
                            Object value = e.getMessage().getHeader(name);
                            if (value != null) {
                                headers.put(name, value instanceof byte[] b
                                        ? new String(b, java.nio.charset.StandardCharsets.UTF_8) : value.toString());
                            }
                        }
                        // the topic is the source's authentication (Kafka ACLs let only that system produce to it)
                        e.getMessage().setBody(new IntakeState(source.id(), body == null ? new byte[0] : body,
                                contentType(body), headers, Set.of(source.role().name()), false));
                    })
                    // the pipeline in an exchange of its own: a message it quarantines ends its exchange as handled,
                    // which stopped this route before the commit below when called with .to(): a quarantined record
                    // was committed only by a later record of its partition, and redelivered (quarantined again) when
                    // the partition moved to another hub first (found by bin/fault-suite). A failure to store the
                    // message anywhere still throws here, so that record is not committed and is polled again.
                    .process(e -> e.getMessage().setBody(intake().requestBody(FactPipelineRoutes.INTAKE, e.getMessage().getBody())));
            if (beforeOffsetCommit != null) {
                route.process(beforeOffsetCommit::beforeCommit);
            }
            route.process(KafkaIntakeRoutes::commit);
        }
    }

    /** Kafka carries no content type: a record that starts with '<' is the source's XML, anything else canonical JSON. */
    static String contentType(byte[] body) {
        if (body != null) {
            for (byte b : body) {
                if (b == '<') {
                    return "application/xml";
                }
                if (!Character.isWhitespace(b) && b != (byte) 0xEF && b != (byte) 0xBB && b != (byte) 0xBF) {
                    break;
                }
            }
        }
        return "application/json";
    }

    private org.apache.camel.ProducerTemplate intake;

    private synchronized org.apache.camel.ProducerTemplate intake() {
        if (intake == null) {
            intake = getContext().createProducerTemplate();
        }
        return intake;
    }

    private static void commit(Exchange e) {
        KafkaManualCommit manual = e.getMessage().getHeader(KafkaConstants.MANUAL_COMMIT, KafkaManualCommit.class);
        if (manual != null) {
            manual.commit();
        }
    }
}
