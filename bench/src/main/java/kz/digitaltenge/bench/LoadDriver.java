package kz.digitaltenge.bench;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * A closed-loop load generator with bounded concurrency: one thread starts operations while fewer than
 * {@code inFlight} are outstanding; each completion frees a slot. After a warm-up, operations that
 * <em>complete</em> inside the measured window are counted, and their latency (start to completion, which
 * includes any time queued inside the system under test) is recorded in an HdrHistogram.
 */
public final class LoadDriver {
    /** Starts one operation; the future completes when it is done (exceptionally when it failed). */
    @FunctionalInterface
    public interface AsyncOp {
        CompletableFuture<?> start(long seq);
    }

    private LoadDriver() {
    }

    public static Result run(String name, int inFlight, Duration warmup, Duration measure, long maxOps, AsyncOp op) {
        Semaphore slots = new Semaphore(inFlight);
        Recorder recorder = new Recorder(3);
        AtomicLong ok = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        AtomicLong firstError = new AtomicLong();
        String[] errorText = new String[1];
        long begin = System.nanoTime();
        long measureStart = begin + warmup.toNanos();
        long measureEnd = measureStart + measure.toNanos();
        long seq = 0;
        CpuMeter cpu = null;
        String cpuSummary = "";
        try {
            while (seq < maxOps) {
                long now = System.nanoTime();
                if (now >= measureEnd) {
                    break;
                }
                if (cpu == null && now >= measureStart) {
                    cpu = new CpuMeter();
                    Profiling.start();
                }
                if (!slots.tryAcquire(10, TimeUnit.MILLISECONDS)) {
                    continue;
                }
                long started = System.nanoTime();
                CompletableFuture<?> f;
                try {
                    f = op.start(seq++);
                } catch (RuntimeException e) {
                    f = CompletableFuture.failedFuture(e);
                }
                f.whenComplete((r, e) -> {
                    long done = System.nanoTime();
                    if (done >= measureStart && done < measureEnd) {
                        if (e == null) {
                            ok.incrementAndGet();
                            recorder.recordValue(done - started);
                        } else {
                            failed.incrementAndGet();
                            if (firstError.getAndIncrement() == 0) {
                                errorText[0] = String.valueOf(e);
                            }
                        }
                    }
                    slots.release();
                });
            }
            if (cpu != null && seq < maxOps) {
                cpuSummary = cpu.summary();
            }
            Profiling.stop(name);
            // let everything outstanding finish (it is not counted if it completes after the window)
            if (!slots.tryAcquire(inFlight, 120, TimeUnit.SECONDS)) {
                System.err.println(name + ": operations still outstanding after 120 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        long end = Math.min(System.nanoTime(), measureEnd);
        double seconds = Math.max(0, end - measureStart) / 1e9;
        Histogram h = recorder.getIntervalHistogram();
        if (cpuSummary.isEmpty() && cpu != null) {
            cpuSummary = cpu.summary();
        }
        String note = cpuSummary + (cpu == null ? "" : cpu.perOperation(ok.get()))
                + (errorText[0] == null ? "" : "; first failure: " + errorText[0]);
        return new Result(name, ok.get(), failed.get(), seconds, h, note);
    }
}
