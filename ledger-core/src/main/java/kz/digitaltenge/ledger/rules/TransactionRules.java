package kz.digitaltenge.ledger.rules;

import kz.digitaltenge.ledger.programmable.ProgrammableRecords;
import kz.digitaltenge.ledger.tx.TxType;
import kz.digitaltenge.ledger.tx.TxSignature;
import kz.digitaltenge.ledger.tx.TxId;
import kz.digitaltenge.ledger.tx.Transaction;
import kz.digitaltenge.ledger.tx.SignedTransaction;
import kz.digitaltenge.ledger.tx.OutputRef;
import kz.digitaltenge.ledger.tx.Output;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import kz.digitaltenge.canonical.LedgerException;
import kz.digitaltenge.canonical.ReasonCode;
import kz.digitaltenge.canonical.id.AccountNumber;
import kz.digitaltenge.canonical.id.PartyId;
import kz.digitaltenge.canonical.money.Tiyn;
import kz.digitaltenge.ledger.registry.Account;
import kz.digitaltenge.ledger.registry.Participant;
import kz.digitaltenge.ledger.registry.RegisteredKey;
import kz.digitaltenge.ledger.registry.Registry;
import kz.digitaltenge.ledger.registry.Role;
import kz.digitaltenge.ledger.tx.StoredOutput;
import kz.digitaltenge.ledger.programmable.LimitUse;
import kz.digitaltenge.canonical.text.Text;
import kz.digitaltenge.ledger.fact.FactBook;
import kz.digitaltenge.ledger.programmable.AddressListMarking;
import kz.digitaltenge.ledger.programmable.ContractMarking;
import kz.digitaltenge.ledger.programmable.Holding;
import kz.digitaltenge.ledger.programmable.MarkAndUnmark;
import kz.digitaltenge.ledger.programmable.Marking;
import kz.digitaltenge.ledger.programmable.TxContext;
import kz.digitaltenge.ledger.programmable.VatMarking;

/**
 * Every rule a transaction must pass before the notary sees it. Two phases: {@link #checkStructure} needs
 * nothing but the transaction and the registry; {@link #checkAgainstInputs} needs the stored inputs.
 *
 * <p>Limits: at most {@link #MAX_INPUTS} inputs, {@link #MAX_OUTPUTS} outputs and {@link #MAX_SIGNATURES}
 * signatures per transaction; amounts per {@link Tiyn}.
 */
public final class TransactionRules {
    /** The reference space of the hub's payment orders ({@code payment-order:<id>}): the payment agent's alone. */
    public static final String PAYMENT_ORDER_REFERENCE = "payment-order:";

    public static final int MAX_INPUTS = Transaction.MAX_INPUTS;
    public static final int MAX_OUTPUTS = 32;
    public static final int MAX_SIGNATURES = 8;

    /** Supply effect of a valid transaction, and the fact-tracked limits it uses. */
    public record Effect(long issued, long redeemed, List<LimitUse> limits) {
    }

    private final Registry registry;
    private final FactBook facts;
    private final ProgrammableRecords store;
    private final java.time.Clock clock;

    public TransactionRules(Registry registry, FactBook facts, ProgrammableRecords store, java.time.Clock clock) {
        this.registry = registry;
        this.facts = facts;
        this.store = store;
        this.clock = clock;
    }

