package kz.digitaltenge.ledger.fact;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import kz.digitaltenge.canonical.LedgerException;
import kz.digitaltenge.canonical.ReasonCode;
import kz.digitaltenge.canonical.id.AccountNumber;
import kz.digitaltenge.canonical.money.Tiyn;

/**
 * Something the oracle confirms about the outside world: a contract, an invoice, an event and its
 * occurrences, an approval. Terms are strings in a sorted map (amounts in tiyn, accounts as IIK, instants in
 * ISO-8601), so the canonical encoding — magic {@code DFC1}, type, subject, issued-at, terms in key order — is
 * reproducible byte for byte, and the id is its SHA-256.
 */
public record Fact(FactType type, String subject, SortedMap<String, String> terms, long issuedAtMillis) {
    public static final int MAX_SUBJECT = 128;
    public static final int MAX_TERMS = 32;
    public static final int MAX_TERM_LENGTH = 512;
    private static final byte[] MAGIC = {'D', 'F', 'C', 1};

    public Fact {
        if (type == null) {
            throw new LedgerException(ReasonCode.MALFORMED, "fact type is missing");
        }
        if (subject == null || subject.isBlank() || subject.length() > MAX_SUBJECT) {
            throw new LedgerException(ReasonCode.MALFORMED, "fact subject must be 1-" + MAX_SUBJECT + " characters");
        }
        if (terms == null || terms.size() > MAX_TERMS) {
            throw new LedgerException(ReasonCode.MALFORMED, "a fact has at most " + MAX_TERMS + " terms");
        }
        for (Map.Entry<String, String> e : terms.entrySet()) {
            if (e.getKey() == null || e.getValue() == null || e.getKey().length() > 64 || e.getValue().length() > MAX_TERM_LENGTH) {
                throw new LedgerException(ReasonCode.MALFORMED, "fact term '" + e.getKey() + "' is missing or too long");
            }
        }
        terms = Collections.unmodifiableSortedMap(new TreeMap<>(terms));
    }

    public static Fact of(FactType type, String subject, Map<String, String> terms, Instant issuedAt) {
        return new Fact(type, subject, new TreeMap<>(terms), issuedAt.toEpochMilli());
    }

    public byte[] canonicalBytes() {
        try {
            ByteArrayOutputStream buffer = new ByteArrayOutputStream(128);
            DataOutputStream out = new DataOutputStream(buffer);
            out.write(MAGIC);
            out.writeByte(type.ordinal());
            writeString(out, subject);
            out.writeLong(issuedAtMillis);
            out.writeShort(terms.size());
            for (Map.Entry<String, String> e : terms.entrySet()) {
                writeString(out, e.getKey());
                writeString(out, e.getValue());
            }
            out.flush();
            return buffer.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Fact decode(byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            byte[] magic = in.readNBytes(4);
            if (magic.length != 4 || magic[0] != 'D' || magic[1] != 'F' || magic[2] != 'C' || magic[3] != 1) {
                throw new LedgerException(ReasonCode.MALFORMED, "not a canonical fact (bad magic)");
            }
            FactType type = FactType.values()[in.readUnsignedByte()];
            String subject = readString(in);
            long at = in.readLong();
            int n = in.readUnsignedShort();
            SortedMap<String, String> terms = new TreeMap<>();
            for (int i = 0; i < n; i++) {
                terms.put(readString(in), readString(in));
            }
            return new Fact(type, subject, terms, at);
        } catch (IOException | ArrayIndexOutOfBoundsException e) {
            throw new LedgerException(ReasonCode.MALFORMED, "truncated canonical fact");
        }
    }

    public FactId id() {
        try {
            return FactId.of(MessageDigest.getInstance("SHA-256").digest(canonicalBytes()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- typed access to terms: a missing or malformed term is a refusal with a reason

    public String text(String name) {
        String v = terms.get(name);
        if (v == null || v.isBlank()) {
            throw new LedgerException(ReasonCode.INVALID_FACT, type + " " + subject + " has no term '" + name + "'");
        }
        return v;
    }

    public String optional(String name) {
        String v = terms.get(name);
        return v == null || v.isBlank() ? null : v;
    }

    /** An amount in whole tiyn: ASCII digits only ({@link Tiyn#parseWholeTiyn}), never "+5" or another script's digits. */
    public long tiyn(String name) {
        try {
            return Tiyn.parseWholeTiyn(text(name)); // 18 digits at most: never above 10^18
        } catch (LedgerException e) {
            if (e.reason() == ReasonCode.INVALID_FACT) {
                throw e; // the term is missing
            }
            throw new LedgerException(ReasonCode.INVALID_FACT, type + " " + subject + ": term '" + name + "' is not an amount in tiyn");
        }
    }

    /** An optional amount in tiyn: 0 when the term is absent (e.g. what the oracle settled of an invoice otherwise). */
    public long tiynOrZero(String name) {
        return optional(name) == null ? 0 : tiyn(name);
    }

    public AccountNumber account(String name) {
        try {
            return new AccountNumber(text(name));
        } catch (LedgerException e) {
            throw new LedgerException(ReasonCode.INVALID_FACT, type + " " + subject + ": term '" + name + "': " + e.getMessage());
        }
    }

    public Instant instant(String name) {
        try {
            return Instant.parse(text(name));
        } catch (java.time.format.DateTimeParseException e) {
            throw new LedgerException(ReasonCode.INVALID_FACT, type + " " + subject + ": term '" + name + "' is not an ISO-8601 instant");
        }
    }

    private static void writeString(DataOutputStream out, String s) throws IOException {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        out.writeShort(bytes.length);
        out.write(bytes);
    }

    private static String readString(DataInputStream in) throws IOException {
        int len = in.readUnsignedShort();
        byte[] bytes = in.readNBytes(len);
        if (bytes.length != len) {
            throw new IOException("truncated");
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
