package kz.digitaltenge.ledger.tx;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import kz.digitaltenge.canonical.LedgerException;
import kz.digitaltenge.canonical.ReasonCode;
import kz.digitaltenge.ledger.fact.FactId;

/**
 * The unsigned content of a ledger transaction. {@code reference} is chosen by the client (a payment order
 * number, a UUID): it makes two otherwise equal issues distinct and lets a client find its transaction.
 *
 * <p>The id is the SHA-256 of {@link #canonicalBytes()}: a fixed binary layout (magic, version, type,
 * reference, inputs, outputs, and — version 2 — the ids of the oracle facts it relies on), so every node and
 * every client computes the same id.
 */
public record Transaction(TxType type, String reference, List<OutputRef> inputs, List<Output> outputs, List<FactId> facts) {
    public static final int MAX_REFERENCE_LENGTH = 64;
    public static final int MAX_FACTS = 8;
    /** Most inputs one transaction spends (the rules refuse more; a builder of payments stays within it). */
    public static final int MAX_INPUTS = 32;
    private static final byte[] MAGIC = {'D', 'T', 'X', 1};
    private static final byte[] MAGIC_WITH_FACTS = {'D', 'T', 'X', 2};

    /** A transaction that relies on no oracle fact (standard money). */
    public Transaction(TxType type, String reference, List<OutputRef> inputs, List<Output> outputs) {
        this(type, reference, inputs, outputs, List.of());
    }

    public Transaction {
        if (type == null) {
            throw new LedgerException(ReasonCode.MALFORMED, "transaction type is missing");
        }
        if (reference == null || reference.isBlank()) {
            throw new LedgerException(ReasonCode.MALFORMED, "transaction reference is missing");
        }
        if (reference.length() > MAX_REFERENCE_LENGTH) {
            throw new LedgerException(ReasonCode.OVER_LIMIT, "reference longer than " + MAX_REFERENCE_LENGTH + " characters");
        }
        inputs = List.copyOf(inputs == null ? List.of() : inputs);
        outputs = List.copyOf(outputs == null ? List.of() : outputs);
        facts = List.copyOf(facts == null ? List.of() : facts);
    }

    public byte[] canonicalBytes() {
        try {
            ByteArrayOutputStream buffer = new ByteArrayOutputStream(64 + inputs.size() * 36 + outputs.size() * 40);
            DataOutputStream out = new DataOutputStream(buffer);
            // version 1 has no fact list, so the ids of standard transactions did not change when facts came
            out.write(facts.isEmpty() ? MAGIC : MAGIC_WITH_FACTS);
            out.writeByte(type.ordinal());
            writeString(out, reference);
            out.writeShort(inputs.size());
            for (OutputRef input : inputs) {
                out.write(input.txId().bytes());
                out.writeInt(input.index());
            }
            out.writeShort(outputs.size());
            for (Output output : outputs) {
                writeString(out, output.owner().value());
                out.writeLong(output.amount());
                writeOptional(out, output.marking());
                writeOptional(out, output.hold());
            }
            if (!facts.isEmpty()) {
                out.writeShort(facts.size());
                for (FactId fact : facts) {
                    out.write(fact.bytes());
                }
            }
            out.flush();
            return buffer.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public TxId id() {
        try {
            return TxId.of(MessageDigest.getInstance("SHA-256").digest(canonicalBytes()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public long outputTotal() {
        long sum = 0;
        for (Output output : outputs) {
            sum = kz.digitaltenge.canonical.money.Tiyn.addWithinTransaction(sum, output.amount());
        }
        return sum;
    }

    private static void writeString(DataOutputStream out, String s) throws IOException {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        out.writeShort(bytes.length);
        out.write(bytes);
    }

    private static void writeOptional(DataOutputStream out, String s) throws IOException {
        if (s == null) {
            out.writeByte(0);
        } else {
            out.writeByte(1);
            writeString(out, s);
        }
    }
}
