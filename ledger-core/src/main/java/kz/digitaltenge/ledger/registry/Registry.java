package kz.digitaltenge.ledger.registry;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import kz.digitaltenge.canonical.LedgerException;
import kz.digitaltenge.canonical.ReasonCode;
import kz.digitaltenge.ledger.crypto.SignatureVerifier;
import kz.digitaltenge.canonical.id.AccountNumber;
import kz.digitaltenge.canonical.id.PartyId;
import kz.digitaltenge.canonical.text.Text;

/**
 * Participants, their keys, accounts and delegations. The store holds them durably; this class keeps a read
 * cache that is filled at start, and a miss is looked up by its key alone (another hub instance may have
 * registered it), so validation never waits on the database for a known party and a flood of unknown names
 * costs one indexed lookup each. Registrations are never removed, so a cached entry never goes stale.
 */
public final class Registry {
    private final RegistryStore store;
    private final Map<PartyId, Participant> participants = new ConcurrentHashMap<>();
    private final Map<String, RegisteredKey> keys = new ConcurrentHashMap<>();
    private final Map<String, SignatureVerifier> verifiers = new ConcurrentHashMap<>();
    private final Map<AccountNumber, Account> accounts = new ConcurrentHashMap<>();
    private final Map<AccountNumber, Set<PartyId>> delegations = new ConcurrentHashMap<>();

    public Registry(RegistryStore store) {
        this.store = store;
        reload();
    }

    /** Re-reads everything from the store. */
    public synchronized void reload() {
        store.participants().forEach(p -> participants.put(p.partyId(), p));
        store.keys().forEach(k -> keys.put(k.keyId(), k));
        store.accounts().forEach(a -> accounts.put(a.number(), a));
        store.delegations().forEach(d -> delegations.computeIfAbsent(d.getKey(), x -> ConcurrentHashMap.newKeySet()).add(d.getValue()));
    }

    public Participant register(Participant participant) {
        Text.require(Text.Field.PARTICIPANT_NAME, participant.name()); // a 200,000-character name was stored before
        if ((participant.has(Role.BANK) || participant.has(Role.TREASURY) || participant.has(Role.ISSUER)) && participant.bic() == null) {
            throw new LedgerException(ReasonCode.MALFORMED, "a bank, the Treasury and the issuer need a BIC");
        }
        store.insertParticipant(participant);
        participants.put(participant.partyId(), participant);
        return participant;
    }

    public RegisteredKey registerKey(RegisteredKey key) {
        Text.require(Text.Field.KEY_ID, key.keyId()); // signatures name it, refusals and logs quote it
        participant(key.holder());
        SignatureVerifier.of(key.algorithm(), key.publicKey()); // refuse a key that does not parse
        store.insertKey(key);
        keys.put(key.keyId(), key);
        return key;
    }

    public Account openAccount(Account account) {
        Participant owner = participant(account.owner());
        if (!account.kind().admits(owner.roles())) {
            throw new LedgerException(ReasonCode.WRONG_ACCOUNT_KIND, "an account of kind " + account.kind() + " cannot belong to "
                    + owner.name() + " (" + owner.partyId() + ", roles " + owner.roles().stream().map(Enum::name).sorted().toList()
                    + "): " + requirement(account.kind()));
        }
        Participant servicer = participants.values().stream()
                .filter(p -> account.servicer().equals(p.bic()))
                .findFirst()
                .orElseThrow(() -> new LedgerException(ReasonCode.NOT_FOUND,
                        "servicer BIC " + account.servicer() + " is not a registered bank or Treasury"));
        if (!servicer.has(Role.BANK) && !servicer.has(Role.TREASURY) && !servicer.has(Role.ISSUER)) {
            throw new LedgerException(ReasonCode.NOT_AUTHORIZED, servicer.name() + " cannot service accounts");
        }
        if (account.kind() == AccountKind.GOVERNMENT_BODY && !servicer.has(Role.TREASURY)) {
            // budget accounts are kept at the Treasury; a party with no role is a government body only there
            throw new LedgerException(ReasonCode.WRONG_ACCOUNT_KIND, "a GOVERNMENT_BODY account is serviced by the Treasury, not by "
                    + servicer.name() + " (" + account.servicer() + ")");
        }
        store.insertAccount(account);
        accounts.put(account.number(), account);
        return account;
    }

