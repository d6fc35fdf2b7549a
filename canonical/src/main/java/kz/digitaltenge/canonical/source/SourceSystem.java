package kz.digitaltenge.canonical.source;

import java.util.List;
import java.util.Set;
import kz.digitaltenge.canonical.payment.PaymentOrderFormat;

/**
 * A source system as the hub's intake knows it: the one contract a route module (or a route file) fulfils to connect
 * a government or ERP system. The hub's generic pipeline authenticates the caller with {@link #role()}, admits only
 * {@link #factTypes()}, translates with {@link #translator()}, runs the {@link #checks()} before the oracle signs and
 * the {@link #reactions()} after a fact is stored; deduplication, signing, the evidence log and the quarantine (with
 * the original bytes) are the hub's and the same for every source. Nothing in the pipeline names a source or a fact
 * type: all of it comes from here.
 */
public interface SourceSystem {
    /** The source id: the intake path {@code /api/intake/<id>}, the Kafka topic suffix, the quarantine's source. */
    String id();

    /** The hub role a caller needs to speak for this source (a Kafka topic or a watched directory speaks with it). */
    String role();

    /**
     * The fact types this source may produce (names of the ledger's fact types). Anything else is refused
     * NOT_AUTHORIZED and quarantined; the oracle's approvals are never admitted, whatever is declared here.
     */
    Set<String> factTypes();

    /** How messages of this source arrive besides {@code POST /api/intake/<id>}. */
    default Transports transports() {
        return Transports.http();
    }

    /** The headers (HTTP query parameters or headers, Kafka record headers) the translator reads besides the body. */
    default Set<String> headers() {
        return Set.of();
    }

    /** The source's own format to canonical messages; {@link SourceTranslator#CANONICAL} when it sends them already. */
    default SourceTranslator translator() {
        return SourceTranslator.CANONICAL;
    }

    /**
     * Whether a body sent as JSON ({@code application/json}) is a canonical message rather than the source's own format.
     * False by default, so a source whose own format is JSON is always translated; a source that also takes canonical
     * messages (the e-invoice IS's canonical events) says so.
     */
    default boolean takesCanonicalJson() {
        return false;
    }

    /**
     * The largest document of the source's own format its translator takes over HTTP; 0 (the default) for the hub's API
     * limit ({@code hub.max-request-body}). A JSON body is an API request and always has the hub's limit.
     */
    default long maxMessageBytes() {
        return 0;
    }

    /**
     * How the source's payment orders are read and its statements written, when it sends payment orders (requests to
     * pay, not facts: they go to the hub's payment orchestration at {@code /api/<id>/payment-orders}); null for a source
     * of facts only.
     */
    default PaymentOrderFormat paymentOrders() {
        return null;
    }

    /**
     * What the source's {@code EVENT_OCCURRED} facts mean for the money held for their events, when the source drives
     * holds (subsidies, livestock loans): the hub then approves and commits each release or return itself, once per
     * occurrence, and quarantines what the rules refuse. Null for a source whose facts move no held money.
     */
    default HoldRules holdRules() {
        return null;
    }

    /** The reader of the source's own API, when {@link Transports#poll()} asks the hub to poll it; null otherwise. */
    default SourcePoller poller() {
        return null;
    }

    /**
     * Named imports of the source's records over HTTP ({@code POST /api/<id>/<path>}), admitted to more roles than the
     * source's own; none by default.
     */
    default List<RecordImport> imports() {
        return List.of();
    }

    /**
     * Terms of this source's facts the hub indexes, so its translator and checks can find a fact's subject by one of
     * them ({@link FactLookup#subjectBy}); none by default.
     */
    default Set<String> lookupTerms() {
        return Set.of();
    }

    /** Checks against what the oracle has registered, run for a message seen the first time, before signing. */
    default List<RegistryCheck> checks() {
        return List.of();
    }

    /** What happens after one of this source's facts is stored (e.g. an event occurrence releasing its hold). */
    default List<FactReaction> reactions() {
        return List.of();
    }
}
