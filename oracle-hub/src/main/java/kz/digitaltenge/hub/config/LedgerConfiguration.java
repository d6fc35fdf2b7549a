package kz.digitaltenge.hub.config;

import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.time.Clock;
import kz.digitaltenge.ledger.Ledger;
import kz.digitaltenge.ledger.fact.FactBook;
import kz.digitaltenge.ledger.notary.HazelcastSpentSet;
import kz.digitaltenge.ledger.notary.NotaryCluster;
import kz.digitaltenge.ledger.registry.Registry;
import kz.digitaltenge.ledger.store.LedgerStore;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The ledger node: PostgreSQL, a Hazelcast notary member, the store, the registry, the spent-set and the
 * ledger. Spring destroys beans in reverse dependency order, so shutdown runs: ledger, spent-set, Hazelcast,
 * connection pool, embedded PostgreSQL.
 */
@Configuration(proxyBeanMethods = false)
public class LedgerConfiguration {

    @Bean(destroyMethod = "close")
    HubDatabase hubDatabase(HubProperties properties) {
        return HubDatabase.start(properties);
    }

    @Bean(destroyMethod = "close")
    HikariDataSource dataSource(HubDatabase database, HubProperties properties) {
        HikariConfig cfg = new HikariConfig();
        cfg.setPoolName("ledger");
        cfg.setJdbcUrl(database.url());
        cfg.setUsername(database.username());
        if (database.password() != null && !database.password().isEmpty()) {
            cfg.setPassword(database.password());
        }
        cfg.setMaximumPoolSize(properties.getDb().getPoolSize());
        return new HikariDataSource(cfg);
    }

    @Bean(destroyMethod = "shutdown")
    HazelcastInstance hazelcastInstance(HubProperties properties) {
        HubProperties.Hazelcast hz = properties.getHazelcast();
        com.hazelcast.config.Config config = NotaryCluster.memberConfig(hz.getClusterName(), hz.getBindAddress(),
                hz.getPort(), hz.getMembers(), hz.getMinimumClusterSize());
        if (!hz.getOutboundPorts().isBlank()) {
            // outgoing member connections from these local ports only (so a firewall can match them)
            config.getNetworkConfig().addOutboundPortDefinition(hz.getOutboundPorts().trim());
        }
        return hz.isMemberAddressGuard() ? kz.digitaltenge.ledger.notary.MemberAddressGuard.start(config)
                : Hazelcast.newHazelcastInstance(config);
    }

    @Bean
    LedgerStore ledgerStore(HikariDataSource dataSource) {
        LedgerStore store = new LedgerStore(dataSource);
        store.migrate();
        return store;
    }

    @Bean
    Registry registry(LedgerStore store) {
        return new Registry(store.registry());
    }

    @Bean(destroyMethod = "close")
    HazelcastSpentSet spentSet(HazelcastInstance hazelcast, LedgerStore store, HubProperties properties) {
        return new HazelcastSpentSet(hazelcast, store, properties.getNotary().getLease(),
                properties.getNotary().getSweepInterval(), properties.getNotary().getSpentRetention());
    }

    /**
     * The clock the ledger judges validity and expiry by (contracts, events, hold expiry): UTC system time, as the
     * ledger's own default. A bean only so that tests can replace it and move time instead of waiting.
     */
    @Bean
    Clock ledgerClock() {
        return Clock.systemUTC();
    }

    @Bean(destroyMethod = "close")
    Ledger ledger(LedgerStore store, Registry registry, HazelcastSpentSet spentSet, Clock ledgerClock, HubProperties properties) {
        return new Ledger(store, registry, spentSet, Runtime.getRuntime().availableProcessors(), properties.getCommitThreads(), ledgerClock);
    }

    /** The ledger's own fact book: one cache, the same checks the ledger applies when a transaction names a fact. */
    @Bean
    FactBook factBook(Ledger ledger) {
        return ledger.facts();
    }
}
