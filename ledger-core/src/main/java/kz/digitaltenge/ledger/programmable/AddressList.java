package kz.digitaltenge.ledger.programmable;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import kz.digitaltenge.canonical.LedgerException;
import kz.digitaltenge.canonical.ReasonCode;
import kz.digitaltenge.canonical.id.AccountNumber;
import kz.digitaltenge.canonical.id.PartyId;

/**
 * An address-list marking programme: who set it up (the initiator), who receives the marked funds first (the
 * marking recipient), and per level the recipients allowed. Content-addressed: its id is the SHA-256 of its
 * canonical form, so the rules cannot change under money already marked with it. Depth = number of levels.
 */
public record AddressList(PartyId initiator, AccountNumber recipient, List<Set<AccountNumber>> levels) {
    public static final int MAX_DEPTH = 16;
    public static final int MAX_RECIPIENTS_PER_LEVEL = 256;

    public AddressList {
        if (initiator == null || recipient == null || levels == null || levels.isEmpty() || levels.size() > MAX_DEPTH) {
            throw new LedgerException(ReasonCode.MALFORMED, "an address list needs an initiator, a recipient and 1-"
                    + MAX_DEPTH + " levels");
        }
        for (Set<AccountNumber> level : levels) {
            if (level == null || level.isEmpty() || level.size() > MAX_RECIPIENTS_PER_LEVEL) {
                throw new LedgerException(ReasonCode.MALFORMED, "every level names 1-" + MAX_RECIPIENTS_PER_LEVEL + " allowed recipients");
            }
        }
        levels = levels.stream().map(l -> (Set<AccountNumber>) Set.copyOf(l)).toList();
    }

    public int depth() {
        return levels.size();
    }

    public byte[] canonicalBytes() {
        try {
            ByteArrayOutputStream buffer = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(buffer);
            out.write(new byte[] {'D', 'A', 'L', 1});
            out.write(initiator.value().getBytes(StandardCharsets.US_ASCII));
            out.write(recipient.value().getBytes(StandardCharsets.US_ASCII));
            out.writeByte(levels.size());
            for (Set<AccountNumber> level : levels) {
                List<String> sorted = level.stream().map(AccountNumber::value).sorted().toList();
                out.writeShort(sorted.size());
                for (String a : sorted) {
                    out.write(a.getBytes(StandardCharsets.US_ASCII));
                }
            }
            out.flush();
            return buffer.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String id() {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonicalBytes()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
