package kz.digitaltenge.ledger.store;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import kz.digitaltenge.canonical.id.AccountNumber;
import kz.digitaltenge.canonical.id.PartyId;
import kz.digitaltenge.ledger.programmable.AddressList;

/** The address-list marking programmes, stored under their content id (the levels as JSON). */
public final class AddressListRecords {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Jdbc jdbc;

    AddressListRecords(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    public void insertAddressList(AddressList list) {
        List<List<String>> levels = new ArrayList<>();
        for (Set<AccountNumber> level : list.levels()) {
            levels.add(level.stream().map(AccountNumber::value).sorted().toList());
        }
        try {
            jdbc.update("insert into address_lists(id, initiator, recipient, levels) values (?,?,?,?) on conflict (id) do nothing", null,
                    list.id(), list.initiator().value(), list.recipient().value(), JSON.writeValueAsString(levels));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public Optional<AddressList> findAddressList(String id) {
        return jdbc.query("select initiator, recipient, levels from address_lists where id = ?", rs -> {
            try {
                List<List<String>> raw = JSON.readValue(rs.getString(3), new TypeReference<List<List<String>>>() { });
                List<Set<AccountNumber>> levels = new ArrayList<>();
                for (List<String> level : raw) {
                    Set<AccountNumber> accounts = new java.util.LinkedHashSet<>();
                    level.forEach(a -> accounts.add(new AccountNumber(a)));
                    levels.add(accounts);
                }
                return new AddressList(new PartyId(rs.getString(1)), new AccountNumber(rs.getString(2)), levels);
            } catch (java.io.IOException e) {
                throw new IllegalStateException("stored address list " + id + " is not JSON", e);
            }
        }, id).stream().findFirst();
    }
}
