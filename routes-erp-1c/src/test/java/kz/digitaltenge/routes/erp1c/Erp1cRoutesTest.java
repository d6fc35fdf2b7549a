package kz.digitaltenge.routes.erp1c;

import static java.util.concurrent.TimeUnit.SECONDS;
import static kz.digitaltenge.routes.erp1c.TestFiles.CP1251;
import static kz.digitaltenge.routes.erp1c.TestFiles.bytes;
import static kz.digitaltenge.routes.erp1c.TestFiles.file;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import kz.digitaltenge.routes.erp1c.TestFiles.Doc;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The watched directory hands each file to the hub and files it under .done or .failed. */
class Erp1cRoutesTest {
    private static final String EXPORT_NAME = "1c_to_kl.txt";

    @TempDir
    Path inbox;

    private CamelContext camel;
    private MockEndpoint hub;

    @BeforeEach
    void startCamel() throws Exception {
        camel = new DefaultCamelContext();
        camel.addRoutes(new Erp1cRoutes(inbox, "mock:hub"));
        hub = camel.getEndpoint("mock:hub", MockEndpoint.class);
        camel.start();
    }

    @AfterEach
    void stopCamel() throws Exception {
        camel.close();
    }

    @Test
    void aDroppedFileReachesTheHubAsBytesWithItsNameAndMovesToDone() throws Exception {
        byte[] content = bytes(file("Windows", Doc.kazakh()), CP1251, true);
        hub.expectedMessageCount(1);
        hub.expectedHeaderReceived(Erp1cRoutes.FILE_NAME_HEADER, EXPORT_NAME);
        NotifyBuilder done = new NotifyBuilder(camel).fromRoute(Erp1cRoutes.INBOX_ROUTE_ID).whenCompleted(1).create();

        Files.write(inbox.resolve(EXPORT_NAME), content);

        assertThat(done.matches(30, SECONDS)).as("the file was processed").isTrue();
        hub.assertIsSatisfied();
        assertThat(hub.getReceivedExchanges().get(0).getMessage().getBody()).isEqualTo(content);
        assertThat(inbox.resolve(EXPORT_NAME)).doesNotExist();
        List<Path> filed = list(inbox.resolve(".done"));
        assertThat(filed).singleElement().satisfies(path -> {
            assertThat(path.getFileName().toString()).endsWith("-" + EXPORT_NAME);
            assertThat(path).hasBinaryContent(content);
        });
    }

    @Test
    void aFileWhoseProcessingThrowsMovesToFailed() throws Exception {
        hub.whenAnyExchangeReceived(exchange -> {
            throw new IllegalStateException("the hub's intake is down");
        });
        NotifyBuilder failed = new NotifyBuilder(camel).fromRoute(Erp1cRoutes.INBOX_ROUTE_ID).whenFailed(1).create();

        Files.writeString(inbox.resolve(EXPORT_NAME), "1CClientBankExchange\r\n");

        assertThat(failed.matches(30, SECONDS)).as("the file failed").isTrue();
        assertThat(inbox.resolve(EXPORT_NAME)).doesNotExist();
        assertThat(list(inbox.resolve(".failed"))).singleElement()
                .satisfies(path -> assertThat(path.getFileName().toString()).endsWith("-" + EXPORT_NAME));
        assertThat(inbox.resolve(".done")).doesNotExist();
    }

    @Test
    void aFileAboveTheReadersLimitIsNotLoadedAndMovesToFailed() throws Exception {
        hub.expectedMessageCount(0);
        NotifyBuilder failed = new NotifyBuilder(camel).fromRoute(Erp1cRoutes.INBOX_ROUTE_ID).whenFailed(1).create();

        Files.write(inbox.resolve("huge.txt"), new byte[ClientBankExchangeReader.DEFAULT_MAX_BYTES + 1]);

        assertThat(failed.matches(30, SECONDS)).as("the file failed").isTrue();
        hub.assertIsSatisfied();
        assertThat(list(inbox.resolve(".failed"))).singleElement()
                .satisfies(path -> assertThat(path.getFileName().toString()).endsWith("-huge.txt"));
    }

    @Test
    void withoutAnInboxThereIsNoRoute() throws Exception {
        try (CamelContext withoutInbox = new DefaultCamelContext()) {
            withoutInbox.addRoutes(new Erp1cRoutes(null, "mock:hub"));
            withoutInbox.start();

            assertThat(withoutInbox.getRoutes()).isEmpty();
        }
    }

    private static List<Path> list(Path directory) {
        try (Stream<Path> files = Files.list(directory)) {
            return files.toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
