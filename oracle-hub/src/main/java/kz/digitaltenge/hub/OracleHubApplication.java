package kz.digitaltenge.hub;

import kz.digitaltenge.hub.config.HubProperties;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.flyway.FlywayAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/**
 * The oracle hub: a Spring Boot + Camel application that runs one ledger node (embedded or external
 * PostgreSQL, one Hazelcast notary member) and serves the ledger's JSON API under {@code /api}.
 *
 * <p>Flyway auto-configuration is excluded: the ledger store migrates its own schema through
 * {@code LedgerStore.migrate()}.
 */
@SpringBootApplication(exclude = FlywayAutoConfiguration.class)
@io.swagger.v3.oas.annotations.OpenAPIDefinition(
        info = @io.swagger.v3.oas.annotations.info.Info(title = "Digital tenge oracle hub", version = "0.1.0"),
        security = @io.swagger.v3.oas.annotations.security.SecurityRequirement(name = "basic"))
@io.swagger.v3.oas.annotations.security.SecurityScheme(name = "basic",
        type = io.swagger.v3.oas.annotations.enums.SecuritySchemeType.HTTP, scheme = "basic",
        description = "HTTP Basic over TLS; which roles each path admits: oracle-hub/README.md, Access")
@EnableConfigurationProperties(HubProperties.class)
public class OracleHubApplication {
    public static void main(String[] args) {
        SpringApplication.run(OracleHubApplication.class, args);
    }
}
