package kz.digitaltenge.hub.payment;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code hub.payments.*}: the payment channel (Digital VAT), described in oracle-hub/README.md. */
@ConfigurationProperties(prefix = "hub.payments")
public class PaymentProperties {
    /** BIN of the hub's payment agent (ledger role PAYMENT_AGENT): payer accounts delegate to it. */
    private String agentPartyId = "990340000024";
    private String agentName = "Oracle Hub payment channel";
    private String agentKeyId = "hub-payments-1";
    /** PKCS#12 keystore of the agent's key; null = {@code <data-dir>/payments/payment-agent.p12}. */
    private Path keystore;
    /** Keystore password; empty = read {@code <keystore>.password}, generated (mode 600) on first run. */
    private String keystorePassword = "";
    /** Whether every payment order waits for its bank's confirmation ({@code POST /api/payments/{id}/confirm}). */
    private boolean bankConfirmation = false;
    /** BICs of banks that confirm each order from the accounts they service (the others' orders run at once). */
    private java.util.List<String> confirmingBanks = new java.util.ArrayList<>();
    /** Where statuses go to the e-invoice IS over HTTP (POST, JSON); empty = not sent over HTTP. */
    private String einvoiceStatusUrl = "";
    /** Kafka topic of statuses for the e-invoice IS (used when hub.intake.kafka-brokers is set). */
    private String einvoiceStatusTopic = "hub.einvoice.statuses";
    /** Attempts per status delivery before it is quarantined (OUTBOUND_FAILED). */
    private int einvoiceStatusAttempts = 5;
    private Duration einvoiceStatusRetryDelay = Duration.ofSeconds(2);
    /** A watched directory for 1C files (payment orders); null = no directory intake. */
    private Path erp1cInbox;
    /** The Отправитель of statements sent to 1C. */
    private String statementSender = "Digital tenge hub";

    public String getAgentPartyId() { return agentPartyId; }
    public void setAgentPartyId(String agentPartyId) { this.agentPartyId = agentPartyId; }
    public String getAgentName() { return agentName; }
    public void setAgentName(String agentName) { this.agentName = agentName; }
    public String getAgentKeyId() { return agentKeyId; }
    public void setAgentKeyId(String agentKeyId) { this.agentKeyId = agentKeyId; }
    public Path getKeystore() { return keystore; }
    public void setKeystore(Path keystore) { this.keystore = keystore; }
    public String getKeystorePassword() { return keystorePassword; }
    public void setKeystorePassword(String keystorePassword) { this.keystorePassword = keystorePassword; }
    public boolean isBankConfirmation() { return bankConfirmation; }
    public void setBankConfirmation(boolean bankConfirmation) { this.bankConfirmation = bankConfirmation; }
    public java.util.List<String> getConfirmingBanks() { return confirmingBanks; }
    public void setConfirmingBanks(java.util.List<String> confirmingBanks) { this.confirmingBanks = confirmingBanks == null ? new java.util.ArrayList<>() : confirmingBanks; }
    public String getEinvoiceStatusUrl() { return einvoiceStatusUrl; }
    public void setEinvoiceStatusUrl(String einvoiceStatusUrl) { this.einvoiceStatusUrl = einvoiceStatusUrl; }
    public String getEinvoiceStatusTopic() { return einvoiceStatusTopic; }
    public void setEinvoiceStatusTopic(String einvoiceStatusTopic) { this.einvoiceStatusTopic = einvoiceStatusTopic; }
    public int getEinvoiceStatusAttempts() { return einvoiceStatusAttempts; }
    public void setEinvoiceStatusAttempts(int einvoiceStatusAttempts) { this.einvoiceStatusAttempts = einvoiceStatusAttempts; }
    public Duration getEinvoiceStatusRetryDelay() { return einvoiceStatusRetryDelay; }
    public void setEinvoiceStatusRetryDelay(Duration einvoiceStatusRetryDelay) { this.einvoiceStatusRetryDelay = einvoiceStatusRetryDelay; }
    public Path getErp1cInbox() { return erp1cInbox; }
    public void setErp1cInbox(Path erp1cInbox) { this.erp1cInbox = erp1cInbox; }
    public String getStatementSender() { return statementSender; }
    public void setStatementSender(String statementSender) { this.statementSender = statementSender; }
}
