package kz.digitaltenge.hub.security;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * bcrypt, with successful checks remembered for a while: HTTP Basic is stateless, so every request presents the
 * password again, and a bcrypt check (cost 12: a quarter of a second) per request would bound the API's
 * throughput. Remembered is an HMAC (key random per process) of the stored hash and the presented password, never
 * the password; a changed password has another hash and so misses; failures are never remembered.
 */
final class CachingPasswordEncoder implements PasswordEncoder {
    private static final int MAX_ENTRIES = 10_000;
    private final BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder(UsersFile.BCRYPT_COST);
    private final ConcurrentHashMap<String, Long> verified = new ConcurrentHashMap<>();
    private final SecretKeySpec key;
    private final long ttlNanos;

    CachingPasswordEncoder(Duration ttl) {
        byte[] k = new byte[32];
        new SecureRandom().nextBytes(k);
        this.key = new SecretKeySpec(k, "HmacSHA256");
        this.ttlNanos = ttl.toNanos();
    }

    @Override
    public String encode(CharSequence rawPassword) {
        return bcrypt.encode(rawPassword);
    }

    @Override
    public boolean matches(CharSequence rawPassword, String encodedPassword) {
        if (rawPassword == null || encodedPassword == null) {
            return false;
        }
        if (ttlNanos <= 0) {
            return bcrypt.matches(rawPassword, encodedPassword);
        }
        String id = mac(encodedPassword + "\u0000" + rawPassword);
        long now = System.nanoTime();
        Long until = verified.get(id);
        if (until != null && now - until < 0) {
            return true;
        }
        boolean ok = bcrypt.matches(rawPassword, encodedPassword);
        if (ok) {
            if (verified.size() >= MAX_ENTRIES) {
                verified.clear();
            }
            verified.put(id, now + ttlNanos);
        } else if (until != null) {
            verified.remove(id);
        }
        return ok;
    }

    private String mac(String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
