package kz.digitaltenge.bench;

import org.HdrHistogram.Histogram;

/** What one scenario measured: successful operations in the measured window, failures, and their latency. */
public record Result(String name, long ops, long failures, double seconds, Histogram latencyNanos, String note) {
    public double opsPerSecond() {
        return seconds <= 0 ? 0 : ops / seconds;
    }

    public double p50Millis() {
        return latencyNanos.getTotalCount() == 0 ? Double.NaN : latencyNanos.getValueAtPercentile(50) / 1e6;
    }

    public double p99Millis() {
        return latencyNanos.getTotalCount() == 0 ? Double.NaN : latencyNanos.getValueAtPercentile(99) / 1e6;
    }

    public double maxMillis() {
        return latencyNanos.getTotalCount() == 0 ? Double.NaN : latencyNanos.getMaxValue() / 1e6;
    }

    public Result withNote(String more) {
        return new Result(name, ops, failures, seconds, latencyNanos, note == null || note.isEmpty() ? more : note + "; " + more);
    }
}
