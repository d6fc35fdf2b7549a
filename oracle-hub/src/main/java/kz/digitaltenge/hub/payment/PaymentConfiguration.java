package kz.digitaltenge.hub.payment;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import kz.digitaltenge.hub.config.HubProperties;
import kz.digitaltenge.hub.invoice.InvoiceRegistry;
import kz.digitaltenge.hub.payment.InvoiceStatusPublisher;
import kz.digitaltenge.hub.oracle.OracleIdentity;
import kz.digitaltenge.hub.oracle.OracleSigner;
import kz.digitaltenge.hub.quarantine.Quarantine;
import kz.digitaltenge.hub.quarantine.QuarantineStore;
import kz.digitaltenge.ledger.Ledger;
import kz.digitaltenge.canonical.id.PartyId;
import kz.digitaltenge.ledger.registry.Registry;
import kz.digitaltenge.ledger.registry.Role;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import kz.digitaltenge.hub.pipeline.DirectoryIntakeRoutes;

/** Digital VAT in the hub: the invoice registry, the payment agent, payment orders and their statuses. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PaymentProperties.class)
public class PaymentConfiguration {

    /** Needs the hub schema (invoices), which the quarantine store migrates. */
    @Bean
    InvoiceRegistry invoiceRegistry(HikariDataSource dataSource, Ledger ledger, QuarantineStore migratedHubSchema) {
        return new InvoiceRegistry(dataSource, ledger.facts(), ledger.queries());
    }

    /**
     * The payment agent: its key (keystore generated on first run, as the oracle's) and its PAYMENT_AGENT
     * registration, so accounts can delegate to it. Not a bean of its own: the oracle's signer is the hub's only
     * {@link OracleSigner} bean.
     */
    static OracleSigner establishAgent(PaymentProperties p, HubProperties hub, Registry registry) {
        Path keystore = p.getKeystore() != null ? p.getKeystore() : hub.getDataDir().resolve("payments").resolve("payment-agent.p12");
        return OracleIdentity.establish(keystore, p.getKeystorePassword(), PartyId.of(p.getAgentPartyId()), p.getAgentName(),
                Role.PAYMENT_AGENT, p.getAgentKeyId(), registry);
    }

    /** The orders' bookkeeping rides on the ledger's group commit: an order is EXECUTED in its payment's commit. */
    @Bean
    PaymentOrders paymentOrders(HikariDataSource dataSource, Ledger ledger, kz.digitaltenge.ledger.store.LedgerStore store,
                                InvoiceRegistry invoices, Quarantine quarantine,
                                PaymentProperties properties, HubProperties hub, Registry registry,
                                org.springframework.beans.factory.ObjectProvider<InvoiceStatusPublisher> statuses) {
        PaymentOrders orders = new PaymentOrders(dataSource, ledger, invoices, quarantine, establishAgent(properties, hub, registry),
                payer -> properties.isBankConfirmation() || registry.findAccount(kz.digitaltenge.canonical.id.AccountNumber.parse(payer))
                        .map(a -> properties.getConfirmingBanks().contains(a.servicer().value())).orElse(false),
                hub.getSubmitTimeout().toMillis(), reg -> statuses.getObject().publish(reg));
        store.commits().addCompanion(orders.commitCompanion());
        return orders;
    }

    @Bean(destroyMethod = "close")
    InvoiceStatusPublisher invoiceStatusPublisher(org.apache.camel.CamelContext camel, InvoiceRegistry invoices, PaymentOrders payments,
                                                  HikariDataSource dataSource) {
        return new InvoiceStatusPublisher(camel, invoices, payments, dataSource, 30);
    }

    /** Retry of an undelivered payment status: {@link InvoiceStatusPublisher#replay}. */
    @Bean
    kz.digitaltenge.hub.quarantine.QuarantineReplay statusReplay(InvoiceStatusPublisher publisher) {
        return publisher::replay;
    }

    /** Where a module hands what it could not deliver: the quarantine. */
    @Bean
    org.apache.camel.builder.RouteBuilder outboundFailureRoute(Quarantine quarantine) {
        return new kz.digitaltenge.hub.quarantine.OutboundFailureRoute(quarantine);
    }

    @Bean
    PaymentOrderIntake paymentOrderIntake(kz.digitaltenge.hub.pipeline.SourceSystems sources, PaymentOrders orders,
                                          Quarantine quarantine, Registry registry,
                                          kz.digitaltenge.hub.security.SenderResolver senders) {
        return new PaymentOrderIntake(sources, orders, quarantine, registry, senders);
    }

    @Bean
    Statements statements(Ledger ledger, PaymentOrders orders) {
        return new Statements(ledger, orders);
    }

    /** Files from the watched directories of payment-order sources ({@link DirectoryIntakeRoutes}). */
    @Bean
    org.apache.camel.builder.RouteBuilder paymentOrderFileRoute(PaymentOrderIntake intake) {
        return new org.apache.camel.builder.RouteBuilder() {
            @Override
            public void configure() {
                from(DirectoryIntakeRoutes.PAYMENT_ORDER_FILES).routeId("payment-order-files")
                        .process(e -> {
                            org.apache.camel.Message in = e.getMessage();
                            in.setBody(intake.directoryFile(in.getHeader(DirectoryIntakeRoutes.SOURCE_HEADER, String.class),
                                    in.getHeader(DirectoryIntakeRoutes.DIRECTORY_HEADER, String.class),
                                    in.getHeader(DirectoryIntakeRoutes.FILE_NAME_HEADER, "inbox", String.class),
                                    in.getHeader(DirectoryIntakeRoutes.FILE_LENGTH_HEADER, 0L, Long.class),
                                    () -> in.getBody(byte[].class)));
                        });
            }
        };
    }
}
