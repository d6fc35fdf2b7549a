package kz.digitaltenge.canonical.source;

import java.util.List;
import java.util.Map;
import kz.digitaltenge.canonical.CanonicalMessage;
import kz.digitaltenge.canonical.SourceMessageRejected;

/**
 * A source's own bytes (and the headers it sent) to the canonical messages they say: one for a document, several for a
 * batch; or a {@link SourceMessageRejected} with a reason code and a message the back office can act on, for the whole
 * input. A translator never signs, stores or decides anything the oracle decides.
 */
@FunctionalInterface
public interface SourceTranslator {
    /** The source sends canonical JSON messages itself: the hub reads them strictly. */
    SourceTranslator CANONICAL = null;

    List<CanonicalMessage> translate(byte[] body, Map<String, String> headers);
}
