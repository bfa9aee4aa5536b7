package io.github.qstashspring.broker.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Debian's {@code chromium}, headless, driven through its own {@code chromedriver} (never
 * a driver or browser downloaded by Selenium Manager). Where they are not installed, the
 * test is skipped with a message saying so, except under {@code CI=true}, where it fails:
 * {@code .ci/run} installs them. Paths can be set with {@code CHROMIUM_BIN} and
 * {@code CHROMEDRIVER_BIN}.
 */
public final class HeadlessChromium implements AutoCloseable {

    private final ChromeDriverService service;

    private final ChromeDriver driver;

    private HeadlessChromium(ChromeDriverService service, ChromeDriver driver) {
        this.service = service;
        this.driver = driver;
    }

    /**
     * Starts the browser, or skips the test (fails it under {@code CI=true}) when it is
     * not installed.
     * @param width the window's width in CSS pixels
     * @param height the window's height
     * @return the running browser
     */
    public static HeadlessChromium start(int width, int height) {
        Path browser = Path.of(System.getenv().getOrDefault("CHROMIUM_BIN", "/usr/bin/chromium"));
        Path driverBinary = Path.of(System.getenv().getOrDefault("CHROMEDRIVER_BIN", "/usr/bin/chromedriver"));
        boolean installed = Files.isExecutable(browser) && Files.isExecutable(driverBinary);
        String missing = browser + " or " + driverBinary
                + " is not installed (apt-get install chromium chromium-driver): the dashboard is not tested in a browser";
        if (!installed && "true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new AssertionError(missing);
        }
        Assumptions.assumeTrue(installed, missing);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(driverBinary.toFile())
            .usingAnyFreePort()
            .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(browser.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--no-first-run", "--disable-extensions", "--window-size=" + width + "," + height,
                "--force-device-scale-factor=1", "--lang=en-GB");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        return new HeadlessChromium(service, new ChromeDriver(service, options));
    }

    /**
     * @return the driver
     */
    public ChromeDriver driver() {
        return this.driver;
    }

    /**
     * Asserts that the browser's console has logged no error since the last call (a
     * failed request, such as a 401 for {@code /favicon.ico}, is such an error).
     * @param where what the page showed, for the failure message
     */
    public void assertNoConsoleError(String where) {
        List<String> errors = this.driver.manage()
            .logs()
            .get(LogType.BROWSER)
            .getAll()
            .stream()
            .filter((entry) -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
            .map(LogEntry::getMessage)
            .toList();
        assertThat(errors).as("console errors on " + where).isEmpty();
    }

    /**
     * Makes the page see {@code prefers-color-scheme: dark} (or light again).
     * @param dark whether the system is dark
     */
    public void emulateDarkMode(boolean dark) {
        this.driver.executeCdpCommand("Emulation.setEmulatedMedia",
                Map.of("features", List.of(Map.of("name", "prefers-color-scheme", "value", dark ? "dark" : "light"))));
    }

    /**
     * Saves a screenshot of the window as a PNG file.
     * @param file the file (its folder is created)
     */
    public void screenshot(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.write(file, this.driver.getScreenshotAs(OutputType.BYTES));
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    @Override
    public void close() {
        try {
            this.driver.quit();
        }
        finally {
            this.service.stop();
        }
    }

}
