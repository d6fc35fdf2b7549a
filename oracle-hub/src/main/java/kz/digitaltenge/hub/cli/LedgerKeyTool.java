package kz.digitaltenge.hub.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.util.HashMap;
import java.util.Map;
import kz.digitaltenge.hub.api.TransactionJson;
import kz.digitaltenge.hub.api.TransactionJson.SignatureJson;
import kz.digitaltenge.hub.api.TransactionJson.TransactionRequest;
import kz.digitaltenge.canonical.LedgerException;
import kz.digitaltenge.ledger.crypto.Keys;
import kz.digitaltenge.ledger.crypto.SignatureAlgorithm;
import kz.digitaltenge.ledger.tx.Transaction;

/**
 * Key and signing tool for the ledger API (plain Java, no Spring context).
 *
 * <pre>
 * keygen --alg ED25519 --out DIR --name NAME   writes NAME.key (PKCS#8 base64) and NAME.pub (X.509 base64), prints the public key
 * sign --key FILE --alg ED25519 --key-id ID    reads a transaction request (JSON) on stdin, prints it with one more signature
 * txid                                         reads a transaction request on stdin, prints its id (64 hex)
 * </pre>
 *
 * The id is computed by building the same {@link Transaction} the API builds ({@link TransactionJson}) and
 * calling {@link Transaction#id()}, so what is signed is exactly what the ledger verifies.
 */
public final class LedgerKeyTool {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private LedgerKeyTool() {
    }

    public static void main(String[] args) {
        int code = run(args, System.in, System.out, System.err);
        System.exit(code);
    }

    /** Runs one command; returns the process exit code (0 ok, 1 refused input, 2 usage). */
    public static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
        if (args.length == 0) {
            usage(err);
            return 2;
        }
        Map<String, String> opts;
        try {
            opts = options(args);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            usage(err);
            return 2;
        }
        try {
            switch (args[0]) {
                case "keygen" -> keygen(opts, out);
                case "sign" -> sign(opts, in, out);
                case "txid" -> out.println(TransactionJson.toTransaction(read(in)).id().hex());
                case "help", "--help", "-h" -> usage(out);
                default -> {
                    err.println("unknown command '" + args[0] + "'");
                    usage(err);
                    return 2;
                }
            }
            return 0;
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            return 2;
        } catch (LedgerException e) {
            err.println(e.reason() + ": " + e.getMessage());
            return 1;
        } catch (IOException e) {
            err.println("error: " + e.getMessage());
            return 1;
        }
    }

    private static void keygen(Map<String, String> opts, PrintStream out) throws IOException {
        SignatureAlgorithm alg = SignatureAlgorithm.parse(opts.get("alg"));
        Path dir = Path.of(required(opts, "out"));
        String name = required(opts, "name");
        Files.createDirectories(dir);
        KeyPair kp = Keys.generate(alg);
        Path priv = dir.resolve(name + ".key");
        Path pub = dir.resolve(name + ".pub");
        if (Files.exists(priv)) {
            throw new IllegalArgumentException(priv + " exists; refusing to overwrite a private key");
        }
        Files.writeString(priv, Keys.base64(kp.getPrivate().getEncoded()) + "\n", StandardCharsets.US_ASCII);
        try {
            Files.setPosixFilePermissions(priv, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException ignored) {
            // not a POSIX file system
        }
        String publicKey = Keys.base64(kp.getPublic().getEncoded());
        Files.writeString(pub, publicKey + "\n", StandardCharsets.US_ASCII);
        out.println(publicKey);
    }

    private static void sign(Map<String, String> opts, InputStream in, PrintStream out) throws IOException {
        SignatureAlgorithm alg = SignatureAlgorithm.parse(opts.get("alg"));
        String keyId = required(opts, "key-id");
        String keyText = Files.readString(Path.of(required(opts, "key")), StandardCharsets.US_ASCII).trim();
        PrivateKey key = Keys.decodePrivate(alg, Keys.fromBase64(keyText, "private key file"));
        TransactionRequest request = read(in);
        Transaction tx = TransactionJson.toTransaction(request);
        byte[] signature = Keys.sign(alg, key, tx.id().bytes());
        out.println(JSON.writeValueAsString(request.withSignature(new SignatureJson(keyId, Keys.base64(signature)))));
    }

    private static TransactionRequest read(InputStream in) throws IOException {
        try {
            return JSON.readValue(in, TransactionRequest.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IOException("stdin is not a transaction request: " + e.getOriginalMessage(), e);
        }
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> opts = new HashMap<>();
        for (int i = 1; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected --option value, got '" + a + "'");
            }
            opts.put(a.substring(2), args[++i]);
        }
        return opts;
    }

    private static String required(Map<String, String> opts, String name) {
        String v = opts.get(name);
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException("--" + name + " is required");
        }
        return v;
    }

    private static void usage(PrintStream s) {
        s.println("""
                usage: ledger-tool keygen --alg ED25519 --out DIR --name NAME
                       ledger-tool sign --key FILE --alg ED25519 --key-id ID < request.json > signed.json
                       ledger-tool txid < request.json
                algorithms: ED25519 (default), ECDSA_P256, GOST_2012_256""");
    }
}
