package kz.digitaltenge.hub.pipeline;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import kz.digitaltenge.hub.security.Sender;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;

/**
 * Watched directories of the sources that declare one ({@code transports().directory()}): each file is one message of
 * the source, through the same {@code direct:intake} routes as HTTP and Kafka. The directory is the source's
 * authentication here (only the source's own system and the operator may write to it), so the message speaks with
 * the source's declared role. A file is moved to {@code .done} once the pipeline has it durably — a fact, a duplicate
 * or a quarantine entry with its bytes; when the pipeline could not store it anywhere it stays and is read again.
 * <p>
 * A source that sends payment orders ({@code paymentOrders()}) has its files handed to {@link #PAYMENT_ORDER_FILES}
 * instead, with the source id and file name in headers. Such systems (1C) write every export under the same name, so
 * the moved file gets a time prefix to keep yesterday's; its length is in {@link #FILE_LENGTH_HEADER}, so a file far
 * beyond the format's limit is refused before it is loaded into the heap.
 */
public final class DirectoryIntakeRoutes extends RouteBuilder {
    /** Where files of payment-order sources go (the payment intake consumes it). */
    public static final String PAYMENT_ORDER_FILES = "direct:payment-order-files";
    public static final String SOURCE_HEADER = "hubSource";
    public static final String FILE_NAME_HEADER = "fileName";
    /** The directory as the source declared it: the file's sender ({@code directory:<dir>}). */
    public static final String DIRECTORY_HEADER = "hubDirectory";
    public static final String FILE_LENGTH_HEADER = Exchange.FILE_LENGTH;
    /** Waits until the file stops growing: ERP systems and network shares write in several steps. */
    private static final String READ_LOCK = "readLock=changed&readLockMinAge=500&include=.*[^~]$";

    private final SourceSystems sources;

    public DirectoryIntakeRoutes(SourceSystems sources) {
        this.sources = sources;
    }

    @Override
    public void configure() {
        for (SourceSystems.Declared source : sources.all()) {
            String dir = source.system().transports().directory();
            if (dir == null) {
                continue;
            }
            if (source.system().paymentOrders() != null) {
                from("file:" + dir + "?move=.done/${date:now:yyyyMMdd-HHmmss-SSS}-${file:name}&" + READ_LOCK)
                        .routeId("directory-intake-" + source.id())
                        .setHeader(SOURCE_HEADER, constant(source.id()))
                        .setHeader(DIRECTORY_HEADER, constant(dir))
                        .setHeader(FILE_NAME_HEADER, header(Exchange.FILE_NAME_ONLY))
                        .to(PAYMENT_ORDER_FILES);
                continue;
            }
            from("file:" + dir + "?move=.done&" + READ_LOCK)
                    .routeId("directory-intake-" + source.id())
                    .process(e -> {
                        byte[] body = e.getMessage().getBody(byte[].class);
                        Map<String, String> headers = new LinkedHashMap<>();
                        headers.put(Sender.HEADER, Sender.directory(dir).header());
                        headers.put("fileName", e.getMessage().getHeader("CamelFileName", String.class));
                        e.getMessage().setBody(new IntakeState(source.id(), body == null ? new byte[0] : body,
                                KafkaIntakeRoutes.contentType(body), headers, Set.of(source.role().name()), false));
                    })
                    .to(FactPipelineRoutes.INTAKE);
        }
    }
}
