package kz.digitaltenge.hub.oracle;

import java.security.KeyPair;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import kz.digitaltenge.hub.config.HubProperties;
import kz.digitaltenge.canonical.LedgerException;
import kz.digitaltenge.canonical.ReasonCode;
import kz.digitaltenge.ledger.crypto.SignatureAlgorithm;
import kz.digitaltenge.canonical.id.PartyId;
import kz.digitaltenge.ledger.registry.Participant;
import kz.digitaltenge.ledger.registry.RegisteredKey;
import kz.digitaltenge.ledger.registry.Registry;
import kz.digitaltenge.ledger.registry.Role;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sets up the hub's oracle identity at start-up: the key from the keystore (generated on first run) and the
 * hub as an {@link Role#ORACLE} participant with that key in the registry. Idempotent across restarts and
 * across hub instances sharing one database; refuses to start when the registry contradicts the keystore
 * (the party is registered without the ORACLE role, or the key id belongs to another key or party).
 */
public final class OracleIdentity {
    private static final Logger LOG = LoggerFactory.getLogger(OracleIdentity.class);

    private OracleIdentity() {
    }

    public static OracleSigner establish(HubProperties properties, Registry registry) {
        HubProperties.Oracle cfg = properties.getOracle();
        return establish(properties.oracleKeystore(), cfg.getKeystorePassword(), PartyId.of(cfg.getPartyId()), cfg.getName(),
                Role.ORACLE, cfg.getKeyId(), registry);
    }

    /**
     * One of the hub's own identities (the oracle, the payment agent): its Ed25519 key from a PKCS#12 keystore
     * (generated on first run), the party registered with {@code role} and the key registered for it, idempotently.
     */
    public static OracleSigner establish(java.nio.file.Path keystore, String keystorePassword, PartyId partyId, String name, Role role,
                                         String keyId, Registry registry) {
        KeyPair pair = OracleKeystore.loadOrCreate(keystore, keystorePassword, name);
        byte[] publicKey = pair.getPublic().getEncoded();
        ensureParticipant(registry, partyId, name, role);
        ensureKey(registry, new RegisteredKey(keyId, partyId, SignatureAlgorithm.ED25519, publicKey));
        LOG.info("{} identity: party {}, key id {}", role, partyId, keyId);
        return new OracleSigner(partyId, keyId, pair.getPrivate(), publicKey);
    }

    /** Registers {@code partyId} with {@code role} unless it is; refuses when it is registered without the role. */
    private static void ensureParticipant(Registry registry, PartyId partyId, String name, Role role) {
        Participant existing = find(registry, partyId).orElse(null);
        if (existing == null) {
            try {
                registry.register(new Participant(partyId, name, Set.of(role), null));
                LOG.info("registered the hub as {} participant {}", role, partyId);
                return;
            } catch (LedgerException e) {
                if (e.reason() != ReasonCode.CONFLICT) {
                    throw e;
                }
                existing = registry.participant(partyId); // another hub registered it meanwhile
            }
        }
        if (!existing.has(role)) {
            throw new IllegalStateException("participant " + partyId + " is registered without the " + role
                    + " role; choose another party id for the hub's " + role + " identity");
        }
    }

    /** Registers {@code key} unless it is; refuses when the key id is registered with another key or holder. */
    private static void ensureKey(Registry registry, RegisteredKey key) {
        Optional<RegisteredKey> existing = registry.key(key.keyId());
        if (existing.isEmpty()) {
            try {
                registry.registerKey(key);
                LOG.info("registered key {} of {}", key.keyId(), key.holder());
                return;
            } catch (LedgerException e) {
                if (e.reason() != ReasonCode.CONFLICT) {
                    throw e;
                }
                existing = registry.key(key.keyId());
            }
        }
        RegisteredKey k = existing.orElseThrow();
        if (!k.holder().equals(key.holder()) || k.algorithm() != key.algorithm() || !Arrays.equals(k.publicKey(), key.publicKey())) {
            throw new IllegalStateException("key id '" + key.keyId() + "' (hub.oracle.key-id) is registered for "
                    + k.holder() + " with another public key than the one in the hub's keystore; use a new key id");
        }
    }

    private static Optional<Participant> find(Registry registry, PartyId id) {
        try {
            return Optional.of(registry.participant(id));
        } catch (LedgerException e) {
            if (e.reason() == ReasonCode.NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
    }
}
