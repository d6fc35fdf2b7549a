package kz.digitaltenge.hub.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import kz.digitaltenge.hub.cli.HubUserTool;
import kz.digitaltenge.hub.config.HubProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/** The users of the embedded default: generated on first run and printed once, loaded later, added by the tool. */
class HubUsersTest {
    @TempDir
    Path dataDir;

    private static final Pattern PASSWORD = Pattern.compile("password: (\\S+)");

    private HubProperties properties() {
        HubProperties p = new HubProperties();
        p.setDataDir(dataDir);
        return p;
    }

    private static String printedPassword(String console) {
        Matcher m = PASSWORD.matcher(console);
        assertThat(m.find()).as(console).isTrue();
        String password = m.group(1);
        assertThat(m.find()).as("printed once").isFalse();
        return password;
    }

    @Test
    void firstRunCreatesAdminPrintsItsPasswordOnceAndKeepsOnlyTheHash() throws Exception {
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        HubUsers users = HubUsers.create(properties(), new PrintStream(console, true, StandardCharsets.UTF_8));
        String password = printedPassword(console.toString(StandardCharsets.UTF_8));
        assertThat(password).hasSizeGreaterThanOrEqualTo(32);

        Path file = UsersFile.defaultPath(dataDir);
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.getPosixFilePermissions(file.getParent())).isEqualTo(PosixFilePermissions.fromString("rwx------"));
        assertThat(Files.readString(file)).doesNotContain(password).contains("admin=ADMIN:$2");
        var admin = users.loadUserByUsername("admin");
        assertThat(new BCryptPasswordEncoder().matches(password, admin.getPassword())).isTrue();
        assertThat(admin.getAuthorities()).extracting(Object::toString).containsExactly("ROLE_ADMIN");

