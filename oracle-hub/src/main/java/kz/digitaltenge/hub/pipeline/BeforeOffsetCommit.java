package kz.digitaltenge.hub.pipeline;

import org.apache.camel.Exchange;

/**
 * A test seam in the Kafka intake, between durable processing and the offset commit. Production registers no bean
 * of this type, and then the route has no such step at all ({@link KafkaIntakeRoutes}).
 *
 * <p>It exists so a test can crash the consumer at the one point the at-least-once design has to survive: the
 * record is already a fact (or a duplicate of one, or quarantined) but its offset is not committed. Throwing from
 * {@link #beforeCommit} fails the exchange; the route breaks on the error ({@code breakOnFirstError}), so the
 * offset is not committed, the Camel consumer drops its Kafka client and reconnects, and the broker hands the
 * uncommitted record to the new client — which the intake's repository must turn into the same fact.
 */
@FunctionalInterface
public interface BeforeOffsetCommit {

    /**
     * Called once per consumed record after the pipeline answered and before the manual commit.
     *
     * @param exchange the body is the {@link IntakeResult}; the headers are the Kafka record's (topic, partition,
     *                 offset and the record's own headers)
     * @throws Exception to simulate a crash before the commit
     */
    void beforeCommit(Exchange exchange) throws Exception;
}
