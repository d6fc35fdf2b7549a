package kz.digitaltenge.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import kz.digitaltenge.ledger.crypto.Ed25519Engine;
import kz.digitaltenge.ledger.crypto.Ed25519Verifier;
import kz.digitaltenge.ledger.crypto.Keys;
import kz.digitaltenge.ledger.crypto.SignatureAlgorithm;

/**
 * The ceiling signature checks alone put on full transfers: Ed25519 verifications per second through the same
 * prepared {@link Ed25519Verifier} the ledger uses, on as many threads as the ledger has validators, nothing
 * else running. A full transfer needs at least one verification, so this bounds it from above. Measured once per
 * engine in the same JVM — BouncyCastle, then libsodium where it loads — so the two figures compare directly.
 */
public final class SignatureCeiling {
    private SignatureCeiling() {
    }

    /** One result per available engine, BouncyCastle first. */
    public static List<Result> run(BenchConfig cfg) {
        int n = 4096;
        KeyPair kp = Keys.generate(SignatureAlgorithm.ED25519);
        byte[][] ids = new byte[n][32];
        byte[][] sigs = new byte[n][];
        for (int i = 0; i < n; i++) {
            ThreadLocalRandom.current().nextBytes(ids[i]);
            sigs[i] = Keys.sign(SignatureAlgorithm.ED25519, kp.getPrivate(), ids[i]);
        }
        List<Result> results = new ArrayList<>();
        for (Ed25519Engine engine : Ed25519Engine.values()) {
            if (!engine.available()) {
                System.out.println("  ed25519 verify only: " + engine + " not measured, libsodium did not load");
                continue;
            }
            Ed25519Verifier verifier = Ed25519Verifier.of(kp.getPublic().getEncoded(), Keys.DOMAIN, engine);
            results.add(measure(cfg, engine, verifier, ids, sigs));
            System.gc();
        }
        return results;
    }

    /**
     * CPU time of one verification on one thread, from the thread's own CPU clock: on a machine shared with other
     * work the wall-clock rates above move with the load, this much less.
     */
    private static double cpuMicrosPerVerification(Ed25519Verifier verifier, byte[][] ids, byte[][] sigs) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        int count = 20_000;
        long start = threads.getCurrentThreadCpuTime();
        for (int i = 0; i < count; i++) {
            if (!verifier.verify(ids[i % ids.length], sigs[i % ids.length])) {
                throw new IllegalStateException("signature did not verify");
            }
        }
        return (threads.getCurrentThreadCpuTime() - start) / 1e3 / count;
    }

    private static Result measure(BenchConfig cfg, Ed25519Engine engine, Ed25519Verifier verifier, byte[][] ids, byte[][] sigs) {
        int n = ids.length;
        ExecutorService pool = Executors.newFixedThreadPool(cfg.validatorThreads);
        try {
            String name = "ed25519 verify only, " + (engine == Ed25519Engine.NATIVE ? "libsodium" : "BouncyCastle") + " ("
                    + cfg.validatorThreads + " threads)";
            Result r = LoadDriver.run(name, 256, cfg.warmup, cfg.duration, Long.MAX_VALUE, seq -> CompletableFuture.supplyAsync(() -> {
                int i = (int) (seq % n);
                if (!verifier.verify(ids[i], sigs[i])) {
                    throw new IllegalStateException("signature did not verify");
                }
                return null;
            }, pool));
            // every validator thread busy the whole window: the time one verification holds a thread (wall clock)
            double micros = r.opsPerSecond() == 0 ? Double.NaN : cfg.validatorThreads * 1e6 / r.opsPerSecond();
            return r.withNote(String.format("%s; %.1f µs of a thread per verification; %.1f µs of CPU per verification"
                    + " (one thread, CPU time)", engine.describe(), micros, cpuMicrosPerVerification(verifier, ids, sigs)));
        } finally {
            pool.shutdownNow();
        }
    }
}
