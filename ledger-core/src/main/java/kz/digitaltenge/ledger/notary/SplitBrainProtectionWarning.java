package kz.digitaltenge.ledger.notary;

import com.hazelcast.cluster.InitialMembershipEvent;
import com.hazelcast.cluster.InitialMembershipListener;
import com.hazelcast.cluster.MembershipEvent;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Warns, once, when this member sees a cluster of {@link #WARN_FROM} or more while the spent-set has no split-brain
 * protection. Why: the hub's default ({@code hub.hazelcast.minimum-cluster-size: 1}) is right for one or two members,
 * but with three or more a network split leaves every side granting the same outputs, and only the store's primary
 * key refuses the second commit; a majority requirement makes the minority refuse instead (docs/notary.md).
 *
 * <p>A membership listener, so the warning comes when the cluster grows to that size, at start or later, and is
 * decided at once for a cluster already that large (Hazelcast calls {@link #init} as it registers the listener).
 */
final class SplitBrainProtectionWarning implements InitialMembershipListener {
    static final int WARN_FROM = 3;
    /** Logs as the spent-set, the name operators know its messages by. */
    private static final Logger LOG = LoggerFactory.getLogger(HazelcastSpentSet.class);

    private final String clusterName;
    private final AtomicBoolean warned = new AtomicBoolean();

    SplitBrainProtectionWarning(String clusterName) {
        this.clusterName = clusterName;
    }

    @Override
    public void init(InitialMembershipEvent event) {
        check(event.getMembers().size());
    }

    @Override
    public void memberAdded(MembershipEvent event) {
        check(event.getMembers().size());
    }

    @Override
    public void memberRemoved(MembershipEvent event) {
        // a shrinking cluster was warned about when it was large
    }

    private void check(int members) {
        if (members >= WARN_FROM && warned.compareAndSet(false, true)) {
            LOG.warn("the notary's cluster {} has {} members and no split-brain protection (minimum cluster size 1): during a"
                    + " network split every side keeps granting the same outputs and only the store refuses the second"
                    + " commit; set hub.hazelcast.minimum-cluster-size to a majority ({})", clusterName, members, members / 2 + 1);
        }
    }
}
