package kz.digitaltenge.ledger.tx;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import kz.digitaltenge.ledger.LedgerException;
import kz.digitaltenge.ledger.ReasonCode;
import kz.digitaltenge.ledger.id.AccountNumber;
import kz.digitaltenge.ledger.id.PartyId;
import kz.digitaltenge.ledger.money.Tiyn;
import kz.digitaltenge.ledger.registry.Account;
import kz.digitaltenge.ledger.registry.Participant;
import kz.digitaltenge.ledger.registry.RegisteredKey;
import kz.digitaltenge.ledger.registry.Registry;
import kz.digitaltenge.ledger.registry.Role;
import kz.digitaltenge.ledger.store.StoredOutput;

/**
 * Every rule a transaction must pass before the notary sees it. Two phases: {@link #checkStructure} needs
 * nothing but the transaction and the registry; {@link #checkAgainstInputs} needs the stored inputs.
 *
 * <p>Limits: at most {@link #MAX_INPUTS} inputs, {@link #MAX_OUTPUTS} outputs and {@link #MAX_SIGNATURES}
 * signatures per transaction; amounts per {@link Tiyn}.
 */
public final class TransactionRules {
    public static final int MAX_INPUTS = 32;
    public static final int MAX_OUTPUTS = 32;
    public static final int MAX_SIGNATURES = 8;

    /** Supply effect of a valid transaction. */
    public record Effect(long issued, long redeemed) {
    }

    private final Registry registry;

    public TransactionRules(Registry registry) {
        this.registry = registry;
    }

    public void checkStructure(SignedTransaction signed) {
        Transaction tx = signed.tx();
        List<OutputRef> inputs = tx.inputs();
        List<Output> outputs = tx.outputs();
        require(tx.facts().size() <= Transaction.MAX_FACTS, ReasonCode.OVER_LIMIT, "more than " + Transaction.MAX_FACTS + " facts");
        switch (tx.type()) {
            case ISSUE -> {
                require(inputs.isEmpty(), ReasonCode.INVALID_STRUCTURE, "an issue has no inputs");
                require(!outputs.isEmpty(), ReasonCode.INVALID_STRUCTURE, "an issue needs at least one output");
            }
            case TRANSFER -> {
                require(!inputs.isEmpty(), ReasonCode.INVALID_STRUCTURE, "a transfer needs at least one input");
                require(!outputs.isEmpty(), ReasonCode.INVALID_STRUCTURE, "a transfer needs at least one output");
            }
            case REDEEM -> require(!inputs.isEmpty(), ReasonCode.INVALID_STRUCTURE, "a redeem needs at least one input");
            default -> throw new LedgerException(ReasonCode.UNSUPPORTED, tx.type() + " transactions are not enforced by this ledger version");
        }
        require(tx.facts().isEmpty(), ReasonCode.UNSUPPORTED, "transactions relying on oracle facts are not enforced by this ledger version");
        require(inputs.size() <= MAX_INPUTS, ReasonCode.OVER_LIMIT, "more than " + MAX_INPUTS + " inputs");
        require(outputs.size() <= MAX_OUTPUTS, ReasonCode.OVER_LIMIT, "more than " + MAX_OUTPUTS + " outputs");
        require(new HashSet<>(inputs).size() == inputs.size(), ReasonCode.INVALID_STRUCTURE, "an input is named twice");
        require(!signed.signatures().isEmpty(), ReasonCode.BAD_SIGNATURE, "the transaction is not signed");
        require(signed.signatures().size() <= MAX_SIGNATURES, ReasonCode.OVER_LIMIT, "more than " + MAX_SIGNATURES + " signatures");
        for (Output out : outputs) {
            Tiyn.requireOutputAmount(out.amount());
            require(out.marking() == null && out.hold() == null, ReasonCode.UNSUPPORTED,
                    "marked and held outputs are not enforced by this ledger version");
            registry.account(out.owner());
        }
        tx.outputTotal(); // per-transaction maximum
    }

    /**
     * Checks inputs (known, unspent), conservation, signatures and authority. {@code stored} holds the inputs
     * that exist; a missing one is unknown.
     */
    public Effect checkAgainstInputs(SignedTransaction signed, TxId id, Map<OutputRef, StoredOutput> stored) {
        Transaction tx = signed.tx();
        long in = 0;
        Set<AccountNumber> inputOwners = new HashSet<>();
        for (OutputRef ref : tx.inputs()) {
            StoredOutput so = stored.get(ref);
            if (so == null) {
                throw new LedgerException(ReasonCode.UNKNOWN_INPUT, "input " + ref + " does not exist");
            }
            if (so.spentBy() != null && !so.spentBy().equals(id)) {
                throw new LedgerException(ReasonCode.ALREADY_SPENT, "input " + ref + " was already spent by " + so.spentBy());
            }
            require(so.output().marking() == null && so.output().hold() == null, ReasonCode.UNSUPPORTED,
                    "input " + ref + " is marked or held");
            in = Tiyn.addWithinTransaction(in, so.output().amount());
            inputOwners.add(so.output().owner());
        }
        long out = tx.outputTotal();
        Effect effect = switch (tx.type()) {
            case ISSUE -> new Effect(out, 0);
            case TRANSFER -> {
                require(in == out, ReasonCode.UNBALANCED, "inputs " + Tiyn.format(in) + " differ from outputs " + Tiyn.format(out));
                yield new Effect(0, 0);
            }
            case REDEEM -> {
                require(out < in, ReasonCode.UNBALANCED, "a redeem must destroy money: outputs " + Tiyn.format(out)
                        + " are not below inputs " + Tiyn.format(in));
                yield new Effect(0, in - out);
            }
            default -> throw new LedgerException(ReasonCode.UNSUPPORTED, tx.type() + " transactions are not enforced by this ledger version");
        };

        Set<PartyId> signers = verifySignatures(signed, id);
        if (tx.type() != TxType.TRANSFER) {
            require(signers.stream().anyMatch(p -> registry.participant(p).has(Role.ISSUER)), ReasonCode.NOT_AUTHORIZED,
                    tx.type() == TxType.ISSUE ? "only the issuer can issue" : "a redeem needs the issuer's signature");
        }
        for (AccountNumber owner : inputOwners) {
            Account account = registry.account(owner);
            // the owner's own signature is the common case; delegations are looked up only without it
            boolean authorized = signers.contains(account.owner())
                    || signers.stream().anyMatch(p -> registry.isDelegate(owner, p));
            require(authorized, ReasonCode.NOT_AUTHORIZED,
                    "no signature of the owner of " + owner + " nor of a bank it delegated to");
        }
        return effect;
    }

    private Set<PartyId> verifySignatures(SignedTransaction signed, TxId id) {
        Set<PartyId> signers = new HashSet<>();
        byte[] idBytes = id.bytes();
        for (TxSignature sig : signed.signatures()) {
            Optional<RegisteredKey> key = registry.key(sig.keyId());
            require(key.isPresent(), ReasonCode.BAD_SIGNATURE, "signature key '" + sig.keyId() + "' is not registered");
            RegisteredKey k = key.get();
            require(registry.verifier(k).verify(idBytes, sig.value()), ReasonCode.BAD_SIGNATURE,
                    "signature by key '" + sig.keyId() + "' does not verify");
            Participant p = registry.participant(k.holder());
            signers.add(p.partyId());
        }
        return signers;
    }

    private static void require(boolean condition, ReasonCode reason, String message) {
        if (!condition) {
            throw new LedgerException(reason, message);
        }
    }
}
