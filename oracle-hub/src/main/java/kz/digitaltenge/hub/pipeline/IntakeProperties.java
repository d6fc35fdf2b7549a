package kz.digitaltenge.hub.pipeline;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code hub.intake.*}: which source systems the intake accepts and which caller role speaks for each. */
@ConfigurationProperties(prefix = "hub.intake")
public class IntakeProperties {
    /** source system → the role a caller needs to submit its messages. */
    private Map<String, String> sources = new LinkedHashMap<>(Map.of(
            "einvoice", "TAX_AUTHORITY",
            "subsidy", "EVENT_PROVIDER",
            "livestock", "EVENT_PROVIDER",
            "procurement", "EVENT_PROVIDER",
            "erp-1c", "BANK"));
    /** Where signed facts are published (a Camel endpoint URI; a Kafka topic when brokers are configured). */
    private String publishUri = "log:kz.digitaltenge.hub.facts?level=DEBUG";

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
