package kz.digitaltenge.hub.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/** Everything under {@code hub.} in application.yaml. See oracle-hub/README.md for the table. */
@ConfigurationProperties(prefix = "hub")
public class HubProperties {
    /** Where the embedded PostgreSQL keeps its data (sub-directory {@code postgres}). */
    private Path dataDir = Path.of("./hub-data");
    /** How long a submit waits for the ledger's answer before 503 UNAVAILABLE. */
    private Duration submitTimeout = Duration.ofSeconds(30);
    /**
     * Group-commit writers of the ledger: each takes what is queued and writes it in one database transaction. Fewer
     * writers make larger batches (fewer statements per transaction), more overlap the commits' WAL flushes.
     */
    private int commitThreads = 2;
    /** Largest accepted request body under /api; larger ones get 413. */
    private DataSize maxRequestBody = DataSize.ofKilobytes(256);
    /** Largest body of a source system's document upload (1C files, e-invoices). */
    private DataSize maxFileBody = DataSize.ofMegabytes(10);
    private final Db db = new Db();
    private final Hazelcast hazelcast = new Hazelcast();
    private final Notary notary = new Notary();
    private final Oracle oracle = new Oracle();
    private final Holds holds = new Holds();
    private final Security security = new Security();
    private final Evidence evidence = new Evidence();

    public static class Evidence {
        /**
         * How often the hub signs a checkpoint of the evidence log's head, when the head moved since the last one;
         * 0 disables the schedule (checkpoints are then made on demand only).
         */
        private Duration checkpointInterval = Duration.ofSeconds(60);

        public Duration getCheckpointInterval() { return checkpointInterval; }
        public void setCheckpointInterval(Duration checkpointInterval) { this.checkpointInterval = checkpointInterval; }
    }

    public static class Security {
        /**
         * API users from configuration (bcrypt hashes only). When none are configured and the users file does not
         * exist, the first start creates {@code admin} (role ADMIN) in the file and prints its password once.
         */
        private List<User> users = new ArrayList<>();
        /** Credentials file of the embedded default; null = {@code <data-dir>/security/users.properties}. */
        private Path usersFile;
        /** How long a successful password check is remembered (HMAC in memory, never the password); 0 = never. */
        private Duration verifiedCacheTtl = Duration.ofMinutes(5);

        public Duration getVerifiedCacheTtl() { return verifiedCacheTtl; }
        public void setVerifiedCacheTtl(Duration verifiedCacheTtl) { this.verifiedCacheTtl = verifiedCacheTtl; }

        public List<User> getUsers() { return users; }
        public void setUsers(List<User> users) { this.users = users == null ? new ArrayList<>() : users; }
        public Path getUsersFile() { return usersFile; }
        public void setUsersFile(Path usersFile) { this.usersFile = usersFile; }
    }

    public static class User {
        private String name;
        /** Hub roles (TAX_AUTHORITY, BANK, TREASURY, ISSUER, EVENT_PROVIDER, BACK_OFFICE, AUDITOR, ADMIN). */
        private List<String> roles = new ArrayList<>();
        /** bcrypt hash of the password ({@code $2a$...}); a clear-text password is refused. */
        private String passwordHash;
        /** The participant (BIN/IIN) a TAXPAYER user acts for; empty for users that act for no single party. */
        private String party;

        public String getParty() { return party; }
        public void setParty(String party) { this.party = party; }
        public String getName() { return name; }
        public void setName(String name) { this.name = name; }
        public List<String> getRoles() { return roles; }
        public void setRoles(List<String> roles) { this.roles = roles == null ? new ArrayList<>() : roles; }
        public String getPasswordHash() { return passwordHash; }
        public void setPasswordHash(String passwordHash) { this.passwordHash = passwordHash; }
    }

    public static class Holds {
        /** How often the hub returns money held for expired events (HoldExpiry); 0 disables the schedule. */
        private Duration expiryInterval = Duration.ofSeconds(30);
        /** How often the hub finishes hold decisions a crash left half done (HoldSettlement.sweep); 0 disables it. */
        private Duration settlementInterval = Duration.ofSeconds(10);

