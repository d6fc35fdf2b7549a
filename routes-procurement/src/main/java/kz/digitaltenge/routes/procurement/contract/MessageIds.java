package kz.digitaltenge.routes.procurement.contract;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code sourceMessageId} of a record's message: the record's kind and portal id, a readable marker, and the first
 * 16 hex digits of a SHA-256 over the record's bytes and the message it made (subject, terms, time), e.g.
 * {@code contract:57113:20250115103000:3f2a9c0d1e4b5a67}, {@code act:8841:15:…}, {@code treasury:901:…},
 * {@code journal:D:1-4909:…}. Deterministic: the same record read against the same registered contract is the same
 * message, which the hub's deduplication answers as before; the same record read again after the contract moved on
 * makes another message, which {@link AlreadyRegisteredCheck} answers UNCHANGED when it says what is registered. The
 * message is in the hash, so one id never stands for two contents (the hub would refuse the second as a duplicate of
 * other content). At most 128 characters.
 */
final class MessageIds {
    private MessageIds() {
    }

    static String of(String prefix, byte[] record, String subject, Map<String, String> terms, String occurredAt) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(record);
            sha.update((byte) 0);
            sha.update(subject.getBytes(StandardCharsets.UTF_8));
            for (Map.Entry<String, String> t : new TreeMap<>(terms).entrySet()) {
                sha.update((byte) 0);
                sha.update(t.getKey().getBytes(StandardCharsets.UTF_8));
                sha.update((byte) '=');
                sha.update(t.getValue().getBytes(StandardCharsets.UTF_8));
            }
            sha.update((byte) 0);
            sha.update(String.valueOf(occurredAt).getBytes(StandardCharsets.UTF_8));
            String id = prefix + ":" + HexFormat.of().formatHex(sha.digest(), 0, 8);
            return id.length() <= 128 ? id : id.substring(0, 100) + id.substring(id.length() - 17);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A value as a part of an id: letters, digits and '-' only, at most 40 of them. */
    static String part(String value) {
        String p = value == null ? "" : value.replaceAll("[^A-Za-z0-9-]", "");
        return p.length() > 40 ? p.substring(0, 40) : p;
    }
}
