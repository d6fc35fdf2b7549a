package kz.digitaltenge.hub.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import kz.digitaltenge.hub.security.HubRole;
import kz.digitaltenge.hub.security.HubUser;
import kz.digitaltenge.hub.security.UsersFile;

/**
 * Manages the API users of the hub's users file (plain Java, no Spring context), run by {@code bin/hub-user}:
 *
 * <pre>
 * add NAME ROLE[,ROLE...][@BIN] [--data-dir DIR | --file FILE]   adds a user with a generated password, printed once
 *     (@BIN: the participant a TAXPAYER user acts for)
 * remove NAME [--data-dir DIR | --file FILE]                removes a user
 * list [--data-dir DIR | --file FILE]                       names, roles and bound party (never hashes)
 * </pre>
 *
 * The file is the one the hub reads, found with bin/run-hub's keys and precedence: {@code --file FILE} or
 * {@code --hub.security.users-file=FILE}; else {@code <data-dir>/security/users.properties} with the data directory
 * from {@code --data-dir DIR} or {@code --hub.data-dir=DIR}, {@code --demo} ({@code ./hub-data-demo}); else the
 * environment ({@code HUB_SECURITY_USERS_FILE}, then {@code HUB_DATA_DIR}); else {@code ./hub-data}. Relative paths
 * are relative to the working directory, which {@code bin/hub-user} sets to the repository root as bin/run-hub does.
 * A data directory with no hub data in it (no users file, no {@code postgres} or {@code oracle} directory) is refused:
 * a users file written there is one no hub reads. A running hub reads the file again when it changes.
 * Exit codes: 0 ok, 1 refused (exists, unknown, bad role, no hub data there), 2 usage.
 */
public final class HubUserTool {
    private HubUserTool() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.getenv(), System.out, System.err));
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        return run(args, System.getenv(), out, err);
    }

    /** As {@link #main}, with the environment given (the tests pass their own). */
    public static int run(String[] args, java.util.Map<String, String> env, PrintStream out, PrintStream err) {
        java.util.List<String> positional = new java.util.ArrayList<>();
        Path dataDir = null;
        Path file = null;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.startsWith("--hub.data-dir=")) {
                dataDir = Path.of(a.substring("--hub.data-dir=".length()));
            } else if (a.startsWith("--hub.security.users-file=")) {
                file = Path.of(a.substring("--hub.security.users-file=".length()));
            } else if (a.equals("--demo")) {
                dataDir = Path.of("./hub-data-demo"); // the demo profile's hub.data-dir (application-demo.yaml)
            } else if (a.equals("--data-dir") || a.equals("--file")) {
                if (i + 1 >= args.length) {
                    return usage(err);
                }
                if (a.equals("--file")) {
                    file = Path.of(args[++i]);
                } else {
                    dataDir = Path.of(args[++i]);
                }
            } else if (a.startsWith("--")) {
                return usage(err);
            } else {
                positional.add(a);
            }
        }
        // the environment next, as Spring Boot binds it for the hub (also the legacy form, '_' for '-'): arguments
        // win over it, a users file wins over a data directory, whichever of the two came from where
        if (file == null) {
            String envFile = firstSet(env, "HUB_SECURITY_USERS_FILE", "HUB_SECURITY_USERSFILE");
            file = envFile == null ? null : Path.of(envFile);
        }
        boolean explicitFile = file != null;
        if (file == null) {
            if (dataDir == null) {
                String envDir = firstSet(env, "HUB_DATA_DIR", "HUB_DATADIR");
                dataDir = Path.of(envDir != null ? envDir : "./hub-data"); // hub.data-dir's default (application.yaml)
            }
            file = UsersFile.defaultPath(dataDir);
        }
        file = file.toAbsolutePath().normalize();
        int arity = positional.isEmpty() ? -1 : switch (positional.get(0)) {
            case "add" -> 3;
            case "remove" -> 2;
            case "list" -> 1;
            default -> -1;
        };
        if (positional.size() != arity) {
            return usage(err); // before looking for the file: a wrong call is a usage error wherever it runs
        }
        if (!explicitFile && !java.nio.file.Files.exists(file) && !holdsHubData(dataDir)) {
            // before, list printed nothing (exit 0) and add wrote a users file that no hub reads
            err.println("no hub data directory at " + dataDir.toAbsolutePath().normalize() + " (no users file, no postgres"
                    + " or oracle data); pass --data-dir DIR (or set HUB_DATA_DIR) as for bin/run-hub");
            return 1;
        }
        try {
            switch (positional.get(0)) {
                case "add" -> {
                    if (positional.size() != 3) {
                        return usage(err);
                    }
                    String spec = positional.get(2); // ROLE[,ROLE...][@BIN]: a TAXPAYER acts for the party after '@'
                    int at = spec.indexOf('@');
                    Set<HubRole> roles = HubRole.parseList(at < 0 ? spec : spec.substring(0, at));
                    String password = UsersFile.add(file, positional.get(1), roles, at < 0 ? null : spec.substring(at + 1));
                    out.println(UsersFile.banner(positional.get(1), roles, password, file));
                    return 0;
                }
                case "remove" -> {
                    if (positional.size() != 2) {
                        return usage(err);
                    }
                    if (!UsersFile.remove(file, positional.get(1))) {
                        err.println("no user " + positional.get(1) + " in " + file);
                        return 1;
                    }
                    out.println("removed " + positional.get(1) + " from " + file);
                    return 0;
                }
                case "list" -> {
                    if (!java.nio.file.Files.exists(file)) {
                        err.println("no users file at " + file + ": this hub's users are all in hub.security.users");
                    }
                    for (HubUser u : UsersFile.read(file).values()) {
                        out.println(u.name() + " " + u.roles().stream().map(Enum::name).sorted().collect(Collectors.joining(","))
                                + (u.party() == null ? "" : "@" + u.party())); // the party a user acts for, as add takes it
                    }
                    return 0;
                }
                default -> {
                    return usage(err);
                }
            }
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            return 1;
        } catch (IOException e) {
            err.println("cannot update " + file + ": " + e);
            return 1;
        }
    }

    /** Whether a hub has run on this data directory: it keeps its database, oracle key or users there. */
    private static boolean holdsHubData(Path dataDir) {
        return java.nio.file.Files.isDirectory(dataDir.resolve("postgres")) || java.nio.file.Files.isDirectory(dataDir.resolve("oracle"))
                || java.nio.file.Files.exists(UsersFile.defaultPath(dataDir));
    }

    private static String firstSet(java.util.Map<String, String> env, String... names) {
        for (String n : names) {
            String v = env.get(n);
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return null;
    }

    private static int usage(PrintStream err) {
        err.println("usage: hub-user add NAME ROLE[,ROLE...][@BIN] | remove NAME | list   [--data-dir DIR | --file FILE"
                + " | --hub.data-dir=DIR | --hub.security.users-file=FILE | --demo]");
        err.println("roles: " + java.util.Arrays.stream(HubRole.values()).map(Enum::name).collect(Collectors.joining(", ")));
        return 2;
    }
}
