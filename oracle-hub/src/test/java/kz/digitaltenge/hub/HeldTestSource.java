package kz.digitaltenge.hub;

import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import kz.digitaltenge.canonical.ReasonCode;
import kz.digitaltenge.canonical.source.HoldDecision;
import kz.digitaltenge.canonical.source.HoldRules;
import kz.digitaltenge.canonical.source.SourceSystem;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * A source that drives holds, for the tests of the hub's settlement: it sends canonical messages, and its rules do
 * what an occurrence's {@code action} term says (RELEASE {@code pay} tiyn, RETURN, REFUSE, NONE) for the event its
 * {@code event} term names (else its subject). A release for an event not registered is refused UNKNOWN_REFERENCE, as
 * a real source's rules would. {@link #CRASH} makes the rules fail, as a hub that dies between fact and decision.
 */
@TestConfiguration(proxyBeanMethods = false)
public class HeldTestSource {
    public static final String ID = "held-test";
    public static final AtomicBoolean CRASH = new AtomicBoolean();

    @Bean
    SourceSystem heldSourceForTests() {
        HoldRules rules = (fact, book) -> {
            if (CRASH.get()) {
                throw new IllegalStateException("the hub died here");
            }
            String event = fact.term("event") != null ? fact.term("event") : fact.subject();
            if (book.event(event).isEmpty()) {
                return new HoldDecision.Refuse(event, ReasonCode.UNKNOWN_REFERENCE, "event " + event + " is not registered");
            }
            return switch (String.valueOf(fact.term("action"))) {
                case "RELEASE" -> Long.parseLong(fact.term("pay")) > book.held(event)
                        ? new HoldDecision.Refuse(event, ReasonCode.LIMIT_EXCEEDED, "more than is held")
                        : new HoldDecision.Release(event, Long.parseLong(fact.term("pay")), "paid as told");
                case "RETURN" -> new HoldDecision.ReturnAll(event, "rejected");
                case "REFUSE" -> new HoldDecision.Refuse(event, ReasonCode.BUSINESS_RULE, "refused as told");
                default -> new HoldDecision.NoChange(event, "nothing to do");
            };
        };
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
                return Set.of("EVENT_REGISTERED", "EVENT_OCCURRED");
            }

            @Override
            public boolean takesCanonicalJson() {
                return true;
            }

            @Override
            public HoldRules holdRules() {
                return rules;
            }
        };
    }
}
