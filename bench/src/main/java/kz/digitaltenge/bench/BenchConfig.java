package kz.digitaltenge.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Settings from {@code --name=value} flags, else environment variables {@code BENCH_NAME}, else defaults sized
 * for a 2-core machine (the whole run takes a few minutes).
 */
public final class BenchConfig {
    public final Set<String> scenarios;
    public final Duration warmup;
    public final Duration duration;
    public final int notaryInFlight;
    /** The PostgreSQL-only baseline's client threads (and spends in flight): what it was measured with from the start. */
    public final int pgClients;
    public final int pgPool;
    public final int transfers;
    public final int warmupTransfers;
    public final int transferInFlight;
    public final int accounts;
    public final int validatorThreads;
    public final int commitThreads;
    public final int ledgerMembers;
    public final Path workDir;
    /**
     * Whether the bench's PostgreSQL loads {@code pg_stat_statements} and the transfer scenario prints what PostgreSQL
     * did per transfer ({@link StatementCounts}); off by default, so the default figures are of a server without it.
     */
    public final boolean pgStatements;
    /** invoice-paid: orders per second of the open-loop run, invoices for the closed loop, buyers, orders in flight. */
    public final int[] invoiceRates;
    /** {@code all}, or {@code events}: only the registrations (no payments, floor or open loops). */
    public final boolean invoiceEventsOnly;
    public final int invoices;
    public final int invoiceBuyers;
    /** Entries in the quarantine for the exceptions page (scenario exceptions). */
    public final int quarantined;
    /** Loans, and heads per loan, of the hold-release scenario (releases). */
    public final int releaseLoans;
    public final int releaseHeads;
    public final int invoiceInFlight;
    /** store-size: the sizes of the store (outputs) to measure at, and the transfers of each pass. */
    public final long[] storeSizes;
    public final int storeTransfers;
    public final int storeWarmup;

    private final String[] args;

    public BenchConfig(String[] args) {
        this.args = args;
        scenarios = new LinkedHashSet<>(java.util.Arrays.asList(get("scenarios", "verify,hashset,hazelcast1,hazelcast3,postgres,transfers").split(",")));
        warmup = Duration.ofSeconds(Long.parseLong(get("warmup-seconds", "5")));
        duration = Duration.ofSeconds(Long.parseLong(get("seconds", "20")));
        notaryInFlight = Integer.parseInt(get("notary-in-flight", "512"));
        pgClients = Integer.parseInt(get("pg-clients", "64"));
        pgPool = Integer.parseInt(get("pg-pool", "32"));
        transfers = Integer.parseInt(get("transfers", "60000"));
        warmupTransfers = Integer.parseInt(get("warmup-transfers", "10000"));
        transferInFlight = Integer.parseInt(get("transfer-in-flight", "512"));
        accounts = Integer.parseInt(get("accounts", "1000"));
        validatorThreads = Integer.parseInt(get("validator-threads", String.valueOf(Runtime.getRuntime().availableProcessors())));
        commitThreads = Integer.parseInt(get("commit-threads", "2"));
        ledgerMembers = Integer.parseInt(get("ledger-members", "1"));
        workDir = Path.of(get("work-dir", "bench/target/bench-work"));
        pgStatements = Boolean.parseBoolean(get("pg-statements", "false"));
        invoiceRates = java.util.Arrays.stream(get("invoice-rate", "1000").split(",")).mapToInt(Integer::parseInt).toArray();
        String phases = get("invoice-phases", "all");
        if (!phases.equals("all") && !phases.equals("events")) {
            throw new IllegalArgumentException("--invoice-phases is all or events, not " + phases);
        }
        invoiceEventsOnly = phases.equals("events");
        invoices = Integer.parseInt(get("invoices", "15000"));
        invoiceBuyers = Integer.parseInt(get("invoice-buyers", "200"));
        quarantined = Integer.parseInt(get("quarantined", "100000"));
        releaseLoans = Integer.parseInt(get("release-loans", "200"));
        releaseHeads = Integer.parseInt(get("release-heads", "20"));
        invoiceInFlight = Integer.parseInt(get("invoice-in-flight", "128"));
        storeSizes = java.util.Arrays.stream(get("store-sizes", "10000,1000000,10000000").split(",")).mapToLong(Long::parseLong).toArray();
        storeTransfers = Integer.parseInt(get("store-transfers", "20000"));
        storeWarmup = Integer.parseInt(get("store-warmup", "5000"));
    }

    private String get(String name, String fallback) {
        for (String a : args) {
            if (a.startsWith("--" + name + "=")) {
                return a.substring(name.length() + 3);
            }
        }
        String env = System.getenv("BENCH_" + name.toUpperCase().replace('-', '_'));
        return env != null && !env.isBlank() ? env : fallback;
    }

    public boolean runs(String scenario) {
        return scenarios.contains(scenario);
    }

    @Override
    public String toString() {
        return "scenarios=" + String.join(",", scenarios) + " warmup=" + warmup.toSeconds() + "s seconds=" + duration.toSeconds()
                + " notary-in-flight=" + notaryInFlight + " pg-clients=" + pgClients + " pg-pool=" + pgPool + " transfers=" + transfers
                + " warmup-transfers=" + warmupTransfers + " transfer-in-flight=" + transferInFlight + " accounts=" + accounts
                + " validator-threads=" + validatorThreads + " commit-threads=" + commitThreads + " ledger-members=" + ledgerMembers
                + (pgStatements ? " pg-statements=true" : "");
    }
}
