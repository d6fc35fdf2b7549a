package kz.digitaltenge.bench.faults;

import com.hazelcast.config.Config;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import java.util.List;
import kz.digitaltenge.ledger.testing.StrangerConfig;

/**
 * A Hazelcast member at an address outside the hubs' member list: the host's bridge address when the hubs run in
 * namespaces, 127.0.0.2 on loopback (on Linux all of 127.0.0.0/8 is this host); ledger-core's {@link StrangerConfig}
 * binds it there.
 */
final class Stranger {
    static final String LOOPBACK = "127.0.0.2";

    private Stranger() {
    }

    static HazelcastInstance start(String clusterName, List<String> members, String address) {
        Config config = StrangerConfig.at(clusterName, address, 25790, members);
        config.setProperty("hazelcast.logging.type", "none");
        config.getNetworkConfig().setPortAutoIncrement(false);
        return Hazelcast.newHazelcastInstance(config);
    }
}
