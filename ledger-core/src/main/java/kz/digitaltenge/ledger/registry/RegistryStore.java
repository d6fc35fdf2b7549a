package kz.digitaltenge.ledger.registry;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import kz.digitaltenge.canonical.id.AccountNumber;
import kz.digitaltenge.canonical.id.PartyId;

/**
 * What the registry keeps durably. The registry owns this interface and the store implements it, so the registry
 * never depends on how or where its records are written. A refusal (a key id or an account registered twice, a
 * missing owner) is a {@link kz.digitaltenge.canonical.LedgerException}.
 */
public interface RegistryStore {
    void insertParticipant(Participant participant);

    /** Refused (CONFLICT) when the key id is taken, or when another participant holds the same public key. */
    void insertKey(RegisteredKey key);

    void insertAccount(Account account);

    /** Registering a delegation again is no change. */
    void insertDelegation(AccountNumber account, PartyId delegate);

    List<Participant> participants();

    List<RegisteredKey> keys();

    List<Account> accounts();

    List<Map.Entry<AccountNumber, PartyId>> delegations();

    Optional<Participant> findParticipant(PartyId id);

    Optional<RegisteredKey> findKey(String keyId);

    Optional<Account> findAccount(AccountNumber number);

    boolean delegationExists(AccountNumber account, PartyId delegate);
}
