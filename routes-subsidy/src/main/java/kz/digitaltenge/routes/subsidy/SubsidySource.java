package kz.digitaltenge.routes.subsidy;

import java.util.Set;
import kz.digitaltenge.canonical.source.HoldRules;
import kz.digitaltenge.canonical.source.SourceSystem;
import kz.digitaltenge.canonical.source.SourceTranslator;
import kz.digitaltenge.canonical.source.Transports;

/**
 * The state subsidy information system (ГИСС, qoldau.kz) as a source of the hub: its applications' registrations
 * ({@code EVENT_REGISTERED}: the subsidy is held from the paying body's account for the farmer or the leasing company)
 * and the statuses they reach ({@code EVENT_OCCURRED}), spoken for by an {@code EVENT_PROVIDER}; the statuses release
 * or return the held subsidy by {@link SubsidyHoldRules}. It arrives as this module's JSON events (an adapter on the
 * system's side posts them) or as the system's register export (CSV or XLSX), over {@code POST /api/intake/subsidy},
 * the Kafka topic {@code <prefix>subsidy} (or the one configured) and, when configured, a watched directory.
 */
public final class SubsidySource implements SourceSystem {
    public static final String ID = "subsidy";
    public static final String ROLE = "EVENT_PROVIDER";

    private final SubsidyTranslator translator;
    private final RegisterLimits limits;
    private final Transports transports;
    private final SubsidyHoldRules rules = new SubsidyHoldRules();

    /** HTTP and the hub's default Kafka topic, the bundled KATO table, the default limits. */
    public SubsidySource() {
        this(KatoTable.bundled(), RegisterLimits.DEFAULT, null, null);
    }

    /**
     * @param inbox      a directory the hub watches for register exports and event files, or null
     * @param kafkaTopic the Kafka topic, or null for the hub's default {@code <prefix>subsidy}
     */
    public SubsidySource(KatoTable kato, RegisterLimits limits, String inbox, String kafkaTopic) {
        this.limits = limits;
        this.translator = new SubsidyTranslator(kato, limits);
        this.transports = new Transports(blankToNull(kafkaTopic), blankToNull(inbox), null);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String role() {
        return ROLE;
    }

    @Override
    public Set<String> factTypes() {
        return Set.of(SubsidyMessages.EVENT_REGISTERED, SubsidyMessages.EVENT_OCCURRED);
    }

    @Override
    public Transports transports() {
        return transports;
    }

    /** Its own format is JSON too, so a JSON body is always translated (never read as a canonical message). */
    @Override
    public SourceTranslator translator() {
        return translator;
    }

    /** A register export may be larger than an API request (the hub's JSON limit stays for JSON bodies). */
    @Override
    public long maxMessageBytes() {
        return limits.maxFileBytes();
    }

    @Override
    public HoldRules holdRules() {
        return rules;
    }

    /**
     * Systems that send canonical messages to {@code /api/intake/subsidy} (as before this module) keep doing so: a JSON
     * body that is not one of this module's events (they name their {@code kind}) is read as a canonical message.
     */
    @Override
    public boolean takesCanonicalJson() {
        return true;
    }
}
