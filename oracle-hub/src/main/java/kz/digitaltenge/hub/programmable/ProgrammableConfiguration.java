package kz.digitaltenge.hub.programmable;

import kz.digitaltenge.hub.config.HubProperties;
import kz.digitaltenge.hub.oracle.OracleSigner;
import kz.digitaltenge.ledger.HoldExpiry;
import kz.digitaltenge.ledger.Ledger;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** What the hub does as the controller of held money: releases for occurrences, returns at expiry. */
@Configuration(proxyBeanMethods = false)
public class ProgrammableConfiguration {
    /** Returns money held for expired events, signing the RETURN transactions with the hub's oracle key. */
    @Bean
    HoldExpiry holdExpiry(Ledger ledger, OracleSigner oracleSigner) {
        return new HoldExpiry(ledger, oracleSigner::sign);
    }

    /** Runs {@link HoldExpiry} every {@code hub.holds.expiry-interval}; stops before the ledger closes. */
    @Bean(destroyMethod = "close")
    kz.digitaltenge.hub.config.PeriodicTask holdExpiryScheduler(HoldExpiry holdExpiry, HubProperties properties) {
        // the pass is stateless and idempotent: a failed one loses nothing
        return new kz.digitaltenge.hub.config.PeriodicTask("hold-expiry", "hub.holds.expiry-interval",
                properties.getHolds().getExpiryInterval(), () -> {
                    int returned = holdExpiry.runOnce();
                    if (returned > 0) {
                        org.slf4j.LoggerFactory.getLogger(HoldExpiry.class).info("hold expiry: {} RETURN transaction(s) committed", returned);
                    }
                });
    }

    /** The hub, as the oracle, builds, signs and submits RELEASE transactions. */
    @Bean
    EventRelease eventRelease(Ledger ledger, OracleSigner oracleSigner, HubProperties properties) {
        return new EventRelease(ledger, oracleSigner, properties.getSubmitTimeout().toMillis());
    }

    /** Settles held money on the stored facts of sources that declare hold rules (releases, early returns, refusals). */
    @Bean
    HoldSettlement holdSettlement(Ledger ledger, EventRelease release, OracleSigner oracleSigner,
                                  com.zaxxer.hikari.HikariDataSource dataSource, kz.digitaltenge.hub.quarantine.Quarantine quarantine,
                                  kz.digitaltenge.hub.pipeline.SourceSystems sources,
                                  org.springframework.beans.factory.ObjectProvider<SettlementSeam> seam) {
        return new HoldSettlement(ledger, release, oracleSigner, dataSource, quarantine, sources,
                seam.getIfAvailable(() -> SettlementSeam.NONE));
    }

    /** An event's history with who made each entry (a source, the oracle). */
    @Bean
    EventHistory eventHistory(Ledger ledger, com.zaxxer.hikari.HikariDataSource dataSource, OracleSigner oracleSigner) {
        return new EventHistory(ledger, dataSource, oracleSigner);
    }

    /** Finishes, every {@code hub.holds.settlement-interval}, the hold decisions a crash left half done. */
    @Bean(destroyMethod = "close")
    kz.digitaltenge.hub.config.PeriodicTask holdSettlementSweep(HoldSettlement settlement, HubProperties properties) {
        return new kz.digitaltenge.hub.config.PeriodicTask("hold-settlement", "hub.holds.settlement-interval",
                properties.getHolds().getSettlementInterval(), settlement::sweep);
    }
}
