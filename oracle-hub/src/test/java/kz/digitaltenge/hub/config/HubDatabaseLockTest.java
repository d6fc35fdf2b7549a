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
}
