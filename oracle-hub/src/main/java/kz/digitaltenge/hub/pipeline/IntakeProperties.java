package kz.digitaltenge.hub.pipeline;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code hub.intake.*}: which source systems the intake accepts and which caller role speaks for each. */
@ConfigurationProperties(prefix = "hub.intake")
public class IntakeProperties {
    /** source system → the role a caller needs to submit its messages. */
    private Map<String, String> sources = new LinkedHashMap<>(Map.of(
            "subsidy", "EVENT_PROVIDER",
            "livestock", "EVENT_PROVIDER"));
    /**
     * source system → the fact types it may produce (deny by default: a source not named here produces none). A
     * message of another type is refused NOT_AUTHORIZED and quarantined. The oracle's approvals (HOLD_APPROVED,
     * RELEASE_APPROVED) are made by the hub's own logic only: naming one here stops the hub at start.
     */
    private Map<String, java.util.List<String>> factTypes = new LinkedHashMap<>(Map.of(
            "subsidy", java.util.List.of("EVENT_REGISTERED", "EVENT_OCCURRED"),
            "livestock", java.util.List.of("EVENT_REGISTERED", "EVENT_OCCURRED")));
    // procurement is declared by routes-procurement itself (CONTRACT_REGISTERED, PROJECT_DEFINED)

    public Map<String, java.util.List<String>> getFactTypes() {
        return factTypes;
    }

    public void setFactTypes(Map<String, java.util.List<String>> factTypes) {
        this.factTypes = factTypes;
    }

    /** The declared fact types per source, checked: unknown names and approvals are a configuration error. */
    public Map<String, java.util.Set<kz.digitaltenge.ledger.fact.FactType>> declaredFactTypes() {
        Map<String, java.util.Set<kz.digitaltenge.ledger.fact.FactType>> out = new LinkedHashMap<>();
        for (Map.Entry<String, java.util.List<String>> e : factTypes.entrySet()) {
            java.util.Set<kz.digitaltenge.ledger.fact.FactType> types = java.util.EnumSet.noneOf(kz.digitaltenge.ledger.fact.FactType.class);
            for (String name : e.getValue()) {
                kz.digitaltenge.ledger.fact.FactType type;
                try {
                    type = kz.digitaltenge.ledger.fact.FactType.valueOf(name.strip());
                } catch (IllegalArgumentException ex) {
                    throw new IllegalStateException("hub.intake.fact-types." + e.getKey() + ": unknown fact type " + name);
                }
                if (FactIntake.APPROVALS.contains(type)) {
                    throw new IllegalStateException("hub.intake.fact-types." + e.getKey() + " names " + type
                            + ": approvals are produced by the oracle's own logic only, never accepted from a source");
                }
                types.add(type);
            }
            out.put(e.getKey(), java.util.Set.copyOf(types));
        }
        return out;
    }

    /** Where signed facts are published (a Camel endpoint URI; a Kafka topic when brokers are configured). */
    private String publishUri = "log:kz.digitaltenge.hub.facts?level=DEBUG";

    /**
     * Source systems that must sign what they send → the ids of their registered keys. A message of such a source
     * carries {@code X-Source-Signature: <keyId>:<base64>} (HTTP) or header {@code sourceSignature} (Kafka) over
     * {@code digital-tenge/source/v1:} + SHA-256 of the body; the hub verifies it before accepting anything.
     */
    private Map<String, java.util.List<String>> signedSources = new LinkedHashMap<>();

    public Map<String, java.util.List<String>> getSignedSources() {
        return signedSources;
    }

    public void setSignedSources(Map<String, java.util.List<String>> signedSources) {
        this.signedSources = signedSources;
    }

    /** Kafka brokers ("host:port,..."); empty: the hub runs on HTTP intake alone. */
    private String kafkaBrokers = "";
    /** Inbound topics are {@code <prefix><source system>}. */
    private String kafkaTopicPrefix = "hub.intake.";
    /** The topic signed facts are published to when Kafka is configured. */
    private String kafkaFactsTopic = "hub.facts";
    private String kafkaGroupId = "oracle-hub";

    public String getKafkaBrokers() {
        return kafkaBrokers;
    }

    public void setKafkaBrokers(String kafkaBrokers) {
        this.kafkaBrokers = kafkaBrokers;
    }

    public String getKafkaTopicPrefix() {
        return kafkaTopicPrefix;
    }

    public void setKafkaTopicPrefix(String kafkaTopicPrefix) {
        this.kafkaTopicPrefix = kafkaTopicPrefix;
    }

    public String getKafkaFactsTopic() {
        return kafkaFactsTopic;
    }

    public void setKafkaFactsTopic(String kafkaFactsTopic) {
        this.kafkaFactsTopic = kafkaFactsTopic;
    }

    public String getKafkaGroupId() {
        return kafkaGroupId;
    }

    public void setKafkaGroupId(String kafkaGroupId) {
        this.kafkaGroupId = kafkaGroupId;
    }

    public boolean kafkaEnabled() {
        return kafkaBrokers != null && !kafkaBrokers.isBlank();
    }

    /** Where facts are published: the Kafka topic when brokers are configured, else {@link #getPublishUri()}. */
    public String effectivePublishUri() {
        return kafkaEnabled() ? "kafka:" + kafkaFactsTopic + "?brokers=" + kafkaBrokers : publishUri;
    }

    public Map<String, String> getSources() {
        return sources;
    }

    public void setSources(Map<String, String> sources) {
        this.sources = sources;
    }

    public String getPublishUri() {
        return publishUri;
    }

    public void setPublishUri(String publishUri) {
        this.publishUri = publishUri;
    }
}
