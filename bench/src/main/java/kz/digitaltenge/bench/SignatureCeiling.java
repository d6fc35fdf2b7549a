package kz.digitaltenge.bench;

import java.security.KeyPair;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import kz.digitaltenge.ledger.crypto.Keys;
import kz.digitaltenge.ledger.crypto.SignatureAlgorithm;
import kz.digitaltenge.ledger.crypto.SignatureVerifier;

/**
 * The ceiling signature checks alone put on full transfers: Ed25519 verifications per second through the same
 * prepared {@link SignatureVerifier} the ledger uses, on as many threads as the ledger has validators, nothing
 * else running. A full transfer needs at least one verification, so this bounds it from above.
 */
public final class SignatureCeiling {
    private SignatureCeiling() {
    }

    public static Result run(BenchConfig cfg) {
        int n = 4096;
        KeyPair kp = Keys.generate(SignatureAlgorithm.ED25519);
        SignatureVerifier verifier = SignatureVerifier.of(SignatureAlgorithm.ED25519, kp.getPublic().getEncoded());
        byte[][] ids = new byte[n][32];
        byte[][] sigs = new byte[n][];
        for (int i = 0; i < n; i++) {
            ThreadLocalRandom.current().nextBytes(ids[i]);
            sigs[i] = Keys.sign(SignatureAlgorithm.ED25519, kp.getPrivate(), ids[i]);
        }
        ExecutorService pool = Executors.newFixedThreadPool(cfg.validatorThreads);
        try {
            return LoadDriver.run("ed25519 verify only (" + cfg.validatorThreads + " threads)", 256, cfg.warmup, cfg.duration,
                    Long.MAX_VALUE, seq -> CompletableFuture.supplyAsync(() -> {
                        int i = (int) (seq % n);
                        if (!verifier.verify(ids[i], sigs[i])) {
                            throw new IllegalStateException("signature did not verify");
                        }
                        return null;
                    }, pool));
        } finally {
            pool.shutdownNow();
        }
    }
}
