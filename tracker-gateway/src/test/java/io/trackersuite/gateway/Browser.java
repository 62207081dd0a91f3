package io.trackersuite.gateway;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;

import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven through its own chromedriver: never a downloaded browser (Selenium Manager is
 * not used when both paths are given). Each browser gets a fresh profile, so no cookie is shared between two.
 */
final class Browser implements AutoCloseable {

    /** Debian's packages; CHROME_BIN and CHROMEDRIVER_BIN name another installed Chrome and its driver. */
    static final String CHROMIUM = System.getenv().getOrDefault("CHROME_BIN", "/usr/bin/chromium");
    static final String CHROMEDRIVER = System.getenv().getOrDefault("CHROMEDRIVER_BIN", "/usr/bin/chromedriver");
    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    final ChromeDriver driver;
    final WebDriverWait wait;
    private final Path profile;

    private Browser(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
        this.wait = new WebDriverWait(driver, Duration.ofSeconds(20));
        // live pages re-render lists while a condition reads them: a replaced element is read again
        wait.ignoring(StaleElementReferenceException.class);
        // a timeout says what the page showed, so a failure in CI can be understood from the report alone
        wait.withMessage(() -> "the page " + driver.getCurrentUrl() + " showed: "
                + driver.findElement(By.tagName("body")).getText().replace('\n', '|'));
    }

    static Browser open(String userAgent, int width, int height) {
        if (!new File(CHROMIUM).canExecute() || !new File(CHROMEDRIVER).canExecute()) {
            throw new IllegalStateException("browser tests need Debian's chromium and chromium-driver "
                    + "(deploy/local/tools.sh installs them)");
        }
        try {
            Path profile = Files.createTempDirectory("chromium-profile");
            ChromeOptions options = new ChromeOptions();
            options.setBinary(CHROMIUM);
            options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--disable-quic", "--no-first-run", "--disable-default-apps", "--user-data-dir=" + profile,
                    "--window-size=" + width + "," + height);
            LoggingPreferences logs = new LoggingPreferences();
            logs.enable(LogType.BROWSER, Level.ALL);
            options.setCapability("goog:loggingPrefs", logs);
            if (userAgent != null) {
                options.addArguments("--user-agent=" + userAgent);
            }
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort().build();
            return new Browser(new ChromeDriver(service, options), profile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Browser desktop() {
        return open(null, 1280, 900);
    }

    /**
     * Clicks an element after scrolling it to the middle of the window. The scroll is instant: Bootstrap makes page
     * scrolling smooth, and WebDriver's own scroll-then-click would click where the element has not arrived yet.
     */
    void click(WebElement element) {
        driver.executeScript("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'})", element);
        element.click();
    }

    /** What the pages printed to the console that the Content-Security-Policy refused (inline script or style). */
    List<String> cspViolations() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream().map(LogEntry::getMessage)
                .filter(message -> message.contains("Content Security Policy")).toList();
    }

    /** Saves a screenshot of the whole page (up to 4000 px tall) as target/screenshots/{name}.png. */
    void screenshot(String name) {
        Dimension window = driver.manage().window().getSize();
        Number pageHeight = (Number) driver.executeScript("return document.documentElement.scrollHeight");
        // the window is a little taller than its viewport: grow it until the whole page fits
        driver.manage().window().setSize(new Dimension(window.getWidth(),
                Math.min(4000, pageHeight.intValue() + window.getHeight() - viewportHeight())));
        try {
            Files.createDirectories(SCREENSHOTS);
            Files.write(SCREENSHOTS.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            driver.manage().window().setSize(window);
        }
    }

    private int viewportHeight() {
        return ((Number) driver.executeScript("return window.innerHeight")).intValue();
    }

    @Override
    public void close() {
        driver.quit();
        try (var files = Files.walk(profile)) {
            files.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        } catch (IOException e) {
            // a leftover temporary profile is harmless
        }
    }
}
