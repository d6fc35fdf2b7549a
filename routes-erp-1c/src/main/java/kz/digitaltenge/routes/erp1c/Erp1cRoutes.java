package kz.digitaltenge.routes.erp1c;

import kz.digitaltenge.canonical.ReasonCode;

import java.nio.file.Path;
import kz.digitaltenge.canonical.SourceMessageRejected;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;

/**
 * The 1C routes. With an inbox directory, a watched-directory route ({@value #INBOX_ROUTE_ID}) hands every file
 * the accountants' 1C drops there to the hub as bytes, with its name in the header {@value #FILE_NAME_HEADER}; the
 * hub reads it with {@link ClientBankExchangeReader}. A file the hub has taken is moved to {@code .done}; a file
 * whose processing threw is moved to {@code .failed}, both under the inbox.
 */
public final class Erp1cRoutes extends RouteBuilder {
    public static final String INBOX_ROUTE_ID = "erp-1c-inbox";
    public static final String FILE_NAME_HEADER = "fileName";

    /*
     * 1C names every export 1c_to_kl.txt unless told otherwise, so the moved file gets a time prefix to keep
     * yesterday's file in .done. readLock=changed waits until the file stops growing: 1C and network shares write
     * in several steps. Files starting with a dot (.done, .failed, editors' temporaries) are never picked up.
     */
    private static final String FILE_OPTIONS = "?move=.done/${date:now:yyyyMMdd-HHmmss-SSS}-${file:name}"
            + "&moveFailed=.failed/${date:now:yyyyMMdd-HHmmss-SSS}-${file:name}"
            + "&readLock=changed&readLockCheckInterval=1000&readLockTimeout=20000";

    private final Path inbox;
    private final String targetUri;

    /**
     * @param inbox     the directory to watch, or null for no watched directory
     * @param targetUri where each file's bytes go, e.g. the hub's {@code direct:erp-1c-payment-orders}
     */
    public Erp1cRoutes(Path inbox, String targetUri) {
        if (targetUri == null || targetUri.isBlank()) {
            throw new IllegalArgumentException("a target endpoint URI is required");
        }
        this.inbox = inbox;
        this.targetUri = targetUri;
    }

    @Override
    public void configure() {
        if (inbox == null) {
            return;
        }
        from("file:" + inbox.toAbsolutePath() + FILE_OPTIONS)
                .routeId(INBOX_ROUTE_ID)
                // Checked before the body is loaded: a file far beyond the reader's limit must not fill the heap
                // on its way to being rejected.
                .process(exchange -> {
                    long length = exchange.getMessage().getHeader(Exchange.FILE_LENGTH, 0L, Long.class);
                    if (length > ClientBankExchangeReader.DEFAULT_MAX_BYTES) {
                        throw new SourceMessageRejected(ReasonCode.TOO_LARGE, "file " + exchange.getMessage()
                                .getHeader(Exchange.FILE_NAME_ONLY) + " has " + length + " bytes; at most "
                                + ClientBankExchangeReader.DEFAULT_MAX_BYTES + " are accepted");
                    }
                })
                .setHeader(FILE_NAME_HEADER, header(Exchange.FILE_NAME_ONLY))
                .convertBodyTo(byte[].class)
                .to(targetUri);
    }
}
