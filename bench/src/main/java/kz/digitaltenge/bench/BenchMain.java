package kz.digitaltenge.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import kz.digitaltenge.ledger.crypto.Ed25519Engine;

/**
 * Runs the benchmark scenarios in one JVM, one after the other, and prints a table of ops/s, p50, p99 and
 * ratios against the baselines measured in the same run. Prints figures; asserts nothing.
 */
public final class BenchMain {
    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        Locale.setDefault(Locale.ROOT);
        BenchConfig cfg = new BenchConfig(args);
        System.out.println("== digital tenge ledger benchmark");
        System.out.println("  " + cfg);
        System.out.printf("  cpus=%d maxHeap=%d MiB java=%s (%s) vm args=%s%n", Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20, System.getProperty("java.version"), System.getProperty("java.vm.name"),
                ManagementFactory.getRuntimeMXBean().getInputArguments());
        // the engine the ledger's verifiers use in this run (digitaltenge.ed25519, default auto)
        System.out.println("  ed25519 engine of the ledger: " + Ed25519Engine.chosen().describe());
        String ledgerVerify = Ed25519Engine.chosen() == Ed25519Engine.NATIVE ? "verify-native" : "verify-java";

        Map<String, Result> results = new LinkedHashMap<>();
        List<String> notes = new ArrayList<>();
        if (cfg.runs("verify") || cfg.runs("ed25519")) {
            for (Result r : SignatureCeiling.run(cfg)) {
                put(results, r.name().contains("libsodium") ? "verify-native" : "verify-java", r);
            }
        }
        if (cfg.runs("hashset")) {
            put(results, "hashset", NotaryScenarios.hashSet(cfg));
        }
        if (cfg.runs("hazelcast1")) {
            put(results, "hazelcast1", NotaryScenarios.hazelcast(1, cfg));
        }
        if (cfg.runs("hazelcast3")) {
            put(results, "hazelcast3", NotaryScenarios.hazelcast(3, cfg));
        }
        boolean needPg = cfg.runs("postgres") || cfg.runs("transfers") || cfg.runs("store-size");
        TransferScenario.Outcome transfers = null;
        StoreSizeScenario.Outcome storeSize = null;
        if (needPg) {
            Files.createDirectories(cfg.workDir);
            try (DurablePostgres pg = new DurablePostgres(cfg.workDir.resolve("pgdata").toAbsolutePath(), cfg.pgStatements)) {
                String settings = pg.settings();
                System.out.println("  postgresql: " + settings);
                notes.add("postgresql: " + settings);
                if (cfg.runs("postgres")) {
                    put(results, "postgres", NotaryScenarios.postgres(pg, cfg));
                }
                if (cfg.runs("transfers")) {
                    transfers = TransferScenario.run(pg, cfg);
                    put(results, "transfers", transfers.result());
                }
                if (cfg.runs("store-size")) {
                    storeSize = StoreSizeScenario.run(pg, cfg, cfg.storeSizes, cfg.storeTransfers, cfg.storeWarmup);
                    for (Result r : storeSize.results()) {
                        put(results, r.name(), r);
                    }
                }
            }
        }

        if (cfg.runs("releases")) {
            for (Result r : ReleasesScenario.run(cfg)) {
                put(results, r.name(), r);
            }
        }
        if (cfg.runs("exceptions")) {
            for (Result r : ExceptionsPageScenario.run(cfg)) {
                put(results, r.name(), r);
            }
        }
        if (cfg.runs("invoices")) {
            for (Result r : InvoicePaymentScenario.run(cfg)) {
                put(results, r.name(), r);
            }
        }

        System.out.println();
        System.out.println("== results");
        System.out.printf("%-46s %12s %10s %10s %10s %9s %8s%n", "scenario", "ops/s", "p50 ms", "p99 ms", "max ms", "ops", "failed");
        for (Result r : results.values()) {
            System.out.printf("%-46s %12.0f %10.3f %10.3f %10.3f %9d %8d%n", r.name(), r.opsPerSecond(), r.p50Millis(),
                    r.p99Millis(), r.maxMillis(), r.ops(), r.failures());
        }
        System.out.println();
        for (Result r : results.values()) {
            System.out.printf("  %s: %.1f s measured; %s%n", r.name(), r.seconds(), r.note());
        }
        notes.forEach(n -> System.out.println("  " + n));

        if (storeSize != null) {
            System.out.println();
            System.out.println("== store size");
            storeSize.lines().forEach(l -> System.out.println("  " + l));
            storeSizeRatios(storeSize.results());
        }

