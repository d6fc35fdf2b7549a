package kz.digitaltenge.hub.web;

/**
 * What the edge needs to know of the declared sources to cap a request body before reading it (the pipeline's source
 * systems answer; the edge depends on no pipeline class).
 */
public interface SourceBodyLimits {
    /** Whether {@code /api/<id>/payment-orders} takes files of payment orders. */
    boolean sendsPaymentOrders(String id);

    /** The largest document of the source's own format, or 0 for the hub's API limit (also for an unknown source). */
    long documentLimit(String id);

    /** Whether {@code /api/<id>/<path>} is one of the source's record imports (a file of its own format, JSON or not). */
    default boolean imports(String id, String path) {
        return false;
    }
}
