package kz.digitaltenge.hub.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One data directory is one hub: a second start on it is refused while the first runs, and works once it stopped. */
class HubDatabaseLockTest {
    @TempDir
    Path dataDir;

    @Test
    void aSecondHubOnTheSameDataDirectoryIsRefusedWhileTheFirstRuns() throws Exception {
        HubProperties properties = new HubProperties();
        properties.setDataDir(dataDir);
        try (HubDatabase first = HubDatabase.start(properties)) {
            assertThat(first).isNotNull();
            assertThatThrownBy(() -> HubDatabase.start(properties)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("another hub runs on");
        }
        try (HubDatabase again = HubDatabase.start(properties)) {
            assertThat(again).isNotNull();
        }
    }

    @Test
    void theEmbeddedServersSharedBuffersAreTheConfiguredSize() throws Exception {
        HubProperties properties = new HubProperties();
        properties.setDataDir(dataDir);
        properties.getDb().setEmbeddedSharedBuffers("64MB");
        try (HubDatabase db = HubDatabase.start(properties);
             java.sql.Connection c = java.sql.DriverManager.getConnection(db.url(), db.username(), db.password());
             java.sql.ResultSet rs = c.createStatement().executeQuery("show shared_buffers")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo("64MB");
        }
        properties.getDb().setEmbeddedSharedBuffers("lots");
        assertThatThrownBy(() -> HubDatabase.start(properties)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("hub.db.embedded-shared-buffers");
        properties.getDb().setEmbeddedSharedBuffers("");
        try (HubDatabase again = HubDatabase.start(properties)) { // the refusal held no lock on the directory
            assertThat(again).isNotNull();
        }
    }
}