    public void checkStructure(SignedTransaction signed) {
        Transaction tx = signed.tx();
        List<OutputRef> inputs = tx.inputs();
        List<Output> outputs = tx.outputs();
        // the text rule before anything reads or quotes the text: a NUL in the reference once failed a whole
        // group commit in PostgreSQL, and control or bidi characters forge what logs and statements show
        Text.require(Text.Field.REFERENCE, tx.reference());
        for (Output out : outputs) {
            Text.optional(Text.Field.MARKING, out.marking());
            Text.optional(Text.Field.HOLD, out.hold());
        }
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
            case MARK, UNMARK, HOLD, RELEASE, RETURN -> {
                require(!inputs.isEmpty(), ReasonCode.INVALID_STRUCTURE, "a " + tx.type() + " needs at least one input");
                require(!outputs.isEmpty(), ReasonCode.INVALID_STRUCTURE, "a " + tx.type() + " needs at least one output");
            }
            default -> throw new LedgerException(ReasonCode.UNSUPPORTED, tx.type() + " transactions are not enforced by this ledger version");
        }
        require(inputs.size() <= MAX_INPUTS, ReasonCode.OVER_LIMIT, "more than " + MAX_INPUTS + " inputs");
        require(outputs.size() <= MAX_OUTPUTS, ReasonCode.OVER_LIMIT, "more than " + MAX_OUTPUTS + " outputs");
        require(new HashSet<>(inputs).size() == inputs.size(), ReasonCode.INVALID_STRUCTURE, "an input is named twice");
        require(!signed.signatures().isEmpty(), ReasonCode.BAD_SIGNATURE, "the transaction is not signed");
        require(signed.signatures().size() <= MAX_SIGNATURES, ReasonCode.OVER_LIMIT, "more than " + MAX_SIGNATURES + " signatures");
        for (TxSignature sig : signed.signatures()) {
            Text.require(Text.Field.KEY_ID, "signature key id", sig.keyId()); // a refusal quotes an unknown one
        }
        for (Output out : outputs) {
            Tiyn.requireOutputAmount(out.amount());
            Marking.parse(out.marking());
            Holding.eventOf(out.hold());
            require(out.hold() == null || tx.type() == TxType.HOLD || tx.type() == TxType.RELEASE || tx.type() == TxType.RETURN,
                    ReasonCode.MARKING_VIOLATION, "money is held only by HOLD (or kept held by a release or return)");
            registry.account(out.owner());
        }
        tx.outputTotal(); // per-transaction maximum
    }

    /**
     * Checks inputs (known, unspent), conservation, signatures and authority, and hands marked money to the rules
     * of its archetype. {@code stored} holds the inputs that exist; a missing one is unknown.
     */
    public Effect checkAgainstInputs(SignedTransaction signed, TxId id, Map<OutputRef, StoredOutput> stored) {
        Transaction tx = signed.tx();
        long in = 0;
        List<StoredOutput> inputs = new java.util.ArrayList<>(tx.inputs().size());
        boolean markedInputs = false;
        for (OutputRef ref : tx.inputs()) {
            StoredOutput so = stored.get(ref);
            if (so == null) {
                throw new LedgerException(ReasonCode.UNKNOWN_INPUT, "input " + ref + " does not exist");
            }
            if (so.spentBy() != null && !so.spentBy().equals(id)) {
                throw new LedgerException(ReasonCode.ALREADY_SPENT, "input " + ref + " was already spent by " + so.spentBy());
            }
            require(so.output().hold() == null || tx.type() == TxType.RELEASE || tx.type() == TxType.RETURN, ReasonCode.HELD,
                    "input " + ref + " is held for an event: only a release or a return moves it");
            markedInputs |= so.output().marking() != null;
            in = Tiyn.addWithinTransaction(in, so.output().amount());
            inputs.add(so);
        }
        boolean markedOutputs = tx.outputs().stream().anyMatch(o -> o.marking() != null);
        long out = tx.outputTotal();
        Set<PartyId> signers;
        TxContext ctx;
        List<LimitUse> limits = List.of();
        Effect effect;
        switch (tx.type()) {
            case ISSUE -> {
                requireNoFacts(tx);
                require(!markedOutputs, ReasonCode.MARKING_VIOLATION, "money is issued standard; marks are put by MARK");
                signers = verifySignatures(signed, id);
                require(hasRole(signers, Role.ISSUER), ReasonCode.NOT_AUTHORIZED, "only the issuer can issue");
                effect = new Effect(out, 0, limits);
            }
            case TRANSFER -> {
                if (!markedInputs && !markedOutputs && tx.facts().isEmpty()) {
                    require(in == out, ReasonCode.UNBALANCED, "inputs " + Tiyn.format(in) + " differ from outputs " + Tiyn.format(out));
                    signers = verifySignatures(signed, id);
                } else {
                    signers = verifySignatures(signed, id);
                    ctx = context(signed, id, inputs, signers);
                    Optional<kz.digitaltenge.ledger.fact.Fact> invoice = VatMarking.invoice(ctx);
                    Marking first = TxContext.marking(inputs.get(0));
                    Optional<kz.digitaltenge.ledger.fact.Fact> prepaid = first instanceof Marking.Standard || first instanceof Marking.Vat
                            ? VatMarking.prepaymentContract(ctx) : Optional.empty();
                    if (invoice.isPresent()) {
                        limits = VatMarking.checkInvoicePayment(ctx, invoice.get());
                    } else if (prepaid.isPresent()) {
                        limits = VatMarking.checkContractPrepayment(ctx, prepaid.get());
                    } else if (first instanceof Marking.AddressListLevel) {
                        AddressListMarking.checkTransfer(ctx);
                    } else if (first instanceof Marking.ContractParameter) {
                        limits = ContractMarking.checkTransfer(ctx);
                    } else if (first instanceof Marking.Vat) {
                        VatMarking.checkTaxPayment(ctx);
                    } else {
                        require(!markedOutputs, ReasonCode.MARKING_VIOLATION,
                                "standard money is marked only by a MARK transaction (or the VAT part of an invoice payment)");
                        require(markedInputs, ReasonCode.INVALID_STRUCTURE, "a transfer of standard money relies on no oracle fact");
                        throw new LedgerException(ReasonCode.MARKING_VIOLATION, "standard and marked money are not spent together");
                    }
                }
                effect = new Effect(0, 0, limits);
            }
            case REDEEM -> {
                require(out < in, ReasonCode.UNBALANCED, "a redeem must destroy money: outputs " + Tiyn.format(out)
                        + " are not below inputs " + Tiyn.format(in));
                signers = verifySignatures(signed, id);
                require(hasRole(signers, Role.ISSUER), ReasonCode.NOT_AUTHORIZED, "a redeem needs the issuer's signature");
                if (markedInputs) {
                    Marking first = TxContext.marking(inputs.get(0));
                    require(first instanceof Marking.ContractParameter, ReasonCode.MARKING_VIOLATION, first instanceof Marking.Vat
                            ? "VAT tokens may only pay the VAT part of an invoice or go to a tax office"
                            : "only contract money has a cash-out allowance; other marked money is not redeemed");
                    limits = ContractMarking.checkCashOut(context(signed, id, inputs, signers), in - out);
                } else {
                    requireNoFacts(tx);
                    require(!markedOutputs, ReasonCode.MARKING_VIOLATION, "the change of a redeem keeps its class");
                }
                effect = new Effect(0, in - out, limits);
            }
            case MARK -> {
                signers = verifySignatures(signed, id);
                MarkAndUnmark.checkMark(context(signed, id, inputs, signers));
                effect = new Effect(0, 0, limits);
            }
            case HOLD -> {
                signers = verifySignatures(signed, id);
                limits = Holding.checkHold(context(signed, id, inputs, signers));
                effect = new Effect(0, 0, limits);
            }
            case RELEASE, RETURN -> {
                signers = verifySignatures(signed, id);
                TxContext c = context(signed, id, inputs, signers);
                limits = tx.type() == TxType.RELEASE ? Holding.checkRelease(c) : Holding.checkReturn(c);
                requireReference(tx, signers);
                return new Effect(0, 0, limits); // the oracle controls held money: no owner signature needed
            }
            case UNMARK -> {
                signers = verifySignatures(signed, id);
                MarkAndUnmark.checkUnmark(context(signed, id, inputs, signers));
                requireReference(tx, signers);
                return new Effect(0, 0, limits); // the Treasury's power: no owner signature needed, nothing moves
            }
            default -> throw new LedgerException(ReasonCode.UNSUPPORTED, tx.type() + " transactions are not enforced by this ledger version");
        }
        requireReference(tx, signers);
        for (AccountNumber owner : new java.util.LinkedHashSet<>(inputs.stream().map(i -> i.output().owner()).toList())) {
            Account account = registry.account(owner);
            // the owner's own signature is the common case; delegations are looked up only without it
            boolean authorized = signers.contains(account.owner())
                    || signers.stream().anyMatch(p -> registry.isDelegate(owner, p));
            require(authorized, ReasonCode.NOT_AUTHORIZED,
                    "no signature of the owner of " + owner + " nor of a bank it delegated to");
        }
        return effect;
    }

    /**
     * References under {@link #PAYMENT_ORDER_REFERENCE} name an order of the hub's payment channel: the hub finds an
     * order's payment again by it after a crash, so only the payment agent's signature may carry one (anyone else
     * could otherwise make an unpaid order look paid).
     */
    private void requireReference(Transaction tx, Set<PartyId> signers) {
        if (tx.reference() != null && tx.reference().startsWith(PAYMENT_ORDER_REFERENCE)) {
            require(hasRole(signers, Role.PAYMENT_AGENT), ReasonCode.NOT_AUTHORIZED, "references '" + PAYMENT_ORDER_REFERENCE
                    + "...' belong to the hub's payment channel; only its payment agent signs them");
        }
    }

    /** Standard money relies on no oracle fact; naming one is a mistake, not a harmless extra. */
    private static void requireNoFacts(Transaction tx) {
        require(tx.facts().isEmpty(), ReasonCode.INVALID_STRUCTURE, "a " + tx.type() + " of standard money relies on no oracle fact");
    }

    private TxContext context(SignedTransaction signed, TxId id, List<StoredOutput> inputs, Set<PartyId> signers) {
        return new TxContext(signed, id, inputs, signers, registry, facts, store, clock.instant());
    }

    private boolean hasRole(Set<PartyId> signers, Role role) {
        return signers.stream().anyMatch(p -> registry.participant(p).has(role));
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
