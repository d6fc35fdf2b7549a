package kz.digitaltenge.hub.pipeline;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import kz.digitaltenge.hub.security.Sender;
import org.apache.camel.builder.RouteBuilder;

/**
 * Watched directories of the sources that declare one ({@code transports().directory()}): each file is one message of
 * the source, through the same {@code direct:intake} routes as HTTP and Kafka. The directory is the source's
 * authentication here (only the source's own system and the operator may write to it), so the message speaks with
 * the source's declared role. A file is moved to {@code .done} once the pipeline has it durably — a fact, a duplicate
 * or a quarantine entry with its bytes; when the pipeline could not store it anywhere it stays and is read again.
 */
public final class DirectoryIntakeRoutes extends RouteBuilder {
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
            from("file:" + dir + "?move=.done&readLock=changed&readLockMinAge=500&include=.*[^~]$")
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
