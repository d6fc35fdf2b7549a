package kz.digitaltenge.hub;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import kz.digitaltenge.canonical.source.SourcePoller;
import kz.digitaltenge.canonical.source.SourceSystem;
import kz.digitaltenge.canonical.source.Transports;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * A source whose API the hub polls, for the tests (a stand-in for the procurement portal): it answers the pages a test
 * puts in {@link #PAGES}, each valid from the checkpoint the test names, and records the checkpoints it was asked for.
 * Its interval is long: the tests poll it themselves, deterministically.
 */
@TestConfiguration(proxyBeanMethods = false)
public class PolledTestSource {
    public static final String ID = "polled-test";

    /** A page the source gives when asked from {@code from}; a page with {@code failure} throws instead. */
    public record Scripted(String from, SourcePoller.Page page, String failure) {
    }

    public static final Deque<Scripted> PAGES = new ArrayDeque<>();
    public static final List<String> ASKED = new java.util.concurrent.CopyOnWriteArrayList<>();

    @Bean
    SourceSystem polledSourceForTests() {
        return new SourceSystem() {
            @Override
            public String id() {
                return ID;
            }

            @Override
            public String role() {
                return "EVENT_PROVIDER";
            }

            @Override
            public Set<String> factTypes() {
                return Set.of("CONTRACT_REGISTERED");
            }

            @Override
            public Transports transports() {
                return new Transports(null, null, Duration.ofHours(1));
            }

            @Override
            public SourcePoller poller() {
                return checkpoint -> {
                    ASKED.add(String.valueOf(checkpoint));
                    synchronized (PAGES) {
                        Scripted next = PAGES.peekFirst();
                        if (next == null || !String.valueOf(checkpoint).equals(String.valueOf(next.from()))) {
                            return new SourcePoller.Page(List.of(), checkpoint, false); // nothing new
                        }
                        PAGES.removeFirst();
                        if (next.failure() != null) {
                            throw new IllegalStateException(next.failure());
                        }
                        return next.page();
                    }
                };
            }
        };
    }
}
