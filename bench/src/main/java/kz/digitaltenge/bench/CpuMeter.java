package kz.digitaltenge.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU use over an interval: this JVM's process CPU time, and the whole machine's busy share from /proc/stat
 * (which includes the PostgreSQL server processes). Tells a reader whether a scenario was CPU-bound.
 */
final class CpuMeter {
    private final long wallStart = System.nanoTime();
    private final long processStart = processCpuNanos();
    private final long[] systemStart = systemTicks();

    /** CPU nanoseconds of this JVM and of the whole machine over the interval, as of the last {@link #summary()}. */
    private double jvmNanos = Double.NaN;
    private double machineNanos = Double.NaN;

    /** "jvm 63% / machine 88% of 2 cpus" for the interval since construction. */
    String summary() {
        int cpus = Runtime.getRuntime().availableProcessors();
        double wall = System.nanoTime() - wallStart;
        jvmNanos = processStart < 0 ? Double.NaN : processCpuNanos() - processStart;
        double jvm = 100.0 * jvmNanos / (wall * cpus);
        long[] end = systemTicks();
        double machine = Double.NaN;
        if (systemStart != null && end != null && end[1] > systemStart[1]) {
            machine = 100.0 * (end[0] - systemStart[0]) / (end[1] - systemStart[1]);
            machineNanos = machine / 100.0 * wall * cpus;
        }
        return String.format("cpu: jvm %.0f%%, machine %.0f%% of %d cpus", jvm, machine, cpus);
    }

    /**
     * CPU per operation over the interval of the last {@link #summary()}: this JVM's, and the rest of the machine's
     * (PostgreSQL's, when nothing else runs), in microseconds.
     */
    String perOperation(long ops) {
        if (ops <= 0 || Double.isNaN(jvmNanos)) {
            return "";
        }
        return String.format("; cpu per op: jvm %.0f us + rest of machine %.0f us", jvmNanos / ops / 1e3,
                Double.isNaN(machineNanos) ? Double.NaN : Math.max(0, machineNanos - jvmNanos) / ops / 1e3);
    }

    private static long processCpuNanos() {
        var os = ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean s ? s.getProcessCpuTime() : -1;
    }

    /** {busy, total} jiffies of the first line of /proc/stat, or null off Linux. */
    private static long[] systemTicks() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < f.length; i++) {
                total += Long.parseLong(f[i]);
            }
            long idle = Long.parseLong(f[4]) + (f.length > 5 ? Long.parseLong(f[5]) : 0);
            return new long[] {total - idle, total};
        } catch (Exception e) {
            return null;
        }
    }
}
