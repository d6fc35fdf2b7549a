package kz.digitaltenge.routes.livestock;

import java.util.Set;
import kz.digitaltenge.canonical.source.HoldRules;
import kz.digitaltenge.canonical.source.SourceSystem;
import kz.digitaltenge.canonical.source.SourceTranslator;
import kz.digitaltenge.canonical.source.Transports;

/**
 * The farm-animal identification system (ИСЖ) as a source of the hub, for the "Ауыл-Аманаты" animal purchase loans:
 * loans become {@code EVENT_REGISTERED} facts (an UNLIMITED hold of the loan money for the seller), animal events
 * become {@code EVENT_OCCURRED} facts, and {@link LoanHoldRules} say what each occurrence releases. Spoken for by an
 * {@code EVENT_PROVIDER}: over HTTP ({@code POST /api/intake/livestock}), the default Kafka topic, or a watched
 * directory when one is configured.
 */
public final class LivestockSource implements SourceSystem {
    public static final String ID = "livestock";
    public static final String ROLE = "EVENT_PROVIDER";

    private final LivestockReader reader;
    private final LoanHoldRules rules = new LoanHoldRules();
    private final String inbox;

    public LivestockSource() {
        this(new LivestockReader(), null);
    }

    /** @param inbox the directory the hub watches for files of events, or null for none */
    public LivestockSource(LivestockReader reader, String inbox) {
        this.reader = reader;
        this.inbox = inbox == null || inbox.isBlank() ? null : inbox;
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
        return Set.of(EventMapper.EVENT_REGISTERED, EventMapper.EVENT_OCCURRED);
    }

    /** The default topic ({@code <prefix>livestock}) and, when configured, the watched directory. */
    @Override
    public Transports transports() {
        return new Transports(null, inbox, null);
    }

    @Override
    public Set<String> headers() {
        return Set.of(LivestockReader.FORMAT, LivestockReader.CHARSET);
    }

    @Override
    public SourceTranslator translator() {
        return reader;
    }

    /** A file of events may be larger than an API request: the reader's own limit. */
    @Override
    public long maxMessageBytes() {
        return reader.maxBytes();
    }

    @Override
    public HoldRules holdRules() {
        return rules;
    }

    /**
     * Systems that send canonical messages to {@code /api/intake/livestock} (as before this module) keep doing so: a JSON
     * body that is not one of this module's events (they name their {@code kind}) is read as a canonical message.
     */
    @Override
    public boolean takesCanonicalJson() {
        return true;
    }
}
