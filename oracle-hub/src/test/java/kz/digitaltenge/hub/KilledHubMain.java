package kz.digitaltenge.hub;

import kz.digitaltenge.canonical.source.KnownFact;
import kz.digitaltenge.hub.programmable.SettlementSeam;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * A hub process for {@code KilledHubTest}: the demo profile's users, the test source that drives holds, and a seam
 * that kills the process ({@code Runtime.halt}: no shutdown hook, no flush, as {@code kill -9}) when it reaches the
 * stage named by {@code -Dhalt.stage} (before-decision | before-carrying-out) for a fact about {@code -Dhalt.subject}.
 */
public final class KilledHubMain {
    private KilledHubMain() {
    }

    public static void main(String[] args) {
        new SpringApplicationBuilder(OracleHubApplication.class, HeldTestSource.class, Halting.class).profiles("demo").run(args);
    }

    @Configuration(proxyBeanMethods = false)
    static class Halting {
        @Bean
        SettlementSeam haltingSeam() {
            String subject = System.getProperty("halt.subject", "");
            String stage = System.getProperty("halt.stage", "");
            return new SettlementSeam() {
                @Override
                public void beforeDecision(KnownFact fact) {
                    halt("before-decision", fact);
                }

                @Override
                public void beforeCarryingOut(KnownFact fact) {
                    halt("before-carrying-out", fact);
                }

                private void halt(String here, KnownFact fact) {
                    if (here.equals(stage) && subject.equals(fact.subject())) {
                        System.err.println("KILLED " + here + " " + fact.id());
                        System.err.flush();
                        Runtime.getRuntime().halt(137);
                    }
                }
            };
        }
    }
}