        public Duration getExpiryInterval() { return expiryInterval; }
        public void setExpiryInterval(Duration expiryInterval) { this.expiryInterval = expiryInterval; }
        public Duration getSettlementInterval() { return settlementInterval; }
        public void setSettlementInterval(Duration settlementInterval) { this.settlementInterval = settlementInterval; }
    }

    public static class Db {
        /** JDBC URL of an external PostgreSQL; empty = start the embedded one. */
        private String url = "";
        private String username = "";
        private String password = "";
        /** Port of the embedded PostgreSQL; 0 = any free port. */
        private int embeddedPort = 0;
        private int poolSize = 16;
        /**
         * Whether the embedded PostgreSQL loads {@code pg_stat_statements} (shipped with its binaries), for counting
         * statements per operation in the benchmarks; off by default (it costs a little on every statement).
         */
        private boolean statementStatistics = false;
        /**
         * The embedded PostgreSQL's {@code shared_buffers} ({@code 512MB}, {@code 4GB}); empty = PostgreSQL's default
         * (128MB). Size it to the ledger's working set: with the outputs table past the buffer cache, a transfer's cost
         * grew with the store (bench store-size: 1.29-1.38x from 10^6 to 10^7 outputs at 256MB, 1.01-1.15x at 4GB).
         */
        private String embeddedSharedBuffers = "";

        public String getEmbeddedSharedBuffers() { return embeddedSharedBuffers; }
        public void setEmbeddedSharedBuffers(String embeddedSharedBuffers) { this.embeddedSharedBuffers = embeddedSharedBuffers; }
        public boolean isStatementStatistics() { return statementStatistics; }
        public void setStatementStatistics(boolean statementStatistics) { this.statementStatistics = statementStatistics; }
        public String getUrl() { return url; }
        public void setUrl(String url) { this.url = url; }
        public String getUsername() { return username; }
        public void setUsername(String username) { this.username = username; }
        public String getPassword() { return password; }
        public void setPassword(String password) { this.password = password; }
        public int getEmbeddedPort() { return embeddedPort; }
        public void setEmbeddedPort(int embeddedPort) { this.embeddedPort = embeddedPort; }
        public int getPoolSize() { return poolSize; }
        public void setPoolSize(int poolSize) { this.poolSize = poolSize; }
    }

    public static class Hazelcast {
        private String clusterName = "tenge-hub";
        private String bindAddress = "127.0.0.1";
        private int port = 5701;
        private List<String> members = new ArrayList<>();
        private int minimumClusterSize = 1;
        /**
         * The local ports this member's outgoing member connections bind to (Hazelcast's outbound ports, e.g.
         * {@code 25711-25730}); empty = any ephemeral port. A firewall can then tell a member's connections apart by
         * port in both directions (deployment's firewall rules; bin/fault-suite's partition on loopback).
         */
        private String outboundPorts = "";
        /**
         * Refuse, at the member port's TCP accept, every connection from an address that is no listed member's
         * (ledger-core's {@code MemberAddressGuard}): Hazelcast's open-source edition admits a member or a client from
         * any address that gives the cluster name. Off only where members reach each other through addresses that are
         * not the listed ones (a NAT between them).
         */
        private boolean memberAddressGuard = true;

        public boolean isMemberAddressGuard() { return memberAddressGuard; }
        public void setMemberAddressGuard(boolean memberAddressGuard) { this.memberAddressGuard = memberAddressGuard; }
        public String getOutboundPorts() { return outboundPorts; }
        public void setOutboundPorts(String outboundPorts) { this.outboundPorts = outboundPorts == null ? "" : outboundPorts; }
        public String getClusterName() { return clusterName; }
        public void setClusterName(String clusterName) { this.clusterName = clusterName; }
        public String getBindAddress() { return bindAddress; }
        public void setBindAddress(String bindAddress) { this.bindAddress = bindAddress; }
        public int getPort() { return port; }
        public void setPort(int port) { this.port = port; }
        public List<String> getMembers() { return members; }
        public void setMembers(List<String> members) { this.members = members == null ? new ArrayList<>() : members; }
        public int getMinimumClusterSize() { return minimumClusterSize; }
        public void setMinimumClusterSize(int minimumClusterSize) { this.minimumClusterSize = minimumClusterSize; }
    }

