package kz.digitaltenge.hub.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * The credentials file of the embedded default, {@code <data-dir>/security/users.properties} (mode 600, directory
 * 700): one line per user, {@code name=ROLE,ROLE:<bcrypt hash>}, or {@code name=TAXPAYER@<BIN>:<hash>} for a user that
 * acts for one participant. It holds hashes only; a password exists in clear
 * only when it is generated, and is then printed once to the console by whoever generated it. Plain Java, used by
 * the hub at start-up and by {@code bin/hub-user}.
 */
public final class UsersFile {
    private static final SecureRandom RANDOM = new SecureRandom();
    /** bcrypt cost of generated passwords. */
    public static final int BCRYPT_COST = 12;

    private UsersFile() {
    }

    /** The default location under a data directory. */
    public static Path defaultPath(Path dataDir) {
        return dataDir.resolve("security").resolve("users.properties");
    }

    /** A random password: 24 bytes from {@link SecureRandom}, base64url (32 characters). */
    public static String generatePassword() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public static String hash(String password) {
        return new BCryptPasswordEncoder(BCRYPT_COST, RANDOM).encode(password);
    }

    /** Reads the file; an absent file has no users. A line that does not parse stops with its number. */
    public static Map<String, HubUser> read(Path file) throws IOException {
        Map<String, HubUser> users = new LinkedHashMap<>();
        if (!Files.exists(file)) {
            return users;
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            try {
                int eq = line.indexOf('=');
                int colon = line.indexOf(':', eq + 1);
                if (eq < 1 || colon < 0) {
                    throw new IllegalArgumentException("expected name=ROLE,ROLE:<bcrypt hash>");
                }
                String name = line.substring(0, eq).strip();
                String roles = line.substring(eq + 1, colon);
                int at = roles.indexOf('@'); // name=TAXPAYER@<BIN>:<hash>: the party the user acts for
                HubUser user = new HubUser(name, HubRole.parseList(at < 0 ? roles : roles.substring(0, at)),
                        line.substring(colon + 1).strip(), at < 0 ? null : roles.substring(at + 1).strip());
                if (users.putIfAbsent(name, user) != null) {
                    throw new IllegalArgumentException("user " + name + " appears twice");
                }
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(file + " line " + (i + 1) + ": " + e.getMessage(), e);
            }
        }
        return users;
    }

    /** Writes all users (replacing the file atomically), mode 600 in a directory of mode 700. */
    public static void write(Path file, Iterable<HubUser> users) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        createOwnerOnlyDirectory(dir);
        List<String> lines = new ArrayList<>();
        lines.add("# API users of the oracle hub: name=ROLE,ROLE[@BIN]:<bcrypt hash>. Hashes only; manage with bin/hub-user.");
        for (HubUser u : users) {
            String roles = u.roles().stream().map(Enum::name).sorted().collect(Collectors.joining(","));
            lines.add(u.name() + "=" + roles + (u.party() == null ? "" : "@" + u.party()) + ":" + u.passwordHash());
        }
        Path tmp = dir.resolve(file.getFileName() + ".tmp-" + Long.toHexString(RANDOM.nextLong()));
        try {
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException notPosix) {
            Files.createFile(tmp);
        }
        try {
            Files.write(tmp, lines, StandardCharsets.UTF_8);
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * Adds a user with a generated password and answers the password (the caller prints it once). Refuses a
     * name that exists.
     */
    public static String add(Path file, String name, Set<HubRole> roles) throws IOException {
        return add(file, name, roles, null);
    }

    /** As {@link #add(Path, String, Set)}, for a user acting for {@code party} (a BIN/IIN; null for none). */
    public static String add(Path file, String name, Set<HubRole> roles, String party) throws IOException {
        Map<String, HubUser> users = read(file);
        if (users.containsKey(name)) {
            throw new IllegalArgumentException("user " + name + " exists in " + file);
        }
        String password = generatePassword();
        users.put(name, new HubUser(name, roles, hash(password), party));
        write(file, users.values());
        return password;
    }

    /** Removes a user; false when there was none of that name. */
    public static boolean remove(Path file, String name) throws IOException {
        Map<String, HubUser> users = read(file);
        if (users.remove(name) == null) {
            return false;
        }
        write(file, users.values());
        return true;
    }

    /** The console banner that shows a generated password, the only time it is ever shown. */
    public static String banner(String name, Set<HubRole> roles, String password, Path file) {
        String line = "=".repeat(78);
        return line + "\n"
                + "  Oracle hub API user created: " + name + " (roles " + roles.stream().map(Enum::name).sorted()
                        .collect(Collectors.joining(",")) + ")\n"
                + "  password: " + password + "\n"
                + "  This is the only time the password is shown; only its bcrypt hash is kept, in\n"
                + "  " + file.toAbsolutePath() + "\n"
                + "  Store it now" + (name.equals("admin") ? " (e.g. export HUB_ADMIN_PASSWORD=...)" : "")
                + ". Lost? bin/hub-user remove " + name + ", then add it again.\n"
                + line;
    }

    private static void createOwnerOnlyDirectory(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        try {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (UnsupportedOperationException notPosix) {
            Files.createDirectories(dir);
        } catch (FileAlreadyExistsException raced) {
            // fine
        }
    }
}
