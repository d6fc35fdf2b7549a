package kz.digitaltenge.ledger.testing;

import com.hazelcast.config.Config;
import com.hazelcast.instance.EndpointQualifier;
import com.hazelcast.spi.MemberAddressProvider;
import java.net.InetSocketAddress;
import java.util.List;
import kz.digitaltenge.ledger.notary.NotaryCluster;

/**
 * A member's configuration for an address outside a cluster's member list (ForeignAddressTest's stranger, the fault
 * suite's). Hazelcast binds only to addresses it finds on the host's interfaces — 127.0.0.2 is not listed there
 * although all of 127.0.0.0/8 is this host — so an address provider binds it all the same; with bind-any off its
 * outgoing connections come from that address too, and the members see a peer there.
 */
public final class StrangerConfig {
    private StrangerConfig() {
    }

    public static Config at(String clusterName, String address, int port, List<String> members) {
        Config config = NotaryCluster.memberConfig(clusterName, address, port, members, 1);
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
        return config;
    }
}