    private static String requirement(AccountKind kind) {
        return switch (kind) {
            case ISSUER -> "only the issuer (role ISSUER) holds an ISSUER account";
            case BANK -> "only a bank (role BANK) holds a BANK account";
            case TAX_OFFICE -> "only the tax authority (role TAX_AUTHORITY) holds a TAX_OFFICE account";
            case GOVERNMENT_BODY -> "only the Treasury or a government body (a participant with no role) holds a GOVERNMENT_BODY account";
            case PERSON, COMPANY -> "the issuer, the Treasury and the tax authority hold accounts of their own kind";
        };
    }

    /**
     * Lets {@code delegate} (a bank, the Treasury or the hub's payment agent) sign transfers from {@code account} on
     * its owner's behalf.
     */
    public void delegate(AccountNumber account, PartyId delegate) {
        account(account);
        Participant p = participant(delegate);
        if (!p.has(Role.BANK) && !p.has(Role.TREASURY) && !p.has(Role.PAYMENT_AGENT)) {
            throw new LedgerException(ReasonCode.NOT_AUTHORIZED, "only a bank, the Treasury or the payment agent can be a delegate");
        }
        store.insertDelegation(account, delegate);
        delegations.computeIfAbsent(account, x -> ConcurrentHashMap.newKeySet()).add(delegate);
    }

    public Participant participant(PartyId id) {
        Participant p = participants.get(id);
        if (p == null) {
            p = store.findParticipant(id).orElse(null);
            if (p != null) {
                participants.put(id, p);
            }
        }
        if (p == null) {
            throw new LedgerException(ReasonCode.NOT_FOUND, "participant " + id + " is not registered");
        }
        return p;
    }

    /**
     * The accounts of a participant this registry knows (opened here, or seen since start). Used to narrow what a bank
     * may read, so an account opened on another hub instance and not yet seen errs on the side of refusing.
     */
    public java.util.List<Account> accountsOf(PartyId owner) {
        return accounts.values().stream().filter(a -> a.owner().equals(owner)).toList();
    }

    public Optional<Account> findAccount(AccountNumber number) {
        Account a = accounts.get(number);
        if (a == null) {
            a = store.findAccount(number).orElse(null);
            if (a != null) {
                accounts.put(number, a);
            }
        }
        return Optional.ofNullable(a);
    }

    public Account account(AccountNumber number) {
        return findAccount(number).orElseThrow(() ->
                new LedgerException(ReasonCode.UNKNOWN_ACCOUNT, "account " + number + " is not registered"));
    }

    public Optional<RegisteredKey> key(String keyId) {
        RegisteredKey k = keys.get(keyId);
        if (k == null) {
            k = store.findKey(keyId).orElse(null);
            if (k != null) {
                keys.put(keyId, k);
            }
        }
        return Optional.ofNullable(k);
    }

    /** The prepared verifier of a registered key (keys are immutable once registered, so it is cached). */
    public SignatureVerifier verifier(RegisteredKey key) {
        return verifiers.computeIfAbsent(key.keyId(), id -> SignatureVerifier.of(key.algorithm(), key.publicKey()));
    }

    public boolean isDelegate(AccountNumber account, PartyId party) {
        Set<PartyId> d = delegations.get(account);
        if (d != null && d.contains(party)) {
            return true;
        }
        if (store.delegationExists(account, party)) {
            delegations.computeIfAbsent(account, x -> ConcurrentHashMap.newKeySet()).add(party);
            return true;
        }
        return false;
    }
}
