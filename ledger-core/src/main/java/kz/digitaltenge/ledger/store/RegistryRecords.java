package kz.digitaltenge.ledger.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import kz.digitaltenge.canonical.LedgerException;
import kz.digitaltenge.canonical.ReasonCode;
import kz.digitaltenge.canonical.id.AccountNumber;
import kz.digitaltenge.canonical.id.Bic;
import kz.digitaltenge.canonical.id.PartyId;
import kz.digitaltenge.ledger.crypto.SignatureAlgorithm;
import kz.digitaltenge.ledger.registry.Account;
import kz.digitaltenge.ledger.registry.AccountKind;
import kz.digitaltenge.ledger.registry.Participant;
import kz.digitaltenge.ledger.registry.RegisteredKey;
import kz.digitaltenge.ledger.registry.RegistryStore;
import kz.digitaltenge.ledger.registry.Role;

/**
 * The registry's records: participants, their keys, accounts and delegations. Refusals are the registry's: a key id,
 * a public key of another holder or an account registered twice is CONFLICT; a missing owner is NOT_FOUND.
 */
public final class RegistryRecords implements RegistryStore {
    private final Jdbc jdbc;

    RegistryRecords(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    public void insertParticipant(Participant p) {
        String roles = String.join(",", p.roles().stream().map(Enum::name).sorted().toList());
        jdbc.update("insert into participants(party_id, name, roles, bic) values (?,?,?,?)",
                "participant " + p.partyId() + " (or its BIC) is already registered",
                p.partyId().value(), p.name(), roles, p.bic() == null ? null : p.bic().value());
    }

    /**
     * Registers a key. A key id already registered is refused (CONFLICT), whatever its content — the identical key
     * too, as always. So is a public key already registered to another participant: either holder could then sign as
     * the other. The second check is part of the insert itself; two registrations of one key for two holders at the
     * same instant could still both pass it (read committed), which a unique index on public_key would close — but it
     * would also stop the migration of a database that already holds such a pair, so that is left to an operator.
     */
    public void insertKey(RegisteredKey key) {
        int inserted = jdbc.update("insert into participant_keys(key_id, party_id, algorithm, public_key) select ?::varchar, ?::char(12), ?::varchar, ?::bytea "
                        + "where not exists (select 1 from participant_keys where public_key = ? and party_id <> ?)",
                "key id '" + key.keyId() + "' is already registered",
                key.keyId(), key.holder().value(), key.algorithm().name(), key.publicKey(), key.publicKey(), key.holder().value());
        if (inserted == 0) {
            throw new LedgerException(ReasonCode.CONFLICT, "this public key is already registered to another participant;"
                    + " each participant signs with keys of its own");
        }
    }

    public void insertAccount(Account a) {
        jdbc.update("insert into accounts(number, owner, kind, servicer) values (?,?,?,?)",
                "account " + a.number() + " is already registered",
                a.number().value(), a.owner().value(), a.kind().name(), a.servicer().value());
    }

    public void insertDelegation(AccountNumber account, PartyId delegate) {
        jdbc.update("insert into delegations(account, delegate) values (?,?) on conflict do nothing", null,
                account.value(), delegate.value());
    }

    public List<Participant> participants() {
        return participants("", new Object[0]);
    }

    private List<Participant> participants(String where, Object... args) {
        return jdbc.query("select party_id, name, roles, bic from participants " + where, rs -> {
            Set<Role> roles = EnumSet.noneOf(Role.class);
            for (String r : rs.getString(3).split(",")) {
                if (!r.isBlank()) {
                    roles.add(Role.valueOf(r));
                }
            }
            String bic = rs.getString(4);
            return new Participant(new PartyId(rs.getString(1)), rs.getString(2), roles, bic == null ? null : new Bic(bic));
        }, args);
    }

    public List<RegisteredKey> keys() {
        return jdbc.query("select key_id, party_id, algorithm, public_key from participant_keys", rs ->
                new RegisteredKey(rs.getString(1), new PartyId(rs.getString(2)),
                        SignatureAlgorithm.valueOf(rs.getString(3)), rs.getBytes(4)));
    }

    public List<Account> accounts() {
        return jdbc.query("select number, owner, kind, servicer from accounts", this::readAccount);
    }

    /** The accounts a party owns, oldest first (indexed by owner). */
    public List<Account> accountsOf(PartyId owner) {
        return jdbc.query("select number, owner, kind, servicer from accounts where owner = ? order by created_at, number", this::readAccount,
                owner.value());
    }

    private Account readAccount(ResultSet rs) throws SQLException {
        return new Account(new AccountNumber(rs.getString(1)), new PartyId(rs.getString(2)),
                AccountKind.valueOf(rs.getString(3)), new Bic(rs.getString(4).trim()));
    }

    public List<Map.Entry<AccountNumber, PartyId>> delegations() {
        return jdbc.query("select account, delegate from delegations", rs ->
                Map.entry(new AccountNumber(rs.getString(1)), new PartyId(rs.getString(2))));
    }

    public Optional<Participant> findParticipant(PartyId id) {
        return participants("where party_id = ?", id.value()).stream().findFirst();
    }

    public Optional<RegisteredKey> findKey(String keyId) {
        return jdbc.query("select key_id, party_id, algorithm, public_key from participant_keys where key_id = ?", rs ->
                new RegisteredKey(rs.getString(1), new PartyId(rs.getString(2)),
                        SignatureAlgorithm.valueOf(rs.getString(3)), rs.getBytes(4)), keyId).stream().findFirst();
    }

    public Optional<Account> findAccount(AccountNumber number) {
        return jdbc.query("select number, owner, kind, servicer from accounts where number = ?", this::readAccount, number.value())
                .stream().findFirst();
    }

    public boolean delegationExists(AccountNumber account, PartyId delegate) {
        return !jdbc.query("select 1 from delegations where account = ? and delegate = ?", rs -> 1, account.value(), delegate.value()).isEmpty();
    }
}
