package kz.digitaltenge.hub.pipeline;

import java.util.EnumSet;
import java.util.Set;
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

    PipelineReplay(ProducerTemplate producer, FactIntake intake, SenderResolver senders, Translation translation) {
        this.producer = producer;
        this.intake = intake;
        this.senders = senders;
        this.meaning = new MessageMeaning(translation);
    }

    @Override
    public Outcome replay(QuarantinedMessage m) {
        String role = intake.sources().get(m.sourceSystem());
        if (role == null) {
            return Outcome.noRoute("the fact pipeline does not take source system " + m.sourceSystem());
        }
        Caller sender;
        try {
            sender = senders.resolve(m.headers(), transportRoles(role));
        } catch (LedgerException e) {
            return Outcome.failed(e.reason().name(), e.getMessage());
        }
        IntakeState state = new IntakeState(m.sourceSystem(), m.body(), m.contentType(), m.headers(), sender.roleNames(), true);
        IntakeResult r;
        try {
            r = producer.requestBody(FactPipelineRoutes.INTAKE, state, IntakeResult.class);
        } catch (CamelExecutionException e) {
            if (e.getCause() instanceof SourceNotAuthorized refused) {
                return Outcome.failed("NOT_AUTHORIZED", refused.getMessage());
            }
            throw e;
        }
        return r.status() == IntakeResult.Status.QUARANTINED ? Outcome.failed(r.reason(), r.message()) : Outcome.replayed(r.factId());
    }

    @Override
    public EditCheck checkEdit(QuarantinedMessage original, byte[] editedBody, String editedContentType) {
        if (!intake.sources().containsKey(original.sourceSystem())) {
            return EditCheck.unknown();
        }
        String refusal = meaning.editRefusal(original, editedBody, editedContentType);
        return refusal == null ? EditCheck.allowed() : EditCheck.refused(refusal);
    }

    /** A Kafka topic or the watched directory speaks with the role the source is declared with. */
    private static Set<HubRole> transportRoles(String role) {
        try {
            return EnumSet.of(HubRole.valueOf(role));
        } catch (IllegalArgumentException e) {
            return Set.of();
        }
    }
}
