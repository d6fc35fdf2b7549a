package kz.digitaltenge.ledger.notary;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import java.util.List;

/**
 * Member configuration for the notary's Hazelcast cluster: TCP/IP join on a fixed member list (no multicast:
 * government networks do not carry it), the spent-set map (see {@link HazelcastSpentSet#configure}), and
 * failure detection tuned so that a lost member is noticed within seconds. The member list keeps no one out by
 * itself; {@link MemberAddressGuard#start} starts a member that refuses connections from any other address.
 */
public final class NotaryCluster {
    private NotaryCluster() {
    }

    /**
     * @param clusterName        members with another name never join (keeps test clusters apart)
     * @param bindAddress        interface to bind, e.g. 127.0.0.1
     * @param port               first port to try; Hazelcast auto-increments when taken
     * @param members            "host[:port]" of the other members (may be empty for a single member)
     * @param minimumClusterSize split-brain protection: the least members a side must see to read or write
     */
    public static Config memberConfig(String clusterName, String bindAddress, int port, List<String> members,
                                      int minimumClusterSize) {
        Config config = new Config();
        config.setClusterName(clusterName);
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.setProperty("hazelcast.logging.type", "slf4j");
        config.setProperty("hazelcast.heartbeat.interval.seconds", "1");
        config.setProperty("hazelcast.max.no.heartbeat.seconds", "6");
        config.setProperty("hazelcast.merge.first.run.delay.seconds", "5");
        config.setProperty("hazelcast.merge.next.run.delay.seconds", "5");
        config.setProperty("hazelcast.shutdownhook.enabled", "false");
        NetworkConfig network = config.getNetworkConfig();
        network.setPort(port).setPortAutoIncrement(true).setPortCount(100);
        network.getInterfaces().setEnabled(true).addInterface(bindAddress);
        config.setProperty("hazelcast.socket.bind.any", "false");
        JoinConfig join = network.getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        join.getTcpIpConfig().setEnabled(true).addMember(bindAddress + ":" + port);
        for (String m : members) {
            if (!m.isBlank()) {
                join.getTcpIpConfig().addMember(m.trim());
            }
        }
        config.getJetConfig().setEnabled(false);
        return HazelcastSpentSet.configure(config, minimumClusterSize);
    }
}
