package kz.digitaltenge.bench;

import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * async-profiler around each measured window only (not the start-up, the set-up or the warm-up), when
 * {@code bench/run.sh --profile} asks for it: {@code -Dbench.profile=<event>}, {@code -Dbench.profile.lib=<libasyncProfiler.so>},
 * {@code -Dbench.profile.dir=<dir>}. Driven through the profiler's own Java API (its jar on the classpath), by
 * reflection, so the bench needs no dependency on it otherwise. One collapsed-stacks file per window, named after the
 * scenario.
 */
final class Profiling {
    private static final String EVENT = System.getProperty("bench.profile");
    private static Object profiler;
    private static boolean running;

    private Profiling() {
    }

    static synchronized void start() {
        if (EVENT == null || EVENT.isBlank() || running) {
            return;
        }
        try {
            if (profiler == null) {
                Class<?> type = Class.forName("one.profiler.AsyncProfiler");
                profiler = type.getMethod("getInstance", String.class).invoke(null, System.getProperty("bench.profile.lib"));
            }
            execute("start,event=" + EVENT + ",interval=1ms");
            running = true;
        } catch (ReflectiveOperationException | RuntimeException e) {
            System.err.println("profiler not started: " + e);
        }
    }

    /** Stops the window's profile and writes it as {@code <dir>/<scenario>.collapsed}. */
    static synchronized void stop(String scenario) {
        if (!running) {
            return;
        }
        running = false;
        try {
            Path dir = Path.of(System.getProperty("bench.profile.dir", "bench/target/profile"));
            Files.createDirectories(dir);
            Path file = dir.resolve(scenario.replaceAll("[^A-Za-z0-9]+", "-").replaceAll("(^-|-$)", "") + ".collapsed");
            execute("stop,file=" + file.toAbsolutePath() + ",collapsed");
            System.out.println("  profile of '" + scenario + "': " + file);
        } catch (Exception e) {
            System.err.println("profile not written: " + e);
        }
    }

    private static void execute(String command) throws ReflectiveOperationException {
        Method m = profiler.getClass().getMethod("execute", String.class);
        m.invoke(profiler, command);
    }
}
