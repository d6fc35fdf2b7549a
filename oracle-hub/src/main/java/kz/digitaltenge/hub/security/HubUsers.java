package kz.digitaltenge.hub.security;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import kz.digitaltenge.hub.config.HubProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;

/**
 * The API users: those of {@code hub.security.users} plus those of the users file. The file is read again when it
 * changes, so {@code bin/hub-user add} takes effect without a restart. A name in both is refused at start-up.
 */
public class HubUsers implements UserDetailsService {
    private static final Logger LOG = LoggerFactory.getLogger(HubUsers.class);

    private final Map<String, HubUser> configured;
    private final Path file;
    private volatile Snapshot snapshot = new Snapshot(null, -1, Map.of());

    private record Snapshot(FileTime modified, long size, Map<String, HubUser> users) {
    }

    public HubUsers(Map<String, HubUser> configured, Path file) {
        this.configured = Map.copyOf(configured);
        this.file = file;
        for (String name : fileUsers().keySet()) {
            if (this.configured.containsKey(name)) {
                throw new IllegalStateException("user " + name + " is in hub.security.users and in " + file + "; keep one");
            }
        }
    }

    /**
     * Builds the users of a hub; on the first start of the embedded default (no configured user, no users file)
     * creates {@code admin} with a generated password, keeps its bcrypt hash in the file (mode 600) and prints the
     * password once on {@code console}, never through the logger.
     */
    public static HubUsers create(HubProperties properties, PrintStream console) {
        Map<String, HubUser> configured = new LinkedHashMap<>();
        for (HubProperties.User u : properties.getSecurity().getUsers()) {
            Set<HubRole> roles = u.getRoles().isEmpty() ? Set.of() : HubRole.parseList(String.join(",", u.getRoles()));
            HubUser user = new HubUser(u.getName(), roles, u.getPasswordHash(), u.getParty());
            if (configured.putIfAbsent(user.name(), user) != null) {
                throw new IllegalStateException("hub.security.users names " + user.name() + " twice");
            }
        }
        Path file = properties.usersFile();
        if (configured.isEmpty() && !Files.exists(file)) {
            try {
                Set<HubRole> roles = EnumSet.of(HubRole.ADMIN);
                String password = UsersFile.add(file, "admin", roles);
                console.println(UsersFile.banner("admin", roles, password, file));
                console.flush();
                LOG.info("first start: created API user admin (role ADMIN) in {}; its password was printed on the console once", file);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create " + file, e);
            }
        }
        HubUsers users = new HubUsers(configured, file);
        int total = configured.size() + users.fileUsers().size();
        if (total == 0) {
            LOG.warn("no API user: hub.security.users is empty and {} has none; every API call will be refused (bin/hub-user add)", file);
        } else {
            LOG.info("{} API user(s): {} configured, {} in {}", total, configured.size(), users.fileUsers().size(), file);
        }
        return users;
    }

    /** The user of that name, if any. */
    public HubUser find(String name) {
        HubUser user = configured.get(name);
        return user != null ? user : fileUsers().get(name);
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        HubUser user = username == null ? null : find(username);
        if (user == null) {
            throw new UsernameNotFoundException("no such API user");
        }
        java.util.List<org.springframework.security.core.GrantedAuthority> authorities = new java.util.ArrayList<>();
        user.roles().forEach(r -> authorities.add(new org.springframework.security.core.authority.SimpleGrantedAuthority("ROLE_" + r.name())));
        if (user.party() != null) {
            authorities.add(new org.springframework.security.core.authority.SimpleGrantedAuthority(HubUser.PARTY_AUTHORITY + user.party()));
        }
        return User.withUsername(user.name()).password(user.passwordHash()).authorities(authorities).build();
    }

    private Map<String, HubUser> fileUsers() {
        try {
            if (!Files.exists(file)) {
                return Map.of();
            }
            FileTime modified = Files.getLastModifiedTime(file);
            long size = Files.size(file);
            Snapshot s = snapshot;
            if (Objects.equals(s.modified(), modified) && s.size() == size) {
                return s.users();
            }
            Map<String, HubUser> users = Map.copyOf(UsersFile.read(file));
            snapshot = new Snapshot(modified, size, users);
            if (s.modified() != null) {
                LOG.info("reloaded {}: {} user(s)", file, users.size());
            }
            return users;
        } catch (IOException | IllegalArgumentException e) {
            if (snapshot.modified() == null) {
                throw new IllegalStateException("cannot read " + file + ": " + e.getMessage(), e);
            }
            LOG.error("cannot read {} ({}); keeping the users read before", file, e.getMessage());
            return snapshot.users();
        }
    }
}
