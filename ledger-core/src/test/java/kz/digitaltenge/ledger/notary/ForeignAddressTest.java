package kz.digitaltenge.ledger.notary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.hazelcast.client.HazelcastClient;
import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.cluster.Member;
import com.hazelcast.config.Config;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import kz.digitaltenge.ledger.tx.OutputRef;
import kz.digitaltenge.ledger.tx.TxId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * A member and a Hazelcast client under the cluster's own name, from an address outside the configured members, over
 * real TCP on loopback: the real members listen on 127.0.0.1 and list only 127.0.0.1 addresses; the stranger is at
 * 127.0.0.2 (all of 127.0.0.0/8 is local on Linux). The client reaches the member through a relay whose outbound socket
 * is bound to 127.0.0.2, since Hazelcast's client cannot choose its source address.
 *
 * <p>Hazelcast alone admits both: the member joins and holds partitions of the spent-set, the client reads and writes
 * it. With {@link MemberAddressGuard} on the real members both are refused at the TCP accept: the member stays a
 * cluster of its own and never sees the spent-set, the client cannot connect at all.
 */
class ForeignAddressTest {
    private static final String STRANGER = "127.0.0.2";
    private static final DurableSpends NOTHING_SPENT = refs -> Map.of();
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final List<AutoCloseable> toClose = new ArrayList<>();
    private final int port = 17000 + ThreadLocalRandom.current().nextInt(2800);
    private final String cluster = "tenge-address-" + port;

