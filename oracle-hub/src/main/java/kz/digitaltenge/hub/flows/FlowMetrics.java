package kz.digitaltenge.hub.flows;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The dashboard's figures as Micrometer meters ({@code /actuator/prometheus}): facts made and messages quarantined per
 * source ({@code hub_intake_facts_total}, {@code hub_intake_quarantined_total}), the quarantine's size and the payments
 * awaiting bank confirmation. Read from the stores (so every hub reports the same and a restart loses nothing) every
 * {@code hub.flows.metrics-refresh} (10 s) on a thread of their own, however often they are scraped: a scrape reads
 * the last figures and never waits for the database.
 */
final class FlowMetrics implements MeterBinder, AutoCloseable {
    private final FlowStatistics statistics;
    private final Duration refresh;
    private volatile FlowStatistics.Totals totals = new FlowStatistics.Totals(Map.of(), Map.of(), 0, 0);
    private final Set<String> registered = ConcurrentHashMap.newKeySet();
    private final java.util.concurrent.ScheduledExecutorService reader = java.util.concurrent.Executors
            .newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "flow-metrics");
                t.setDaemon(true);
                return t;
            });
    private volatile MeterRegistry registry;

    FlowMetrics(FlowStatistics statistics, Duration refresh) {
        this.statistics = statistics;
        this.refresh = refresh;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        this.registry = registry;
        Gauge.builder("hub.quarantine.size", this, m -> m.totals.quarantineSize())
                .description("messages in the quarantine now (status QUARANTINED)").register(registry);
        Gauge.builder("hub.payments.awaiting.confirmation", this, m -> m.totals.awaitingConfirmation())
                .description("payment orders awaiting their bank's confirmation").register(registry);
        reader.scheduleWithFixedDelay(this::read, 0, Math.max(100, refresh.toMillis()), java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    /** Reads the totals again; a new source gets its counters when first seen. */
    private void read() {
        try {
            totals = statistics.totals();
        } catch (RuntimeException e) {
            return; // the database is down: the last figures stay; health says what is wrong
        }
        totals.facts().keySet().forEach(s -> counter("hub.intake.facts", s, "messages of the source that became signed facts"));
        totals.quarantined().keySet().forEach(s -> counter("hub.intake.quarantined", s, "messages of the source quarantined"));
    }

    @Override
    public void close() {
        reader.shutdownNow();
    }

    private void counter(String name, String source, String description) {
        if (registry != null && registered.add(name + "|" + source)) {
            boolean facts = name.endsWith("facts");
            FunctionCounter.builder(name, this, m -> (facts ? m.totals.facts() : m.totals.quarantined()).getOrDefault(source, 0L))
                    .tag("source", source).description(description).register(registry);
        }
    }
}
