package kz.digitaltenge.hub.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import kz.digitaltenge.canonical.LedgerException;
import kz.digitaltenge.canonical.ReasonCode;
import kz.digitaltenge.ledger.crypto.Keys;
import kz.digitaltenge.ledger.crypto.SignatureAlgorithm;
import kz.digitaltenge.canonical.id.AccountNumber;
import kz.digitaltenge.canonical.id.Bic;
import kz.digitaltenge.canonical.id.PartyId;
import kz.digitaltenge.ledger.registry.Account;
import kz.digitaltenge.ledger.registry.AccountKind;
import kz.digitaltenge.ledger.registry.Participant;
import kz.digitaltenge.ledger.registry.RegisteredKey;
import kz.digitaltenge.ledger.registry.Registry;
import kz.digitaltenge.ledger.registry.Role;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Registration of participants, keys, accounts and delegations. Open for now: authentication and roles are a
 * later issue, and everything is under {@code /api} so one security filter can cover it.
 */
@RestController
@RequestMapping(path = "/api/ledger", produces = MediaType.APPLICATION_JSON_VALUE,
        consumes = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "registration", description = "participants, keys, accounts, delegations")
public class RegistrationController {
    private final Registry registry;

    public RegistrationController(Registry registry) {
        this.registry = registry;
    }

    public record ParticipantRequest(String partyId, String name, List<String> roles, String bic) {
    }

    public record ParticipantJson(String partyId, String name, List<String> roles, String bic) {
    }

    public record KeyRequest(String keyId, String algorithm, String publicKey) {
    }

    public record KeyJson(String keyId, String partyId, String algorithm, String publicKey) {
    }

    public record AccountRequest(String number, String owner, String kind, String servicer) {
    }

    public record AccountJson(String number, String owner, String kind, String servicer) {
    }

    public record DelegationRequest(String delegate) {
    }

    public record DelegationJson(String account, String delegate) {
    }

    @Operation(summary = "Register a participant (BIN/IIN, name, roles, BIC for banks, Treasury and issuer)")
    @PostMapping("/participants")
    @ResponseStatus(HttpStatus.CREATED)
    public ParticipantJson participant(@RequestBody ParticipantRequest r) {
        require(r != null && r.partyId() != null, "partyId is missing");
        PartyId id = PartyId.of(r.partyId());
        Set<Role> roles = EnumSet.noneOf(Role.class);
        if (r.roles() != null) {
            for (String role : r.roles()) {
                roles.add(parse(Role.class, role, "role"));
            }
        }
        Bic bic = r.bic() == null || r.bic().isBlank() ? null : Bic.of(r.bic());
        Participant p = registry.register(new Participant(id, r.name(), roles, bic));
        return new ParticipantJson(p.partyId().value(), p.name(), p.roles().stream().map(Enum::name).sorted().toList(),
                p.bic() == null ? null : p.bic().value());
    }

    @Operation(summary = "Register a public key (base64 X.509) for a participant; signatures name its keyId")
    @PostMapping("/participants/{partyId}/keys")
    @ResponseStatus(HttpStatus.CREATED)
    public KeyJson key(@PathVariable("partyId") String partyId, @RequestBody KeyRequest r) {
        require(r != null && r.keyId() != null && r.publicKey() != null, "keyId and publicKey are required");
        SignatureAlgorithm algorithm = SignatureAlgorithm.parse(r.algorithm());
        RegisteredKey k = registry.registerKey(new RegisteredKey(r.keyId(), PartyId.of(partyId), algorithm,
                Keys.fromBase64(r.publicKey(), "publicKey")));
        return new KeyJson(k.keyId(), k.holder().value(), k.algorithm().name(), Keys.base64(k.publicKey()));
    }

    @Operation(summary = "Open an account (IIK) for a registered owner, serviced by a registered bank's BIC")
    @PostMapping("/accounts")
    @ResponseStatus(HttpStatus.CREATED)
    public AccountJson account(@RequestBody AccountRequest r) {
        require(r != null && r.number() != null && r.owner() != null && r.kind() != null && r.servicer() != null,
                "number, owner, kind and servicer are required");
        Account a = registry.openAccount(new Account(AccountNumber.parse(r.number()), PartyId.of(r.owner()),
                parse(AccountKind.class, r.kind(), "kind"), Bic.of(r.servicer())));
        return new AccountJson(a.number().value(), a.owner().value(), a.kind().name(), a.servicer().value());
    }

    @Operation(summary = "Let a bank or the Treasury sign transfers from this account on its owner's behalf")
    @PostMapping("/accounts/{number}/delegations")
    @ResponseStatus(HttpStatus.CREATED)
    public DelegationJson delegate(@PathVariable("number") String number, @RequestBody DelegationRequest r) {
        require(r != null && r.delegate() != null, "delegate is missing");
        AccountNumber account = AccountNumber.parse(number);
        PartyId delegate = PartyId.of(r.delegate());
        registry.delegate(account, delegate);
        return new DelegationJson(account.value(), delegate.value());
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new LedgerException(ReasonCode.MALFORMED, message);
        }
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String value, String what) {
        require(value != null && !value.isBlank(), what + " is missing");
        try {
            return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new LedgerException(ReasonCode.MALFORMED, what + " '" + value + "' is not one of "
                    + java.util.Arrays.toString(type.getEnumConstants()));
        }
    }
}