    @BeforeAll
    static void strangerAddressIsLocal() {
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress(STRANGER, 0));
        } catch (IOException e) {
            assumeTrue(false, STRANGER + " is not a local address here (it is on Linux): " + e);
        }
    }

    /** Hazelcast logs each connection the guard refused at WARN (the test classpath's logback.xml logs ERROR only). */
    private final ListAppender<ILoggingEvent> refusals = new ListAppender<>();
    private final Logger acceptorLog = (Logger) LoggerFactory.getLogger("com.hazelcast.internal.server.tcp.TcpServerAcceptor");
    private Level acceptorLevel;

    @BeforeEach
    void listen() {
        acceptorLevel = acceptorLog.getLevel();
        acceptorLog.setLevel(Level.WARN);
        refusals.start();
        acceptorLog.addAppender(refusals);
    }

    @AfterEach
    void close() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
        acceptorLog.detachAppender(refusals);
        acceptorLog.setLevel(acceptorLevel);
    }

    @Test
    void hazelcastAloneAdmitsAMemberAndAClientFromAnotherAddress() throws Exception {
        HazelcastInstance real = member(Hazelcast.newHazelcastInstance(
                NotaryCluster.memberConfig(cluster, "127.0.0.1", port, List.of(), 1)));
        HazelcastSpentSet realSet = spentSet(real);
        OutputRef output = new OutputRef(randomTx(), 0);
        TxId mine = randomTx();
        assertThat(realSet.reserve(mine, List.of(output)).get(10, TimeUnit.SECONDS).kind()).isEqualTo(ReserveOutcome.Kind.RESERVED);

        HazelcastInstance stranger = member(Hazelcast.newHazelcastInstance(strangerMember(port + 2, List.of("127.0.0.1:" + port))));
        // if this fails, Hazelcast itself now keeps strangers out: docs/deployment.md must say so
        assertThat(hosts(real.getCluster().getMembers())).as("the real member's list").containsExactlyInAnyOrder("127.0.0.1", STRANGER);
        assertThat(hosts(stranger.getCluster().getMembers())).as("the stranger's list").containsExactlyInAnyOrder("127.0.0.1", STRANGER);
        assertThat(spentSet(stranger).find(output).getTxId()).as("the stranger reads the reservation").isEqualTo(mine.hex());
        await("the stranger comes to own partitions").atMost(WAIT).until(() -> stranger.getPartitionService().getPartitions()
                .stream().anyMatch(p -> p.getOwner() != null && p.getOwner().getAddress().getHost().equals(STRANGER)));

        Relay relay = relay(port + 3, port);
        HazelcastInstance client = client(HazelcastClient.newHazelcastClient(clientConfig(relay.address())));
        HazelcastSpentSet clientSet = spentSet(client);
        assertThat(clientSet.find(output).getTxId()).as("a client from " + STRANGER + " reads the reservation").isEqualTo(mine.hex());
        OutputRef other = new OutputRef(randomTx(), 1);
        TxId theirs = randomTx();
        assertThat(clientSet.reserve(theirs, List.of(other)).get(10, TimeUnit.SECONDS).kind()).isEqualTo(ReserveOutcome.Kind.RESERVED);
        assertThat(realSet.find(other).getTxId()).as("and writes a reservation of its own").isEqualTo(theirs.hex());
        assertThat(relay.peersSeenFrom()).as("the client's connections came from " + STRANGER).isPositive();
    }

    @Test
    void theGuardKeepsAMemberFromAnotherAddressOutOfTheClusterAndTheSpentSet() throws Exception {
        List<String> members = List.of("127.0.0.1:" + port, "127.0.0.1:" + (port + 1));
        HazelcastInstance first = member(MemberAddressGuard.start(NotaryCluster.memberConfig(cluster, "127.0.0.1", port, members, 1)));
        HazelcastInstance second = member(MemberAddressGuard.start(NotaryCluster.memberConfig(cluster, "127.0.0.1", port + 1, members, 1)));
        await().atMost(WAIT).until(() -> first.getCluster().getMembers().size() == 2 && second.getCluster().getMembers().size() == 2);
        HazelcastSpentSet realSet = spentSet(first);
        OutputRef output = new OutputRef(randomTx(), 0);
        TxId mine = randomTx();
        assertThat(realSet.reserve(mine, List.of(output)).get(10, TimeUnit.SECONDS).kind()).isEqualTo(ReserveOutcome.Kind.RESERVED);

        // the worst case: the stranger lists the real members and gives their cluster name
        HazelcastInstance stranger = member(Hazelcast.newHazelcastInstance(strangerMember(port + 2, members)));
        long started = System.currentTimeMillis();
        assertOnlyRealMembers(stranger, first, second);
        // its join gave up when it started; as a cluster of its own it looks for the listed members again to merge with
        // them, every 5 s from 5 s after its start (hazelcast.merge.*.run.delay.seconds): wait until they refused such a try
        await().atMost(WAIT).until(() -> refusals.list.stream().anyMatch(e -> e.getTimeStamp() >= started + 2_000
                && e.getFormattedMessage().contains("refused a connection from " + STRANGER)));
        assertOnlyRealMembers(stranger, first, second);
        HazelcastSpentSet strangerSet = spentSet(stranger);
        assertThat(strangerSet.find(output)).as("the stranger sees the real reservation").isNull();
        TxId theirs = randomTx();
        assertThat(strangerSet.reserve(theirs, List.of(output)).get(10, TimeUnit.SECONDS).kind()).isEqualTo(ReserveOutcome.Kind.RESERVED);
        assertThat(realSet.find(output).getTxId()).as("the real spent-set keeps its own reservation").isEqualTo(mine.hex());
        assertThat(spentSet(second).find(output).getTxId()).isEqualTo(mine.hex());
    }

    @Test
    void theGuardRefusesAClientFromAnotherAddressButNotOneOnAMembersAddress() throws Exception {
        HazelcastInstance real = member(MemberAddressGuard.start(NotaryCluster.memberConfig(cluster, "127.0.0.1", port, List.of(), 1)));
        HazelcastSpentSet realSet = spentSet(real);
        OutputRef output = new OutputRef(randomTx(), 0);
        TxId mine = randomTx();
        assertThat(realSet.reserve(mine, List.of(output)).get(10, TimeUnit.SECONDS).kind()).isEqualTo(ReserveOutcome.Kind.RESERVED);

        Relay relay = relay(port + 3, port);
        assertThatThrownBy(() -> client(HazelcastClient.newHazelcastClient(clientConfig(relay.address()))))
                .as("a client from " + STRANGER).isInstanceOf(IllegalStateException.class);
        assertThat(relay.peersSeenFrom()).as("its connections reached the member").isPositive();
        assertThat(MemberAddressGuard.of(real).refusedConnections()).isPositive();

        // the guard goes by address, not identity: a client on a member's own address gets in
        HazelcastInstance local = client(HazelcastClient.newHazelcastClient(clientConfig(new InetSocketAddress("127.0.0.1", port))));
        assertThat(spentSet(local).find(output).getTxId()).isEqualTo(mine.hex());
    }

    @Test
    void membersAreReadAsHostAndPort() {
        assertThat(MemberAddressGuard.host("10.0.1.11:5701")).isEqualTo("10.0.1.11");
        assertThat(MemberAddressGuard.host(" hub-a ")).isEqualTo("hub-a");
        assertThat(MemberAddressGuard.host("[fd00::11]:5701")).isEqualTo("fd00::11");
        assertThat(MemberAddressGuard.host("fd00::11")).isEqualTo("fd00::11");
    }

    /** The stranger: the real cluster's name, the given member list, itself at 127.0.0.2. */
    private Config strangerMember(int strangerPort, List<String> members) {
        return kz.digitaltenge.ledger.testing.StrangerConfig.at(cluster, STRANGER, strangerPort, members);
    }

    private static void assertOnlyRealMembers(HazelcastInstance stranger, HazelcastInstance... real) {
        assertThat(hosts(stranger.getCluster().getMembers())).as("the stranger's member list").containsExactly(STRANGER);
        for (HazelcastInstance r : real) {
            assertThat(hosts(r.getCluster().getMembers())).as("a real member's list").containsExactly("127.0.0.1", "127.0.0.1");
        }
    }

    private ClientConfig clientConfig(InetSocketAddress member) {
        ClientConfig config = new ClientConfig();
        config.setClusterName(cluster);
        config.setProperty("hazelcast.logging.type", "slf4j");
        config.setProperty("hazelcast.phone.home.enabled", "false");
        // one connection, to the given address (through the relay), none to the members' own addresses
        config.getNetworkConfig().addAddress(member.getHostString() + ":" + member.getPort()).setSmartRouting(false);
        config.getConnectionStrategyConfig().getConnectionRetryConfig().setClusterConnectTimeoutMillis(5_000);
        return config;
    }

    private static long refused(HazelcastInstance... members) {
        long n = 0;
        for (HazelcastInstance m : members) {
            n += MemberAddressGuard.of(m).refusedConnections();
        }
        return n;
    }

    private static List<String> hosts(java.util.Set<Member> members) {
        return members.stream().map(m -> m.getAddress().getHost()).toList();
    }

    private HazelcastInstance member(HazelcastInstance hz) {
        toClose.add(() -> hz.getLifecycleService().terminate());
        return hz;
    }

    private HazelcastInstance client(HazelcastInstance hz) {
        toClose.add(hz::shutdown);
        return hz;
    }

    private HazelcastSpentSet spentSet(HazelcastInstance hz) {
        HazelcastSpentSet set = new HazelcastSpentSet(hz, NOTHING_SPENT, Duration.ofSeconds(30), Duration.ofSeconds(30));
        toClose.add(set::close);
        return set;
    }

    private Relay relay(int relayPort, int memberPort) throws IOException {
        Relay relay = new Relay(new InetSocketAddress(STRANGER, relayPort), new InetSocketAddress("127.0.0.1", memberPort));
        toClose.add(relay);
        return relay;
    }

    /** Forwards what arrives at 127.0.0.2:relayPort to the member, from a socket bound to 127.0.0.2. */
    private static final class Relay implements AutoCloseable {
        private final ServerSocket server = new ServerSocket();
        private final List<Socket> sockets = new CopyOnWriteArrayList<>();
        private final AtomicLong fromStranger = new AtomicLong();
        private final InetSocketAddress target;

        Relay(InetSocketAddress listen, InetSocketAddress target) throws IOException {
            this.target = target;
            server.bind(listen);
            Thread acceptor = new Thread(this::accept, "relay-" + listen.getPort());
            acceptor.setDaemon(true);
            acceptor.start();
        }

        InetSocketAddress address() {
            return (InetSocketAddress) server.getLocalSocketAddress();
        }

        /** Connections made to the member from 127.0.0.2. */
        long peersSeenFrom() {
            return fromStranger.get();
        }

        private void accept() {
            while (!server.isClosed()) {
                try {
                    Socket in = server.accept();
                    Socket out = new Socket();
                    out.bind(new InetSocketAddress(STRANGER, 0));
                    out.connect(target, 5_000);
                    if (out.getLocalAddress().getHostAddress().equals(STRANGER)) {
                        fromStranger.incrementAndGet();
                    }
                    sockets.add(in);
                    sockets.add(out);
                    pump(in, out);
                    pump(out, in);
                } catch (IOException e) {
                    // closed, or the member refused: the client sees its connection end
                }
            }
        }

        private static void pump(Socket from, Socket to) {
            Thread t = new Thread(() -> {
                try (InputStream i = from.getInputStream(); OutputStream o = to.getOutputStream()) {
                    i.transferTo(o);
                } catch (IOException e) {
                    // one side closed
                }
                closeQuietly(from);
                closeQuietly(to);
            }, "relay-pump");
            t.setDaemon(true);
            t.start();
        }

        private static void closeQuietly(Socket s) {
            try {
                s.close();
            } catch (IOException e) {
                // already closed
            }
        }

        @Override
        public void close() throws IOException {
            server.close();
            sockets.forEach(Relay::closeQuietly);
        }
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private static TxId randomTx() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return TxId.of(b);
    }
}
