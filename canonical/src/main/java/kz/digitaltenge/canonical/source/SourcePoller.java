package kz.digitaltenge.canonical.source;

import java.util.List;

/**
 * Reads a source system's own API for what is new since a checkpoint: a page of messages (each one message in the
 * source's format, translated like any other) and the checkpoint after them. The hub keeps the checkpoint durably and
 * advances it only once every message of the page is a fact, a duplicate or in the quarantine, so a restart neither
 * misses nor repeats an effect (a page read again is deduplicated by its messages' ids). A poller that cannot reach
 * its source throws; the hub logs it, keeps the checkpoint and tries at the next tick.
 */
@FunctionalInterface
public interface SourcePoller {
    /**
     * @param checkpoint what the previous page ended at, or null at the very start
     */
    Page poll(String checkpoint);

    /**
     * What the poller knows of its source for the hub's health page (reachable, last answer, whether its credentials
     * were refused), never a secret; empty by default. The hub adds its own view (last poll, checkpoint).
     */
    default java.util.Map<String, Object> health() {
        return java.util.Map.of();
    }

    /**
     * @param messages        the page's messages, in order
     * @param nextCheckpoint  where the next poll starts (the same as the given one when nothing is new)
     * @param more            whether another page follows at once
     */
    record Page(List<byte[]> messages, String nextCheckpoint, boolean more) {
        public Page {
            messages = List.copyOf(messages);
        }
    }
}
