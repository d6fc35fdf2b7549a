package kz.digitaltenge.canonical.source;

/**
 * What a source's fact sets off once it is stored (durably, with its evidence entry): e.g. an event occurrence makes
 * the oracle approve and commit the release of its hold. A reaction must be idempotent: the hub runs it once the fact
 * is stored and again whenever the same message is delivered again (a redelivery, a replay after a crash). A reaction
 * that throws never undoes the fact; the failure is logged and the next delivery runs it again.
 */
@FunctionalInterface
public interface FactReaction {
    void stored(KnownFact fact);
}
