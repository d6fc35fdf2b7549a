package kz.digitaltenge.ledger.notary;

import com.hazelcast.config.Config;
import com.hazelcast.config.SocketInterceptorConfig;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.instance.EndpointQualifier;
import com.hazelcast.instance.impl.DefaultNodeContext;
import com.hazelcast.instance.impl.DefaultNodeExtension;
import com.hazelcast.instance.impl.HazelcastInstanceFactory;
import com.hazelcast.instance.impl.Node;
import com.hazelcast.instance.impl.NodeExtension;
import com.hazelcast.nio.MemberSocketInterceptor;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Closes, on the member port, every TCP connection whose peer is not at the address of a configured member (the join's
 * tcp-ip member list), before Hazelcast reads a byte of it: a member from another address cannot join, a Hazelcast
 * client from another address cannot connect, so neither reads nor writes the spent-set.
 *
 * <p><b>Why it exists.</b> Hazelcast's open-source edition admits a member from any address that gives the cluster name
 * (the tcp-ip list only says whom to ask when joining) and a client from any address on the same port
 * ({@code ForeignAddressTest} shows both). The one hook Hazelcast has for refusing a connection, the socket interceptor,
 * is called by the open-source networking code but implemented only by the Enterprise edition's node extension; the
 * open-source one returns none. {@link #start} gives the member a node extension of our own that returns this guard.
 * That is Hazelcast's internal API ({@code com.hazelcast.instance.impl}): an upgrade may break it, and
 * {@code ForeignAddressTest} then fails.
 *
 * <p><b>What it is not.</b> Not authentication: any process on a member's host, or a host that takes over a member's
 * address, gets in, and the traffic stays in clear. The host firewall and WireGuard of docs/deployment.md stay.
 */
public final class MemberAddressGuard implements MemberSocketInterceptor {
    private final List<String> members;
    private final AtomicLong refused = new AtomicLong();

    private MemberAddressGuard(List<String> members) {
        this.members = List.copyOf(members);
    }

    /**
     * Starts a member with the guard on its port. The member list is read from the configuration's tcp-ip join
     * ("host[:port]" entries, as {@link NotaryCluster#memberConfig} writes them); the member's own address is in it.
     */
    public static HazelcastInstance start(Config config) {
        if (config.getAdvancedNetworkConfig().isEnabled()) {
            throw new IllegalArgumentException("the member address guard covers the plain network configuration only");
        }
        MemberAddressGuard guard = new MemberAddressGuard(config.getNetworkConfig().getJoin().getTcpIpConfig().getMembers());
        // Hazelcast's networking calls the interceptor only when the configuration enables one
        config.getNetworkConfig().setSocketInterceptorConfig(new SocketInterceptorConfig().setEnabled(true));
        config.getUserContext().put(MemberAddressGuard.class.getName(), guard);
        return HazelcastInstanceFactory.newHazelcastInstance(config, config.getInstanceName(), new DefaultNodeContext() {
            @Override
            public NodeExtension createNodeExtension(Node node) {
                return new DefaultNodeExtension(node) {
                    @Override
                    public MemberSocketInterceptor getSocketInterceptor(EndpointQualifier endpoint) {
                        return guard;
                    }
                };
            }
        });
    }

    /** The guard of a member started by {@link #start}, null for any other instance. */
    public static MemberAddressGuard of(HazelcastInstance hazelcast) {
        return (MemberAddressGuard) hazelcast.getUserContext().get(MemberAddressGuard.class.getName());
    }

    /** Connections closed so far because their peer was at no member's address. */
    public long refusedConnections() {
        return refused.get();
    }

    @Override
    public void onAccept(Socket socket) throws IOException {
        InetAddress peer = socket.getInetAddress();
        if (!isMemberAddress(peer)) {
            refused.incrementAndGet();
            // Hazelcast closes the socket and logs this at WARN
            throw new IOException("refused a connection from " + peer.getHostAddress()
                    + ": not the address of a configured member " + members);
        }
    }

    @Override
    public void onConnect(Socket socket) {
        // this member connects only to the listed members' addresses
    }

    @Override
    public void init(Properties properties) {
    }

    boolean isMemberAddress(InetAddress peer) {
        for (String member : members) {
            try {
                for (InetAddress address : InetAddress.getAllByName(host(member))) {
                    if (address.equals(peer)) {
                        return true;
                    }
                }
            } catch (UnknownHostException e) {
                // a member whose name does not resolve now admits no one
            }
        }
        return false;
    }

    /** The host of "host", "host:port", "[v6]" or "[v6]:port"; a bare IPv6 address is its own host. */
    static String host(String member) {
        String m = member.trim();
        if (m.startsWith("[") && m.indexOf(']') > 0) {
            return m.substring(1, m.indexOf(']'));
        }
        int colon = m.indexOf(':');
        return colon >= 0 && colon == m.lastIndexOf(':') ? m.substring(0, colon) : m;
    }
}
