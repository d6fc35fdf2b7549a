package kz.digitaltenge.hub;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real headless Chromium (Debian's {@code chromium} driven through its {@code chromium-driver}, both named
 * explicitly, so nothing is downloaded) with a fresh profile, at 1366×768 unless told otherwise. Waits are explicit
 * conditions on the page, never sleeps; {@link #screenshot} keeps what the page showed under
 * {@code target/screenshots/} for a person to look at.
 */
final class AdminBrowser implements AutoCloseable {
    static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final Path BINARY = Path.of(System.getProperty("admin.browser.binary", "/usr/bin/chromium"));
    private static final Path DRIVER = Path.of(System.getProperty("admin.browser.driver", "/usr/bin/chromedriver"));

    final WebDriver driver;
    private final Path profile;
    private final String base;

    AdminBrowser(String base) {
        this(base, 1366, 768);
    }

    AdminBrowser(String base, int width, int height) {
        if (!Files.isExecutable(BINARY) || !Files.isExecutable(DRIVER)) {
            throw new IllegalStateException("the admin UI's browser tests need Debian's chromium and chromium-driver at "
                    + BINARY + " and " + DRIVER + ": apt-get install chromium chromium-driver (bin/test does it)");
        }
        this.base = base;
        try {
            this.profile = Files.createTempDirectory("admin-ui-chromium");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BINARY.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--user-data-dir=" + profile, "--window-size=" + width + "," + height, "--lang=en-US");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort().build();
        this.driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(20));
    }

    void open(String path) {
        driver.get(base + path);
    }

    WebElement waitFor(By by) {
        return new WebDriverWait(driver, Duration.ofSeconds(20)).until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    void waitUntil(java.util.function.Function<WebDriver, Boolean> condition) {
        new WebDriverWait(driver, Duration.ofSeconds(30)).until(condition::apply);
    }

    static By test(String id) {
        return By.cssSelector("[data-test='" + id + "']");
    }

    /**
     * Saves the whole page (up to 2,000 pixels high, the window stretched for it and put back) as
     * {@code target/screenshots/<name>.png}.
     */
    Path screenshot(String name) {
        org.openqa.selenium.Dimension size = driver.manage().window().getSize();
        try {
            Files.createDirectories(SCREENSHOTS);
            Path file = SCREENSHOTS.resolve(name + ".png");
            Number height = (Number) ((org.openqa.selenium.JavascriptExecutor) driver).executeScript(
                    "return Math.max(document.body.scrollHeight, document.documentElement.scrollHeight)");
            int full = Math.min(2000, Math.max(size.getHeight(), height.intValue() + 100));
            if (full > size.getHeight()) {
                driver.manage().window().setSize(new org.openqa.selenium.Dimension(size.getWidth(), full));
            }
            Files.write(file, ((org.openqa.selenium.TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            driver.manage().window().setSize(size);
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException | UncheckedIOException ignored) {
                // a temporary profile left behind is harmless (a file Chromium removed while it was walked, too)
            }
        }
    }
}
