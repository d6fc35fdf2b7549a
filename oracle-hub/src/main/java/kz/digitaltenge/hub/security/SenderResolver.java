package kz.digitaltenge.hub.security;

import java.util.Map;
import java.util.Set;
import kz.digitaltenge.canonical.LedgerException;
import kz.digitaltenge.canonical.ReasonCode;

/**
 * Turns the recorded {@link Sender} of a quarantined message into the {@link Caller} its retry runs as: the API user
 * as it is now (a user removed or stripped of its role since cannot be replayed into anything), or the transport
 * with the role the source was declared with (a Kafka topic, the watched directory). A message with no recorded
 * sender runs as nobody, and every check that needs a role refuses it.
 */
public final class SenderResolver {
    private final HubUsers users;

    public SenderResolver(HubUsers users) {
        this.users = users;
    }

    /**
     * @param transportRoles the roles a transport sender holds for this source (the source's declared role); an API user
     *                       holds its own roles instead
     */
    public Caller resolve(Map<String, String> headers, Set<HubRole> transportRoles) {
        Sender sender = Sender.of(headers).orElseThrow(() -> new LedgerException(ReasonCode.NOT_AUTHORIZED,
                "the message names no sender, so it cannot be replayed as anybody; the source must send it again"));
        return switch (sender.kind()) {
            case USER -> {
                HubUser user = users.find(sender.name());
                if (user == null) {
                    throw new LedgerException(ReasonCode.NOT_AUTHORIZED, "the message was sent by user " + sender.name()
                            + ", who is no longer a user of the hub; it cannot be replayed on that user's behalf");
                }
                yield Caller.of(user);
            }
            case KAFKA, DIRECTORY, POLL -> new Caller(sender.header(), transportRoles, null);
        };
    }
}
