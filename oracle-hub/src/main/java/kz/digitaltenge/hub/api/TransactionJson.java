package kz.digitaltenge.hub.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import kz.digitaltenge.canonical.LedgerException;
import kz.digitaltenge.canonical.ReasonCode;
import kz.digitaltenge.ledger.crypto.Keys;
import kz.digitaltenge.ledger.fact.FactId;
import kz.digitaltenge.canonical.id.AccountNumber;
import kz.digitaltenge.canonical.money.Tiyn;
import kz.digitaltenge.ledger.tx.CommittedTransaction;
import kz.digitaltenge.ledger.tx.Output;
import kz.digitaltenge.ledger.tx.OutputRef;
import kz.digitaltenge.ledger.tx.SignedTransaction;
import kz.digitaltenge.ledger.tx.Transaction;
import kz.digitaltenge.ledger.tx.TxId;
import kz.digitaltenge.ledger.tx.TxSignature;
import kz.digitaltenge.ledger.tx.TxType;

/**
 * The one mapping between the JSON the API takes and gives and the ledger's {@link Transaction}. The
 * controller and the key tool ({@code LedgerKeyTool}) both use it, so the id a client signs is the id the
 * ledger computes. Amounts are tenge decimal strings ({@link Tiyn#parse}, {@link Tiyn#format}), never floating
 * point. This class checks only the shape of the request; every ledger rule stays in ledger-core.
 */
public final class TransactionJson {
    /** The transaction types the API takes. */
    private static final String TYPES = java.util.Arrays.toString(TxType.values());

    private TransactionJson() {
    }

    /** {@code {"txId":"<64 hex>","index":0}} */
    public record InputJson(String txId, Integer index) {
    }

