package kz.digitaltenge.hub.payment;

import java.nio.file.Path;
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
}
