package kz.digitaltenge.routes.procurement;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import kz.digitaltenge.routes.procurement.contract.CashOutPolicy;
import kz.digitaltenge.routes.procurement.contract.Programme;
import kz.digitaltenge.routes.procurement.contract.Programmes;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code hub.procurement.*}: where the portal is, and the programmes' cash-out rules. The token is a secret: set it
 * from the environment ({@code HUB_PROCUREMENT_TOKEN}) or a secret store, never in a file in the repository;
 * {@link #toString()} never shows it. Without a base URL and a token the hub does not poll, and the imports and the
 * intake still work.
 */
@ConfigurationProperties(prefix = "hub.procurement")
public class ProcurementProperties {
    /** The portal's host, e.g. {@code https://ows.goszakup.gov.kz}; empty: no poll. */
    private String baseUrl = "";
    /** The OWS bearer token (АО «Центр электронных финансов», valid one year); empty: no poll. */
    private String token = "";
    /** How often the hub polls the portal's journal. */
    private Duration pollInterval = Duration.ofMinutes(5);
    /** The client's own rate limit on requests to the portal. */
    private double requestsPerSecond = 5;
    /** The largest file the imports take (a list response of many records). */
    private long maxMessageBytes = 20L * 1024 * 1024;
    /** The programmes, in order: the first a contract matches decides its cash-out; none: cash-out by approved acts. */
    private List<ProgrammeSetting> programmes = new ArrayList<>();

    /** One programme: its name, what contracts it takes (any of each list; every list named must match), its cash-out. */
    public static class ProgrammeSetting {
        private String name;
        private List<String> customerBins = new ArrayList<>();
        private List<Long> finsources = new ArrayList<>();
        private List<String> budgetProgrammes = new ArrayList<>();
        private CashOutPolicy.Kind cashOut = CashOutPolicy.Kind.ACTS;
        /** With {@code cash-out: PERCENT}: the share of {@code maxTransfer}, 0-100, at most two decimals. */
        private BigDecimal percent;

        Programme toProgramme() {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("hub.procurement.programmes: a programme needs a name");
            }
            CashOutPolicy policy;
            try {
                policy = cashOut == CashOutPolicy.Kind.PERCENT ? CashOutPolicy.percent(percent)
                        : new CashOutPolicy(CashOutPolicy.Kind.ACTS, percent);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("hub.procurement.programmes " + name + ": " + e.getMessage(), e);
            }
            return Programme.of(name.strip(), new LinkedHashSet<>(customerBins), new LinkedHashSet<>(finsources),
                    new LinkedHashSet<>(budgetProgrammes), policy);
        }

        public String getName() { return name; }
        public void setName(String name) { this.name = name; }
        public List<String> getCustomerBins() { return customerBins; }
        public void setCustomerBins(List<String> customerBins) { this.customerBins = customerBins; }
        public List<Long> getFinsources() { return finsources; }
        public void setFinsources(List<Long> finsources) { this.finsources = finsources; }
        public List<String> getBudgetProgrammes() { return budgetProgrammes; }
        public void setBudgetProgrammes(List<String> budgetProgrammes) { this.budgetProgrammes = budgetProgrammes; }
        public CashOutPolicy.Kind getCashOut() { return cashOut; }
        public void setCashOut(CashOutPolicy.Kind cashOut) { this.cashOut = cashOut; }
        public BigDecimal getPercent() { return percent; }
        public void setPercent(BigDecimal percent) { this.percent = percent; }
    }

    /** Whether the hub polls the portal: a base URL and a token are set. */
    public boolean portalConfigured() {
        return baseUrl != null && !baseUrl.isBlank() && token != null && !token.isBlank();
    }

    /** The programmes as the translator uses them; a configuration error says which programme and why. */
    public Programmes toProgrammes() {
        List<Programme> out = new ArrayList<>();
        for (ProgrammeSetting p : programmes) {
            out.add(p.toProgramme());
        }
        return new Programmes(out);
    }

    public String getBaseUrl() { return baseUrl; }
    public void setBaseUrl(String baseUrl) { this.baseUrl = baseUrl; }
    public String getToken() { return token; }
    public void setToken(String token) { this.token = token; }
    public Duration getPollInterval() { return pollInterval; }
    public void setPollInterval(Duration pollInterval) { this.pollInterval = pollInterval; }
    public double getRequestsPerSecond() { return requestsPerSecond; }
    public void setRequestsPerSecond(double requestsPerSecond) { this.requestsPerSecond = requestsPerSecond; }
    public long getMaxMessageBytes() { return maxMessageBytes; }
    public void setMaxMessageBytes(long maxMessageBytes) { this.maxMessageBytes = maxMessageBytes; }
    public List<ProgrammeSetting> getProgrammes() { return programmes; }
    public void setProgrammes(List<ProgrammeSetting> programmes) { this.programmes = programmes; }

    /** Everything but the token. */
    @Override
    public String toString() {
        return "ProcurementProperties[baseUrl=" + baseUrl + ", token=" + (token == null || token.isBlank() ? "(none)" : "[hidden]")
                + ", pollInterval=" + pollInterval + ", requestsPerSecond=" + requestsPerSecond + ", maxMessageBytes="
                + maxMessageBytes + ", programmes=" + programmes.size() + "]";
    }
}
