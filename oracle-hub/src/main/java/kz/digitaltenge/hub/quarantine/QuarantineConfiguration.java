package kz.digitaltenge.hub.quarantine;

import com.zaxxer.hikari.HikariDataSource;
import java.util.Comparator;
import java.util.List;
import kz.digitaltenge.ledger.store.LedgerStore;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The quarantine beans. The hub's schema ({@code db/hub}, history {@code hub_schema_history}) is migrated when the
 * store bean is created, after the ledger's (the {@link LedgerStore} bean migrates the ledger schema).
 */
@Configuration(proxyBeanMethods = false)
public class QuarantineConfiguration {

    @Bean
    QuarantineStore quarantineStore(HikariDataSource dataSource, LedgerStore ledgerStore) {
        QuarantineStore store = new QuarantineStore(dataSource);
        store.migrate();
        return store;
    }

    /** Answers "no replay route for source X" unless a pipeline's {@link QuarantineReplay} bean knows the source. */
    @Bean
    NoReplayRoute noReplayRoute() {
        return new NoReplayRoute();
    }

    /** Replays are looked up on each retry: every {@link QuarantineReplay} bean in order, the default last. */
    @Bean
    Quarantine quarantine(QuarantineStore store, ObjectProvider<QuarantineReplay> replays) {
        return new Quarantine(store, () -> {
            List<QuarantineReplay> all = replays.orderedStream().toList();
            return all.stream().sorted(Comparator.comparing(r -> r instanceof NoReplayRoute)).toList();
        });
    }

    @Bean(destroyMethod = "close")
    QuarantineJobs quarantineJobs(Quarantine quarantine) {
        return new QuarantineJobs(quarantine);
    }
}
