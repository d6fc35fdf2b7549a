package kz.digitaltenge.hub.oracle;

import kz.digitaltenge.hub.config.HubProperties;
import kz.digitaltenge.ledger.registry.Registry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The hub as the oracle: its key and its ORACLE registration. */
@Configuration(proxyBeanMethods = false)
public class OracleConfiguration {
    /** The hub's oracle key (keystore created on first run) and its ORACLE registration. */
    @Bean
    OracleSigner oracleSigner(HubProperties properties, Registry registry) {
        return OracleIdentity.establish(properties, registry);
    }
}
