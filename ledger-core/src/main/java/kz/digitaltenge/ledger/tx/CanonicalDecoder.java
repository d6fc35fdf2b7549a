package kz.digitaltenge.ledger.tx;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import kz.digitaltenge.canonical.LedgerException;
import kz.digitaltenge.canonical.ReasonCode;
import kz.digitaltenge.ledger.fact.FactId;
import kz.digitaltenge.canonical.id.AccountNumber;

/** Reads back {@link Transaction#canonicalBytes()}; used by the store and by verifiers of the hash chain. */
public final class CanonicalDecoder {
    private CanonicalDecoder() {
    }

    public static Transaction decode(byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            byte[] magic = in.readNBytes(4);
            if (magic.length != 4 || magic[0] != 'D' || magic[1] != 'T' || magic[2] != 'X' || (magic[3] != 1 && magic[3] != 2)) {
                throw new LedgerException(ReasonCode.MALFORMED, "not a canonical transaction (bad magic)");
            }
            TxType type = TxType.values()[in.readUnsignedByte()];
            String reference = readString(in);
            int inputCount = in.readUnsignedShort();
            List<OutputRef> inputs = new ArrayList<>(inputCount);
            for (int i = 0; i < inputCount; i++) {
                byte[] id = in.readNBytes(32);
                inputs.add(new OutputRef(TxId.of(id), in.readInt()));
            }
            int outputCount = in.readUnsignedShort();
            List<Output> outputs = new ArrayList<>(outputCount);
            for (int i = 0; i < outputCount; i++) {
                AccountNumber owner = new AccountNumber(readString(in));
                long amount = in.readLong();
                String marking = readOptional(in);
                String hold = readOptional(in);
                outputs.add(new Output(owner, amount, marking, hold));
            }
            List<FactId> facts = new ArrayList<>();
            if (magic[3] == 2) {
                int factCount = in.readUnsignedShort();
                for (int i = 0; i < factCount; i++) {
                    byte[] id = in.readNBytes(32);
                    facts.add(FactId.of(id));
                }
                if (facts.isEmpty()) {
                    throw new LedgerException(ReasonCode.MALFORMED, "version 2 transaction without facts");
                }
            }
            if (in.read() != -1) {
                throw new LedgerException(ReasonCode.MALFORMED, "trailing bytes after canonical transaction");
            }
            return new Transaction(type, reference, inputs, outputs, facts);
        } catch (IOException | ArrayIndexOutOfBoundsException e) {
            throw new LedgerException(ReasonCode.MALFORMED, "truncated canonical transaction");
        }
    }

    private static String readString(DataInputStream in) throws IOException {
        int len = in.readUnsignedShort();
        byte[] bytes = in.readNBytes(len);
        if (bytes.length != len) {
            throw new IOException("truncated");
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static String readOptional(DataInputStream in) throws IOException {
        return in.readUnsignedByte() == 0 ? null : readString(in);
    }
}