    /**
     * {@code {"account":"KZ..","amount":"1250.50"}}, optionally {@code "marking"} ({@code ADDR:<list id>:<level>},
     * {@code CONTRACT:<number>}, {@code VAT}; absent = standard money) and {@code "hold"} ({@code EVENT:<event id>};
     * absent = not held). The amount must be a JSON string, a JSON number is refused.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record OutputJson(String account, @JsonDeserialize(using = AmountString.class) String amount, String marking,
                             String hold) {
        /** A standard output: no marking, not held. */
        public OutputJson(String account, String amount) {
            this(account, amount, null, null);
        }
    }

    /** Reads an amount only from a JSON string, so money never passes through a JSON number. */
    public static final class AmountString extends JsonDeserializer<String> {
        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) throws java.io.IOException {
            if (p.currentToken() != JsonToken.VALUE_STRING) {
                throw new LedgerException(ReasonCode.MALFORMED,
                        "amount must be a decimal string such as \"1250.50\", not " + p.currentToken());
            }
            return p.getText();
        }
    }

    /** {@code {"keyId":"..","value":"<base64>"}} */
    public record SignatureJson(String keyId, String value) {
    }

    /**
     * The body of {@code POST /api/ledger/transactions}; signatures may be absent while signing. {@code facts} are
     * the ids (64 hex) of the registered oracle facts the transaction relies on (absent or empty for standard
     * money); they are part of the transaction id.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record TransactionRequest(String type, String reference, List<InputJson> inputs, List<OutputJson> outputs,
                                     List<String> facts, List<SignatureJson> signatures) {
        /** A request that names no fact. */
        public TransactionRequest(String type, String reference, List<InputJson> inputs, List<OutputJson> outputs,
                                  List<SignatureJson> signatures) {
            this(type, reference, inputs, outputs, null, signatures);
        }

        /** The same request with one more signature. */
        public TransactionRequest withSignature(SignatureJson signature) {
            List<SignatureJson> all = new ArrayList<>(signatures == null ? List.of() : signatures);
            all.add(signature);
            return new TransactionRequest(type, reference, inputs, outputs, facts, all);
        }
    }

    /** The answer to a submit: the commit, what the transaction relies on and creates, and the balances after it. */
    public record Committed(String status, String txId, long seq, String committedAt, String type, String reference,
                            List<String> facts, List<OutputJson> outputs, Map<String, String> balances) {
    }

    /** A committed transaction as {@code GET /api/ledger/transactions/{id}} shows it. */
    public record CommittedDetail(String status, String txId, long seq, String committedAt, String type,
                                  String reference, List<InputJson> inputs, List<OutputJson> outputs,
                                  List<String> facts, List<SignatureJson> signatures, Map<String, String> balances) {
    }

    /** The unsigned transaction a request describes (its {@code id()} is what signers sign). */
    public static Transaction toTransaction(TransactionRequest request) {
        if (request == null) {
            throw malformed("the request body is empty");
        }
        TxType type = parseType(request.type());
        List<OutputRef> inputs = new ArrayList<>();
        if (request.inputs() != null) {
            for (int i = 0; i < request.inputs().size(); i++) {
                InputJson in = request.inputs().get(i);
                if (in == null || in.txId() == null || in.index() == null) {
                    throw malformed("inputs[" + i + "] needs txId and index");
                }
                inputs.add(new OutputRef(TxId.parse(in.txId()), in.index()));
            }
        }
        List<Output> outputs = new ArrayList<>();
        if (request.outputs() != null) {
            for (int i = 0; i < request.outputs().size(); i++) {
                OutputJson out = request.outputs().get(i);
                if (out == null || out.account() == null || out.amount() == null) {
                    throw malformed("outputs[" + i + "] needs account and amount");
                }
                outputs.add(new Output(AccountNumber.parse(out.account()), Tiyn.parse(out.amount()), out.marking(), out.hold()));
            }
        }
        List<FactId> facts = new ArrayList<>();
        if (request.facts() != null) {
            for (int i = 0; i < request.facts().size(); i++) {
                String f = request.facts().get(i);
                if (f == null) {
                    throw malformed("facts[" + i + "] is null; name a fact by its id (64 hex)");
                }
                facts.add(FactId.parse(f));
            }
        }
        return new Transaction(type, request.reference(), inputs, outputs, facts);
    }

    /** The signed transaction a request describes. */
    public static SignedTransaction toSigned(TransactionRequest request) {
        Transaction tx = toTransaction(request);
        List<TxSignature> signatures = new ArrayList<>();
        if (request.signatures() != null) {
            for (int i = 0; i < request.signatures().size(); i++) {
                SignatureJson s = request.signatures().get(i);
                if (s == null || s.keyId() == null || s.value() == null) {
                    throw malformed("signatures[" + i + "] needs keyId and value");
                }
                signatures.add(new TxSignature(s.keyId(), Keys.fromBase64(s.value(), "signatures[" + i + "].value")));
            }
        }
        return new SignedTransaction(tx, signatures);
    }

    public static Committed committed(CommittedTransaction c) {
        Transaction tx = c.signed().tx();
        return new Committed("COMMITTED", c.id().hex(), c.seq(), c.committedAt().toString(), tx.type().name(),
                tx.reference(), facts(tx), outputs(tx), balances(c));
    }

    public static CommittedDetail detail(CommittedTransaction c) {
        Transaction tx = c.signed().tx();
        List<InputJson> inputs = tx.inputs().stream().map(r -> new InputJson(r.txId().hex(), r.index())).toList();
        List<SignatureJson> signatures = c.signed().signatures().stream()
                .map(s -> new SignatureJson(s.keyId(), Keys.base64(s.value()))).toList();
        return new CommittedDetail("COMMITTED", c.id().hex(), c.seq(), c.committedAt().toString(), tx.type().name(),
                tx.reference(), inputs, outputs(tx), facts(tx), signatures, balances(c));
    }

    /** An output as the API shows it (marking and hold only when present). */
    public static OutputJson output(Output o) {
        return new OutputJson(o.owner().value(), Tiyn.format(o.amount()), o.marking(), o.hold());
    }

    private static List<OutputJson> outputs(Transaction tx) {
        return tx.outputs().stream().map(TransactionJson::output).toList();
    }

    private static List<String> facts(Transaction tx) {
        return tx.facts().stream().map(FactId::hex).toList();
    }

    private static Map<String, String> balances(CommittedTransaction c) {
        Map<String, String> m = new LinkedHashMap<>();
        c.balancesAfter().forEach((k, v) -> m.put(k.value(), Tiyn.format(v)));
        return m;
    }

    private static TxType parseType(String type) {
        if (type == null || type.isBlank()) {
            throw malformed("type is missing (one of " + TYPES + ")");
        }
        try {
            return TxType.valueOf(type.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw malformed("type '" + type + "' is not one of " + TYPES);
        }
    }

    private static LedgerException malformed(String message) {
        return new LedgerException(ReasonCode.MALFORMED, message);
    }
}
