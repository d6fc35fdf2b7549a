package kz.digitaltenge.bench.faults;

import com.hazelcast.config.Config;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.instance.EndpointQualifier;
import com.hazelcast.spi.MemberAddressProvider;
import java.net.InetSocketAddress;
import java.util.List;
import kz.digitaltenge.ledger.notary.NotaryCluster;

/**
 * A Hazelcast member at an address outside the hubs' member list: the host's bridge address when the hubs run in
 * namespaces, 127.0.0.2 on loopback (on Linux all of 127.0.0.0/8 is this host). Hazelcast binds only to addresses it finds on the host's interfaces, where
 * 127.0.0.2 is not listed; an address provider binds it all the same, and with bind-any off its outgoing connections
 * come from it too — so the hubs see a peer at 127.0.0.2.
 */
final class Stranger {
    static final String LOOPBACK = "127.0.0.2";

    private Stranger() {
    }

    static HazelcastInstance start(String clusterName, List<String> members, String address) {
        int port = 25790;
        Config config = NotaryCluster.memberConfig(clusterName, address, port, members, 1);
        config.setProperty("hazelcast.logging.type", "none");
        config.getNetworkConfig().setPortAutoIncrement(false);
        config.getNetworkConfig().getInterfaces().setEnabled(false);
        InetSocketAddress at = new InetSocketAddress(address, port);
        config.getNetworkConfig().getMemberAddressProviderConfig().setEnabled(true).setImplementation(new MemberAddressProvider() {
            @Override
            public InetSocketAddress getBindAddress() {
                return at;
            }

            @Override
            public InetSocketAddress getBindAddress(EndpointQualifier qualifier) {
                return at;
            }

            @Override
            public InetSocketAddress getPublicAddress() {
                return at;
            }

            @Override
            public InetSocketAddress getPublicAddress(EndpointQualifier qualifier) {
                return at;
            }
        });
        return Hazelcast.newHazelcastInstance(config);
    }
}