        // a later run loads the file and prints nothing
        ByteArrayOutputStream again = new ByteArrayOutputStream();
        HubUsers later = HubUsers.create(properties(), new PrintStream(again, true, StandardCharsets.UTF_8));
        assertThat(again.size()).isZero();
        assertThat(later.loadUserByUsername("admin").getPassword()).isEqualTo(admin.getPassword());
    }

    @Test
    void configuredUsersCreateNoFileAndAClearTextPasswordIsRefused() {
        HubProperties p = properties();
        HubProperties.User u = new HubProperties.User();
        u.setName("kgd");
        u.setRoles(List.of("TAX_AUTHORITY"));
        u.setPasswordHash(new BCryptPasswordEncoder(4).encode("pw"));
        p.getSecurity().setUsers(List.of(u));
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        HubUsers users = HubUsers.create(p, new PrintStream(console, true, StandardCharsets.UTF_8));
        assertThat(console.size()).isZero();
        assertThat(UsersFile.defaultPath(dataDir)).doesNotExist();
        assertThat(users.find("kgd").roles()).containsExactly(HubRole.TAX_AUTHORITY);
        assertThatThrownBy(() -> users.loadUserByUsername("admin")).isInstanceOf(UsernameNotFoundException.class);

        u.setPasswordHash("secret");
        assertThatThrownBy(() -> HubUsers.create(p, System.out)).hasMessageContaining("bcrypt");
        u.setPasswordHash(new BCryptPasswordEncoder(4).encode("pw"));
        u.setRoles(List.of("KING"));
        assertThatThrownBy(() -> HubUsers.create(p, System.out)).hasMessageContaining("unknown role KING");
    }

    @Test
    void theToolAddsAUserThatARunningHubSeesWithoutRestart() throws Exception {
        HubUsers users = HubUsers.create(properties(), new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        Path file = UsersFile.defaultPath(dataDir);
        FileTime before = Files.getLastModifiedTime(file);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = HubUserTool.run(new String[] {"add", "halyk-gw", "BANK,TREASURY", "--data-dir", dataDir.toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
        String password = printedPassword(out.toString(StandardCharsets.UTF_8));
        // file systems with coarse timestamps: make the change visible
        Files.setLastModifiedTime(file, FileTime.fromMillis(before.toMillis() + 2000));

        var bank = users.loadUserByUsername("halyk-gw");
        assertThat(new BCryptPasswordEncoder().matches(password, bank.getPassword())).isTrue();
        assertThat(bank.getAuthorities()).extracting(Object::toString).containsExactlyInAnyOrder("ROLE_BANK", "ROLE_TREASURY");
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));

        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        assertThat(HubUserTool.run(new String[] {"add", "halyk-gw", "BANK", "--data-dir", dataDir.toString()}, quiet, quiet)).isEqualTo(1);
        assertThat(HubUserTool.run(new String[] {"add", "x", "KING", "--data-dir", dataDir.toString()}, quiet, quiet)).isEqualTo(1);
        assertThat(HubUserTool.run(new String[] {"add", "x"}, quiet, quiet)).isEqualTo(2);
        ByteArrayOutputStream list = new ByteArrayOutputStream();
        assertThat(HubUserTool.run(new String[] {"list", "--data-dir", dataDir.toString()},
                new PrintStream(list, true, StandardCharsets.UTF_8), quiet)).isZero();
        assertThat(list.toString(StandardCharsets.UTF_8)).contains("admin ADMIN", "halyk-gw BANK,TREASURY").doesNotContain("$2");
        assertThat(HubUserTool.run(new String[] {"remove", "halyk-gw", "--data-dir", dataDir.toString()}, quiet, quiet)).isZero();
        Files.setLastModifiedTime(file, FileTime.fromMillis(before.toMillis() + 4000));
        assertThatThrownBy(() -> users.loadUserByUsername("halyk-gw")).isInstanceOf(UsernameNotFoundException.class);
    }

    @Test
    void aTaxpayerUserAddedWithItsPartyCarriesItAndAnInvalidBinIsRefused() throws Exception {
        HubUsers users = HubUsers.create(properties(), new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        Path file = UsersFile.defaultPath(dataDir);
        FileTime before = Files.getLastModifiedTime(file);
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        String bin = kz.digitaltenge.ledger.testing.TestParties.newPartyId().value();
        assertThat(HubUserTool.run(new String[] {"add", "acme-1c", "TAXPAYER@" + bin, "--data-dir", dataDir.toString()}, quiet, quiet)).isZero();
        Files.setLastModifiedTime(file, FileTime.fromMillis(before.toMillis() + 2000));
        assertThat(users.loadUserByUsername("acme-1c").getAuthorities()).extracting(Object::toString)
                .containsExactlyInAnyOrder("ROLE_TAXPAYER", HubUser.PARTY_AUTHORITY + bin);
        assertThat(UsersFile.read(file).get("acme-1c").party()).isEqualTo(bin);
        assertThat(Files.readString(file)).contains("acme-1c=TAXPAYER@" + bin + ":");
        // a check digit that does not match is not a BIN: refused, nothing added
        String wrong = bin.substring(0, 11) + ((bin.charAt(11) - '0' + 1) % 10);
        assertThat(HubUserTool.run(new String[] {"add", "acme-2", "TAXPAYER@" + wrong, "--data-dir", dataDir.toString()}, quiet, quiet)).isEqualTo(1);
        assertThat(UsersFile.read(file)).doesNotContainKey("acme-2");
    }

    @Test
    void rememberedChecksNeverAdmitAWrongPasswordOrAnOldHash() {
        CachingPasswordEncoder encoder = new CachingPasswordEncoder(java.time.Duration.ofMinutes(5));
        String hash = new BCryptPasswordEncoder(4).encode("right");
        assertThat(encoder.matches("right", hash)).isTrue();
        assertThat(encoder.matches("right", hash)).isTrue();
        assertThat(encoder.matches("wrong", hash)).isFalse();
        assertThat(encoder.matches("right", new BCryptPasswordEncoder(4).encode("other"))).isFalse();
        assertThat(encoder.matches(null, hash)).isFalse();
        CachingPasswordEncoder never = new CachingPasswordEncoder(java.time.Duration.ZERO);
        assertThat(never.matches("right", hash)).isTrue();
        assertThat(never.matches("wrong", hash)).isFalse();
    }

    private static int tool(java.util.Map<String, String> env, ByteArrayOutputStream out, ByteArrayOutputStream err, String... args) {
        return HubUserTool.run(args, env, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void theToolRefusesADirectoryWithNoHubDataInsteadOfWritingAFileNoHubReads(@TempDir Path elsewhere) throws Exception {
        // the tests run in oracle-hub/, where no hub ran: ./hub-data there is no hub's data directory
        assertThat(Path.of("hub-data")).doesNotExist();
        for (String[] args : List.of(new String[] {"list"}, new String[] {"add", "halyk-gw", "BANK"},
                new String[] {"list", "--data-dir", elsewhere.toString()}, new String[] {"remove", "x", "--hub.data-dir=" + elsewhere})) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            assertThat(tool(java.util.Map.of(), out, err, args)).as(String.join(" ", args)).isEqualTo(1);
            assertThat(err.toString(StandardCharsets.UTF_8)).contains("no hub data directory at", "pass --data-dir");
            assertThat(out.size()).isZero();
        }
        assertThat(Path.of("hub-data")).doesNotExist();
        assertThat(UsersFile.defaultPath(elsewhere)).doesNotExist();
    }

    @Test
    void theToolFindsTheUsersFileWithTheHubsKeysAndEnvironment(@TempDir Path usersElsewhere) throws Exception {
        HubUsers.create(properties(), new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)); // admin
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        // HUB_DATA_DIR, as bin/run-hub's hub reads it
        assertThat(tool(java.util.Map.of("HUB_DATA_DIR", dataDir.toString()), out, err, "list")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("admin ADMIN");
        // --hub.data-dir=, as passed to bin/run-hub, wins over the environment
        out.reset();
        assertThat(tool(java.util.Map.of("HUB_DATA_DIR", usersElsewhere.resolve("nothing").toString()), out, err,
                "add", "kgd", "TAX_AUTHORITY", "--hub.data-dir=" + dataDir)).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(UsersFile.read(UsersFile.defaultPath(dataDir))).containsKey("kgd");
        // hub.security.users-file (argument or HUB_SECURITY_USERS_FILE) names the file itself, wherever it is
        Path file = usersElsewhere.resolve("users.properties");
        assertThat(tool(java.util.Map.of("HUB_SECURITY_USERS_FILE", file.toString(), "HUB_DATA_DIR", dataDir.toString()),
                out, err, "add", "treasury-gw", "TREASURY")).isZero();
        assertThat(UsersFile.read(file)).containsOnlyKeys("treasury-gw");
        out.reset();
        assertThat(tool(java.util.Map.of(), out, err, "list", "--hub.security.users-file=" + file)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8).strip()).isEqualTo("treasury-gw TREASURY");
        // a data directory with the hub's database but no users file (all users configured): an empty list, said so
        Path configuredOnly = usersElsewhere.resolve("configured-only");
        Files.createDirectories(configuredOnly.resolve("postgres"));
        out.reset();
        err.reset();
        assertThat(tool(java.util.Map.of(), out, err, "list", "--data-dir", configuredOnly.toString())).isZero();
        assertThat(out.size()).isZero();
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("no users file at");
    }
}
