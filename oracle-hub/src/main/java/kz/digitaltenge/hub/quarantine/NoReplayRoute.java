package kz.digitaltenge.hub.quarantine;

/** The hub's default replay: no pipeline is registered for any source, so every retry answers "no replay route". */
public final class NoReplayRoute implements QuarantineReplay {
    @Override
    public Outcome replay(QuarantinedMessage message) {
        return Outcome.noRoute("no replay route for source " + message.sourceSystem());
    }
}
