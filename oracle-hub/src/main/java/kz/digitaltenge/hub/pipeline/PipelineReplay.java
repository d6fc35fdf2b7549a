package kz.digitaltenge.hub.pipeline;

import java.util.EnumSet;
import kz.digitaltenge.hub.quarantine.QuarantineReplay;
import kz.digitaltenge.hub.quarantine.QuarantinedMessage;
import kz.digitaltenge.hub.security.Caller;
import kz.digitaltenge.hub.security.HubRole;
import kz.digitaltenge.hub.security.SenderResolver;
import kz.digitaltenge.canonical.LedgerException;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;

/**
 * Replays a quarantined message of a configured source system through the fact pipeline (after the cause was
 * fixed, or as an edited copy), as the caller who sent it first: every check of the first delivery runs again — the
 * source's role and declared fact types, its signature, deduplication. Idempotent: the intake's repository answers a
 * message it already turned into a fact with that fact, so a replay repeated after a crash makes nothing twice.
 */
public final class PipelineReplay implements QuarantineReplay {
    private final ProducerTemplate producer;
    private final FactIntake intake;
    private final SenderResolver senders;
    private final MessageMeaning meaning;

    PipelineReplay(ProducerTemplate producer, FactIntake intake, SenderResolver senders) {
        this.producer = producer;
        this.intake = intake;
        this.senders = senders;
        this.meaning = new MessageMeaning(intake.sources());
    }

    @Override
    public Outcome replay(QuarantinedMessage m) {
        SourceSystems.Declared source = intake.sources().find(m.sourceSystem()).orElse(null);
        if (source == null) {
            return Outcome.noRoute("the fact pipeline does not take source system " + m.sourceSystem());
        }
        if (!pipelines(m)) {
            return Outcome.noRoute("entry of route " + m.routeId() + ", not of the fact pipeline");
        }
        Caller sender;
        try {
            sender = senders.resolve(m.headers(), EnumSet.of(source.role()));
        } catch (LedgerException e) {
            return Outcome.failed(e.reason().name(), e.getMessage());
        }
        IntakeState state = new IntakeState(m.sourceSystem(), m.body(), m.contentType(), m.headers(), sender.roleNames(), true);
        IntakeResult r;
        try {
            r = producer.requestBody(FactPipelineRoutes.INTAKE, state, IntakeResult.class);
        } catch (CamelExecutionException e) {
            if (e.getCause() instanceof SourceNotAuthorized refused) {
                return Outcome.failed(kz.digitaltenge.canonical.ReasonCode.NOT_AUTHORIZED, refused.getMessage());
            }
            throw e;
        }
        if (r.status() != IntakeResult.Status.QUARANTINED) {
            return Outcome.replayed(r.factId());
        }
        if (r.items() == null) {
            return Outcome.failed(r.reason(), r.message());
        }
        // a batch: the messages that became facts are duplicates now; the first one that failed again says why
        IntakeResult failed = r.items().stream().filter(i -> i.status() == IntakeResult.Status.QUARANTINED).findFirst().orElseThrow();
        return Outcome.failed(failed.reason(), failed.message());
    }

    @Override
    public EditCheck checkEdit(QuarantinedMessage original, byte[] editedBody, String editedContentType) {
        if (intake.sources().find(original.sourceSystem()).isEmpty() || !pipelines(original)) {
            return EditCheck.unknown();
        }
        String refusal = meaning.editRefusal(original, editedBody, editedContentType);
        return refusal == null ? EditCheck.allowed() : EditCheck.refused(refusal);
    }

    /**
     * Whether the entry failed in the fact pipeline (its steps {@code intake-*}, a translation {@code translate-*}, or a
     * transport's route): a source's other entries (its payment orders, the hub's hold decisions about its facts) are
     * replayed by their own owners.
     */
    static boolean pipelines(QuarantinedMessage m) {
        String route = m.routeId();
        return route == null || route.startsWith("intake") || route.startsWith("translate-") || route.startsWith("kafka-intake-")
                || route.startsWith("directory-intake-") || route.startsWith("poll-intake-");
    }
}
