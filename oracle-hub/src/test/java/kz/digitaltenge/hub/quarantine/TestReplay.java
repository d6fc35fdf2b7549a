package kz.digitaltenge.hub.quarantine;

import java.nio.charset.StandardCharsets;
import org.springframework.stereotype.Component;

/**
 * The tests' stand-in for the fact pipeline (picked up by component scanning in the shared test context): for
 * sources named {@code qtest-*} a body containing {@code FIXED} replays and "produces" {@code fact:<sourceMessageId>},
 * any other body fails again with {@code STILL_INVALID}; other sources are left to the default (no route).
 */
@Component
class TestReplay implements QuarantineReplay {
    @Override
    public Outcome replay(QuarantinedMessage m) {
        if (!m.sourceSystem().startsWith("qtest-")) {
            return Outcome.noRoute("test replay does not know " + m.sourceSystem());
        }
        String body = new String(m.body(), StandardCharsets.ISO_8859_1);
        return body.contains("FIXED") ? Outcome.replayed("fact:" + m.sourceMessageId())
                : Outcome.failed("STILL_INVALID", "the body is still invalid");
    }

    /** The test source's bodies say nothing of money: every edit is a format correction. */
    @Override
    public EditCheck checkEdit(QuarantinedMessage original, byte[] editedBody, String editedContentType) {
        return original.sourceSystem().startsWith("qtest-") ? EditCheck.allowed() : EditCheck.unknown();
    }
}
