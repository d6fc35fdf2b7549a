package kz.digitaltenge.hub;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.core.HazelcastInstance;
import kz.digitaltenge.ledger.notary.MemberAddressGuard;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The hub's spent-set member is started through ledger-core's {@link MemberAddressGuard}
 * ({@code hub.hazelcast.member-address-guard}, on by default): without it Hazelcast's open-source edition admits a
 * member or a client from any address that gives the cluster name (ForeignAddressTest; the fault suite's stranger
 * against the real cluster).
 */
class MemberAddressGuardWiringTest extends HubTestBase {
    @Autowired
    HazelcastInstance hazelcast;

    @Test
    void theHubsMemberRefusesConnectionsFromUnlistedAddresses() {
        assertThat(MemberAddressGuard.of(hazelcast)).as("the member was started through the guard").isNotNull();
        assertThat(hazelcast.getConfig().getNetworkConfig().getSocketInterceptorConfig().isEnabled()).isTrue();
    }
}
