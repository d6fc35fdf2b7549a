package kz.digitaltenge.hub.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Set;
import kz.digitaltenge.canonical.LedgerException;
import kz.digitaltenge.canonical.ReasonCode;
import kz.digitaltenge.canonical.id.AccountNumber;
import kz.digitaltenge.canonical.id.Bic;
import kz.digitaltenge.canonical.id.PartyId;
import kz.digitaltenge.ledger.registry.Account;
import kz.digitaltenge.ledger.registry.AccountKind;
import kz.digitaltenge.ledger.registry.Participant;
import kz.digitaltenge.ledger.registry.Registry;
import kz.digitaltenge.ledger.registry.Role;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * What the Treasury opens itself: a government body's budget account. The body is registered as a participant with no
 * ledger role (ministries and akimats hold none) when it is new, its account is of kind GOVERNMENT_BODY serviced by the
 * Treasury (the ledger refuses any other servicer), and the Treasury becomes its delegate: it executes the body's
 * payments and marks its budget money to contracts. The Treasury opens nothing else (other accounts: the operator).
 */
@RestController
@RequestMapping(path = "/api/treasury", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "treasury", description = "government-body accounts opened by the Treasury")
public class TreasuryController {
    private final Registry registry;

    public TreasuryController(Registry registry) {
        this.registry = registry;
    }

    /** {@code treasuryBin}: the Treasury (a participant with role TREASURY) whose BIC services the account. */
    public record GovernmentAccountRequest(String partyId, String name, String account, String treasuryBin) {
    }

    public record GovernmentAccountJson(String partyId, String name, String account, String kind, String servicer, String delegate) {
    }

    @Operation(summary = "Open a government body's budget account (GOVERNMENT_BODY, serviced by the Treasury, the Treasury its"
            + " delegate); registers the body (no ledger role) when it is new")
    @PostMapping("/government-accounts")
    @ResponseStatus(HttpStatus.CREATED)
    public GovernmentAccountJson open(@RequestBody GovernmentAccountRequest r) {
        if (r == null || r.partyId() == null || r.account() == null || r.treasuryBin() == null) {
            throw new LedgerException(ReasonCode.MALFORMED, "partyId, account and treasuryBin are required (name for a new body)");
        }
        Participant treasury = registry.participant(PartyId.of(r.treasuryBin()));
        if (!treasury.has(Role.TREASURY)) {
            throw new LedgerException(ReasonCode.NOT_AUTHORIZED, r.treasuryBin() + " is not the Treasury");
        }
        PartyId body = PartyId.of(r.partyId());
        Participant owner;
        try {
            owner = registry.participant(body);
        } catch (LedgerException notFound) {
            if (notFound.reason() != ReasonCode.NOT_FOUND) {
                throw notFound;
            }
            if (r.name() == null || r.name().isBlank()) {
                throw new LedgerException(ReasonCode.MALFORMED, "a new government body needs its name");
            }
            owner = registry.register(new Participant(body, r.name(), Set.of(), null));
        }
        Bic servicer = treasury.bic();
        Account a = registry.openAccount(new Account(AccountNumber.parse(r.account()), owner.partyId(), AccountKind.GOVERNMENT_BODY, servicer));
        registry.delegate(a.number(), treasury.partyId());
        return new GovernmentAccountJson(owner.partyId().value(), owner.name(), a.number().value(), a.kind().name(),
                servicer.value(), treasury.partyId().value());
    }
}
