package kz.digitaltenge.canonical.source;

import java.time.Duration;

/**
 * The ways a source's messages reach the hub besides its HTTP intake path: a Kafka topic (consumed when the hub has
 * brokers), a watched directory, a scheduled poll of the source's own API. Null means "not this way".
 *
 * @param kafkaTopic the topic, or null for the hub's default {@code <prefix><source id>}
 * @param directory  a directory the hub watches for files of this source, or null
 * @param poll       how often the hub polls the source's API through its {@link SourcePoller}, or null
 */
public record Transports(String kafkaTopic, String directory, Duration poll) {
    public static Transports http() {
        return new Transports(null, null, null);
    }
}
