package io.windshift.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One person's browser on the console: Debian's {@code chromium} driven through Debian's {@code chromedriver}
 * (a browser download fails on these machines), headless.
 *
 * <p>How the browser is signed in lives here only: {@link #open} signs in through the identity provider's sign-in
 * page with the person's password, as a person does (the gateway keeps the session; the page holds only the
 * {@code WINDSHIFT_SESSION} and {@code XSRF-TOKEN} cookies). The paint benchmark, which runs without the provider,
 * uses {@link #withBearer}.
 */
final class ConsoleSession implements AutoCloseable {

    static final Duration WAIT = Duration.ofSeconds(30);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String AXE = readAxe();

    private final ChromeDriver driver;
    private final String base;

    private ConsoleSession(ChromeDriver driver, String base) {
        this.driver = driver;
        this.base = base;
    }

    /**
     * A fresh browser signed in as a person: it opens {@code <gateway>/console/}, is sent through the gateway's
     * {@code /oauth2/authorization/windshift} to the provider's sign-in page, fills in the person id and password there and
     * comes back to the console with the session cookie. {@code gateway} must use host {@code localhost}: the provider
     * only returns to {@code http://localhost:<gateway port>}.
     */
    static ConsoleSession open(String gateway, String personId, String password) {
        ConsoleSession session = anonymous(gateway);
        try {
            session.submitSignIn(personId, password);
            session.waitForUrl(gateway + "/console/");
            session.waitFor(d -> d.findElement(By.tagName("h1")).isDisplayed());
            return session;
        } catch (RuntimeException e) {
            session.close();
            throw e;
        }
    }

    /** A fresh browser that is not signed in. */
    static ConsoleSession anonymous(String gateway) {
        return new ConsoleSession(newDriver(), gateway);
    }

    /**
     * A browser whose every request carries a bearer token (Chrome DevTools' {@code Network.setExtraHTTPHeaders}), for
     * the paint benchmark, which starts its platform without the identity provider.
     */
    static ConsoleSession withBearer(String gateway, String bearerToken) {
        ChromeDriver driver = newDriver();
        driver.executeCdpCommand("Network.enable", Map.of());
        driver.executeCdpCommand("Network.setExtraHTTPHeaders", Map.of("headers", Map.of("Authorization", "Bearer " + bearerToken)));
        return new ConsoleSession(driver, gateway);
    }

    /** Opens the console and, on the provider's sign-in page it is sent to, submits the person id and password. */
    void submitSignIn(String personId, String password) {
        driver.get(base + "/console/");
        WebElement username = find("#username");
        username.clear();
        username.sendKeys(personId);
        WebElement field = find("#password");
        field.clear();
        field.sendKeys(password);
        click("form", "Sign in");
    }

    private static ChromeDriver newDriver() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(executable("chromium", "/usr/bin/chromium"));
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=1280,1000",
                "--lang=en-GB");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of(executable("chromedriver", "/usr/bin/chromedriver")).toFile()).usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    /** The Debian package's binary; CI installs it with apt (.ci/run). */
    private static String executable(String name, String fallback) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            Path candidate = Path.of(dir, name);
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        if (Files.isExecutable(Path.of(fallback))) {
            return fallback;
        }
        throw new IllegalStateException(name + " not found: install it with `apt-get install -y chromium chromium-driver`");
    }

    void visit(String path) {
        driver.get(base + path);
        waitFor(d -> d.findElement(By.tagName("h1")).isDisplayed());
    }

    /** Waits until the browser's address starts with {@code prefix}; on a timeout says where it is and what it shows. */
    void waitForUrl(String prefix) {
        try {
            waitFor(d -> d.getCurrentUrl().startsWith(prefix) ? true : null);
        } catch (org.openqa.selenium.TimeoutException e) {
            String body;
            try {
                body = driver.findElement(By.tagName("body")).getText();
            } catch (RuntimeException unreadable) {
                body = "(unreadable: " + unreadable + ")";
            }
            throw new AssertionError("expected an address starting with " + prefix + ", the browser is at " + driver.getCurrentUrl()
                    + " showing: " + body.substring(0, Math.min(body.length(), 1000)), e);
        }
    }

    WebDriver driver() {
        return driver;
    }

    <T> T waitFor(Function<WebDriver, T> condition) {
        return waitFor(WAIT, condition);
    }

    <T> T waitFor(Duration timeout, Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, timeout, Duration.ofMillis(100)).ignoring(RuntimeException.class).until(condition);
    }

    WebElement find(String css) {
        return waitFor(d -> d.findElement(By.cssSelector(css)));
    }

    List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    String text(String css) {
        return find(css).getText();
    }

    /**
     * Waits until the page's live indicator says the inbox stream is open; on a timeout says what the indicator shows
     * and what the stream's address answers to this browser (its status, read with a fetch that is then aborted).
     */
    void waitUntilLive(Duration timeout) {
        try {
            waitFor(timeout, d -> "live".equals(d.findElement(By.id("live")).getDomAttribute("data-state")) ? true : null);
        } catch (org.openqa.selenium.TimeoutException e) {
            Object indicator, probe;
            try {
                indicator = script("const e = document.getElementById('live'); return e ? e.dataset.state + ': ' + e.textContent : 'none'");
                probe = ((JavascriptExecutor) driver).executeAsyncScript("""
                        const done = arguments[arguments.length - 1], abort = new AbortController();
                        fetch('/api/v1/notifications/stream', { signal: abort.signal })
                          .then(r => { done(r.status + ' ' + r.headers.get('content-type')); abort.abort(); })
                          .catch(err => done('failed: ' + err));""");
            } catch (RuntimeException unreadable) {
                indicator = probe = "(unreadable: " + unreadable + ")";
            }
            throw new AssertionError("the inbox stream did not open within " + timeout + "; indicator " + indicator
                    + "; the stream answers " + probe, e);
        }
    }

    /** Waits until the element's visible text contains {@code expected}. */
    void waitForText(String css, String expected) {
        waitFor(d -> d.findElement(By.cssSelector(css)).getText().contains(expected) ? true : null);
    }

    /** Clicks the button (or link) with this text inside the element, retrying while the page re-renders it. */
    void click(String css, String text) {
        waitFor(d -> {
            for (WebElement e : d.findElement(By.cssSelector(css)).findElements(By.cssSelector("button, a"))) {
                if (e.getText().equals(text)) {
                    e.click();
                    return true;
                }
            }
            return null;
        });
    }

    /** Presses Enter on the button with this text inside the element: what a keyboard-only user does once it has focus. */
    void pressEnter(String css, String text) {
        waitFor(d -> {
            for (WebElement e : d.findElement(By.cssSelector(css)).findElements(By.tagName("button"))) {
                if (e.getText().equals(text)) {
                    e.sendKeys(org.openqa.selenium.Keys.ENTER);
                    return true;
                }
            }
            return null;
        });
    }

    Object script(String js, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(js, args);
    }

    /** axe-core's serious and critical violations on the current page, as "rule: help (n nodes)" lines. */
    List<String> seriousAccessibilityViolations() {
        script(AXE);
        Object result = ((JavascriptExecutor) driver).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                axe.run(document, { resultTypes: ['violations'] })
                  .then(r => done(JSON.stringify(r.violations)))
                  .catch(e => done(JSON.stringify([{ id: 'axe-error', impact: 'critical', help: String(e), nodes: [] }])));
                """);
        List<String> serious = new ArrayList<>();
        for (JsonNode v : JSON.readTree((String) result)) {
            String impact = v.path("impact").asString("");
            if (impact.equals("serious") || impact.equals("critical")) {
                List<String> targets = new ArrayList<>();
                v.path("nodes").forEach(n -> targets.add(n.path("target").toString()));
                serious.add(v.path("id").asString() + " (" + impact + "): " + v.path("help").asString() + " " + targets);
            }
        }
        return serious;
    }

    void assertAccessible(String page) {
        assertThat(seriousAccessibilityViolations()).as("axe-core serious/critical violations on " + page).isEmpty();
    }

    /** Writes the page's screenshot (full page) to {@code file}. */
    void screenshot(Path file) {
        try {
            Files.createDirectories(file.getParent());
            Map<String, Object> shot = driver.executeCdpCommand("Page.captureScreenshot",
                    Map.of("format", "png", "captureBeyondViewport", true));
            Files.write(file, java.util.Base64.getDecoder().decode((String) shot.get("data")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String readAxe() {
        try (InputStream in = ConsoleSession.class.getResourceAsStream("/axe/axe.min.js")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        driver.quit();
    }
}
