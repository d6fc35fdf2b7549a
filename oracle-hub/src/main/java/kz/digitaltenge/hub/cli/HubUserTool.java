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
 * list [--data-dir DIR | --file FILE]                       names and roles (never hashes)
 * </pre>
 *
 * The file is {@code <data-dir>/security/users.properties} ({@code --data-dir} defaults to {@code ./hub-data}, as
 * the hub's {@code hub.data-dir}). A running hub reads the file again when it changes: no restart needed.
 * Exit codes: 0 ok, 1 refused (exists, unknown, bad role), 2 usage.
 */
public final class HubUserTool {
    private HubUserTool() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        java.util.List<String> positional = new java.util.ArrayList<>();
        Path dataDir = Path.of("./hub-data");
        Path file = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--data-dir", "--file" -> {
                    if (i + 1 >= args.length) {
                        return usage(err);
                    }
                    if (args[i].equals("--file")) {
                        file = Path.of(args[++i]);
                    } else {
                        dataDir = Path.of(args[++i]);
                    }
                }
                default -> {
                    if (args[i].startsWith("--")) {
                        return usage(err);
                    }
                    positional.add(args[i]);
                }
            }
        }
        if (file == null) {
            file = UsersFile.defaultPath(dataDir);
        }
        if (positional.isEmpty()) {
            return usage(err);
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
                    for (HubUser u : UsersFile.read(file).values()) {
                        out.println(u.name() + " " + u.roles().stream().map(Enum::name).sorted().collect(Collectors.joining(",")));
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

    private static int usage(PrintStream err) {
        err.println("usage: hub-user add NAME ROLE[,ROLE...][@BIN] | remove NAME | list   [--data-dir DIR | --file FILE]");
        err.println("roles: " + java.util.Arrays.stream(HubRole.values()).map(Enum::name).collect(Collectors.joining(", ")));
        return 2;
    }
}
