package kz.digitaltenge.hub.pipeline;

import java.util.Set;
import kz.digitaltenge.hub.quarantine.QuarantineReplay;
import kz.digitaltenge.hub.quarantine.QuarantinedMessage;
import org.apache.camel.ProducerTemplate;

/**
 * Replays a quarantined message of a configured source system through the fact pipeline (after the cause was
 * fixed, or as an edited copy). Idempotent: the intake's repository answers a message it already turned into a
 * fact with that fact, so a replay repeated after a crash makes nothing twice.
 */
public final class PipelineReplay implements QuarantineReplay {
    private final ProducerTemplate producer;
    private final FactIntake intake;

    public PipelineReplay(ProducerTemplate producer, FactIntake intake) {
        this.producer = producer;
        this.intake = intake;
    }

    @Override
    public Outcome replay(QuarantinedMessage m) {
        if (!intake.sources().containsKey(m.sourceSystem())) {
            return Outcome.noRoute("the fact pipeline does not take source system " + m.sourceSystem());
        }
        IntakeState state = new IntakeState(m.sourceSystem(), m.body(), m.contentType(), m.headers(), Set.of(), true);
        IntakeResult r = producer.requestBody(FactPipelineRoutes.INTAKE, state, IntakeResult.class);
        return r.status() == IntakeResult.Status.QUARANTINED ? Outcome.failed(r.reason(), r.message()) : Outcome.replayed(r.factId());
    }
}