    public static class Notary {
        private Duration lease = Duration.ofSeconds(30);
        private Duration sweepInterval = Duration.ofSeconds(2);
        /**
         * How long the spent-set keeps an output's spent mark at least (one to two of these; 0 = for ever). After it only
         * the store refuses a second spend of that output, so the spent-set's memory stays bounded by what is spent in
         * two periods (docs/notary.md).
         */
        private Duration spentRetention = Duration.ofMinutes(10);

        public Duration getSpentRetention() { return spentRetention; }
        public void setSpentRetention(Duration spentRetention) { this.spentRetention = spentRetention; }
        public Duration getLease() { return lease; }
        public void setLease(Duration lease) { this.lease = lease; }
        public Duration getSweepInterval() { return sweepInterval; }
        public void setSweepInterval(Duration sweepInterval) { this.sweepInterval = sweepInterval; }
    }

    public static class Oracle {
        /** BIN of the hub as the oracle participant (ORACLE role) in the registry. */
        private String partyId = "990340000014";
        private String name = "Oracle Hub";
        /** Key id the hub's fact signatures name. */
        private String keyId = "oracle-hub-1";
        /** PKCS#12 keystore holding the oracle's Ed25519 key; null = {@code <data-dir>/oracle/oracle-key.p12}. */
        private Path keystore;
        /**
         * Keystore password; empty = read {@code <keystore>.password}, generated (mode 600) on first run.
         * Pass it by environment ({@code HUB_ORACLE_KEYSTORE_PASSWORD}), never in a committed file.
         */
        private String keystorePassword = "";
        /** Whether {@code POST /api/oracle/facts/sign} (the hub signs what it is given) is served. */
        private boolean signEndpoint = true;

        public String getPartyId() { return partyId; }
        public void setPartyId(String partyId) { this.partyId = partyId; }
        public String getName() { return name; }
        public void setName(String name) { this.name = name; }
        public String getKeyId() { return keyId; }
        public void setKeyId(String keyId) { this.keyId = keyId; }
        public Path getKeystore() { return keystore; }
        public void setKeystore(Path keystore) { this.keystore = keystore; }
        public String getKeystorePassword() { return keystorePassword; }
        public void setKeystorePassword(String keystorePassword) { this.keystorePassword = keystorePassword; }
        public boolean isSignEndpoint() { return signEndpoint; }
        public void setSignEndpoint(boolean signEndpoint) { this.signEndpoint = signEndpoint; }
    }

    /** The oracle keystore path, defaulting to {@code <data-dir>/oracle/oracle-key.p12}. */
    public Path oracleKeystore() {
        return oracle.getKeystore() != null ? oracle.getKeystore() : dataDir.resolve("oracle").resolve("oracle-key.p12");
    }

    /** The users file, defaulting to {@code <data-dir>/security/users.properties}. */
    public Path usersFile() {
        return security.getUsersFile() != null ? security.getUsersFile()
                : dataDir.resolve("security").resolve("users.properties");
    }

    public Path getDataDir() { return dataDir; }
    public void setDataDir(Path dataDir) { this.dataDir = dataDir; }
    public Duration getSubmitTimeout() { return submitTimeout; }
    public int getCommitThreads() { return commitThreads; }
    public void setCommitThreads(int commitThreads) { this.commitThreads = commitThreads; }
    public void setSubmitTimeout(Duration submitTimeout) { this.submitTimeout = submitTimeout; }
    public DataSize getMaxFileBody() { return maxFileBody; }
    public void setMaxFileBody(DataSize maxFileBody) { this.maxFileBody = maxFileBody; }
    public DataSize getMaxRequestBody() { return maxRequestBody; }
    public void setMaxRequestBody(DataSize maxRequestBody) { this.maxRequestBody = maxRequestBody; }
    public Db getDb() { return db; }
    public Hazelcast getHazelcast() { return hazelcast; }
    public Notary getNotary() { return notary; }
    public Oracle getOracle() { return oracle; }
    public Holds getHolds() { return holds; }
    public Security getSecurity() { return security; }
    public Evidence getEvidence() { return evidence; }
}
