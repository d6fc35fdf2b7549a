package kz.digitaltenge.hub.pipeline;

/** The caller may not speak for this source system: refused, nothing stored (untrusted input is not evidence). */
public final class SourceNotAuthorized extends RuntimeException {
    public SourceNotAuthorized(String message) {
        super(message, null, false, false);
    }
}
