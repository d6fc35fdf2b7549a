package kz.digitaltenge.ledger.crypto;

import java.security.spec.AlgorithmParameterSpec;
import java.security.spec.ECGenParameterSpec;
import java.util.Locale;
import kz.digitaltenge.canonical.LedgerException;
import kz.digitaltenge.canonical.ReasonCode;

/** The signature schemes a registered key may use. Ed25519 is the default. */
public enum SignatureAlgorithm {
    ED25519("Ed25519", "Ed25519", null),
    ECDSA_P256("EC", "SHA256withECDSA", "secp256r1"),
    GOST_2012_256("ECGOST3410-2012", "GOST3411-2012-256withECGOST3410-2012-256", "Tc26-Gost-3410-12-256-paramSetA");

    private final String keyAlgorithm;
    private final String jcaSignature;
    private final String curve;

    SignatureAlgorithm(String keyAlgorithm, String jcaSignature, String curve) {
        this.keyAlgorithm = keyAlgorithm;
        this.jcaSignature = jcaSignature;
        this.curve = curve;
    }

    public String keyAlgorithm() {
        return keyAlgorithm;
    }

    public String jcaSignature() {
        return jcaSignature;
    }

    AlgorithmParameterSpec keyGenSpec() {
        return curve == null ? null : new ECGenParameterSpec(curve);
    }

    public static SignatureAlgorithm parse(String name) {
        if (name == null || name.isBlank()) {
            return ED25519;
        }
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new LedgerException(ReasonCode.MALFORMED,
                    "unknown signature algorithm '" + name + "' (use ED25519, ECDSA_P256 or GOST_2012_256)");
        }
    }
}
