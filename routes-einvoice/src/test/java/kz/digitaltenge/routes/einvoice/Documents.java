package kz.digitaltenge.routes.einvoice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import kz.digitaltenge.canonical.SourceMessageRejected;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** The hand-made test documents in src/test/resources/esf, and a check for rejections. */
final class Documents {
    static final String ORDINARY_FULL = "ordinary-full.xml";
    static final String JOINT_ACTIVITY = "joint-activity.xml";
    static final String EXPORT_WITHOUT_VAT = "export-without-vat.xml";
    static final String FIXED = "fixed.xml";
    static final String ADDITIONAL_DECREASE = "additional-decrease.xml";
    static final String ADDITIONAL_INCREASE = "additional-increase.xml";

    private Documents() {
    }

    static String text(String name) {
        try (InputStream in = Documents.class.getResourceAsStream("/esf/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test document " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] bytes(String name) {
        return utf8(text(name));
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** The named document with {@code target} replaced, failing if it does not occur (the test would prove nothing). */
    static String edited(String name, String target, String replacement) {
        return edit(text(name), target, replacement);
    }

    static String edit(String document, String target, String replacement) {
        assertThat(document).as("the text to edit").contains(target);
        return document.replace(target, replacement);
    }

    /** Runs the call, which must be rejected with the reason; returns the rejection for checks on its message. */
    static SourceMessageRejected rejected(String reason, ThrowingCallable call) {
        Throwable thrown = catchThrowable(call);
        assertThat(thrown).isInstanceOf(SourceMessageRejected.class);
        SourceMessageRejected rejection = (SourceMessageRejected) thrown;
        assertThat(rejection.reason()).as("reason of: " + rejection.getMessage()).isEqualTo(reason);
        return rejection;
    }
}