        System.out.println();
        System.out.println("== ratios (same run)");
        if (results.containsKey("verify-java") && results.containsKey("verify-native")) {
            ratio("ed25519 verify only: libsodium / BouncyCastle",
                    results.get("verify-native").opsPerSecond() / results.get("verify-java").opsPerSecond(), "(info)", true, 0);
        }
        Result hz = results.getOrDefault("hazelcast3", results.get("hazelcast1"));
        if (hz != null && results.containsKey("postgres")) {
            ratio(hz.name() + " / postgresql-only notary", hz.opsPerSecond() / results.get("postgres").opsPerSecond(), ">= 10x", true, 10);
        }
        if (results.containsKey("hazelcast1") && results.containsKey("postgres")) {
            ratio("hazelcast notary, 1 member / postgresql-only notary",
                    results.get("hazelcast1").opsPerSecond() / results.get("postgres").opsPerSecond(), ">= 10x", true, 10);
        }
        if (hz != null && results.containsKey("hashset")) {
            ratio("in-process hash map / " + hz.name(), results.get("hashset").opsPerSecond() / hz.opsPerSecond(), "<= 5x", false, 5);
        }
        if (results.containsKey("hazelcast1") && results.containsKey("hashset")) {
            ratio("in-process hash map / hazelcast notary, 1 member",
                    results.get("hashset").opsPerSecond() / results.get("hazelcast1").opsPerSecond(), "<= 5x", false, 5);
        }
        if (transfers != null) {
            Result t = transfers.result();
            System.out.printf("  %-58s %10.0f/s   target >= 10000/s   %s%n", "durable signed transfers", t.opsPerSecond(),
                    t.opsPerSecond() >= 10_000 ? "MET" : "NOT MET");
            if (results.containsKey(ledgerVerify)) {
                ratio("durable signed transfers / ed25519 verify-only ceiling",
                        t.opsPerSecond() / results.get(ledgerVerify).opsPerSecond(), "(info)", true, 0);
            }
            if (results.containsKey("postgres")) {
                ratio("durable signed transfers / postgresql-only notary", t.opsPerSecond() / results.get("postgres").opsPerSecond(), "(info)", true, 0);
            }
            System.out.println("  verification: " + transfers.verification());
        }
        System.out.flush();
        boolean ok = (transfers == null || transfers.verified()) && (storeSize == null || storeSize.verified());
        System.exit(ok ? 0 : 2);
    }

    private static void put(Map<String, Result> results, String key, Result r) {
        results.put(key, r);
        System.out.printf("  done: %-36s %10.0f ops/s  p50 %.3f ms  p99 %.3f ms  (%d ok, %d failed)%n", r.name(), r.opsPerSecond(),
                r.p50Millis(), r.p99Millis(), r.ops(), r.failures());
        System.gc();
    }

    private static void ratio(String what, double value, String target, boolean atLeast, double bound) {
        String verdict = bound == 0 ? "" : (atLeast ? value >= bound : value <= bound) ? "MET" : "NOT MET";
        System.out.printf("  %-58s %9.1fx   target %-8s %s%n", what, value, target, verdict);
    }

    /**
     * Each pass's cost per transfer against the same pass at the smallest store (aim: within 20 %): by CPU per transfer
     * (JVM + the rest of the machine, from the pass's note), which the load's noise moves less than the rate, and by rate.
     */
    private static void storeSizeRatios(List<Result> passes) {
        Map<String, Result> first = new LinkedHashMap<>();
        for (Result r : passes) {
            String kind = r.name().substring(0, r.name().indexOf(", store "));
            Result base = first.putIfAbsent(kind, r);
            if (base != null) {
                double cpuRatio = cpuPerOp(r) / cpuPerOp(base);
                double rateRatio = base.opsPerSecond() / r.opsPerSecond();
                System.out.printf("  %-70s CPU per transfer %.2fx, time per transfer %.2fx of the smallest store   target <= 1.20x   %s%n",
                        r.name(), cpuRatio, rateRatio, cpuRatio <= 1.2 ? "MET" : "NOT MET");
            }
        }
    }

    private static final java.util.regex.Pattern CPU_PER_OP = java.util.regex.Pattern.compile("cpu per op: jvm (\\d+) us \\+ rest of machine (\\d+) us");

    private static double cpuPerOp(Result r) {
        java.util.regex.Matcher m = CPU_PER_OP.matcher(r.note() == null ? "" : r.note());
        return m.find() ? Double.parseDouble(m.group(1)) + Double.parseDouble(m.group(2)) : Double.NaN;
    }
}
