package io.chronosguard.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import io.chronosguard.web.ApiAuth;
import io.chronosguard.web.WebServer;
import io.chronosguard.web.dto.JobProgress;
import io.chronosguard.web.dto.NodeStatus;
import io.chronosguard.web.dto.ProgressEvent;
import io.chronosguard.web.dto.ProgressUpdate;
import io.chronosguard.web.dto.WorkerStatus;
import io.chronosguard.web.routes.HealthRoutes;
import io.chronosguard.web.routes.StaticRoutes;
import io.chronosguard.web.ws.ProgressSocket;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in Debian's headless Chromium (driven by Selenium through
 * /usr/bin/chromedriver) against {@code serve} on a repository with a real backup: sign in
 * with the token, see the live state over the WebSocket, find a file by search, download it
 * through the browser and compare its bytes; a viewer on a phone-width screen sees no write
 * controls; and, fed by a second server whose progress the test sets, the live panels (progress
 * bar, current file, chart, events) follow the WebSocket. Screenshots go to tests/target/screenshots.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardBrowserIT {
    static final String ADMIN = "browser-admin-token";
    static final String VIEWER = "browser-viewer-token";
    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    @TempDir
    static Path tmp;
    Path src;
    Path downloads;
    Served server;
    /** A second server whose progress the test sets: the panels a running job fills. */
    ActorSystem<Void> system;
    WebServer.Binding live;
    final AtomicReference<ProgressUpdate> progress = new AtomicReference<>(running(1, 0, "/data/first.bin"));
    ChromeDriver driver;
    WebDriverWait wait;

    @BeforeAll
    void backUpServeAndOpenBrowser() throws Exception {
        src = tmp.resolve("photos");
        Path year = Files.createDirectories(src.resolve("2026/summer"));
        byte[] data = new byte[700_000];
        new Random(7).nextBytes(data);
        Files.write(year.resolve("beach-panorama.raw"), data);
        Files.writeString(src.resolve("notes.txt"), "not the file we look for\n");
        Path repo = tmp.resolve("repo");
        // Its own state dir, so the history catalog holds only this class's backup.
        Map<String, String> env = Map.of("CHRONOSGUARD_PASSWORD", Restic.PASSWORD,
                "CHRONOSGUARD_STATE_DIR", tmp.resolve("state").toString());
        assertEquals(0, Cli.run(env, "-r", repo.toString(), "init").exit());
        Cli.Result b = Cli.run(env, "-r", repo.toString(), "backup", src.toString());
        assertEquals(0, b.exit(), b.err());
        Map<String, String> serveEnv = new HashMap<>(env);
        serveEnv.putAll(Map.of("CHRONOSGUARD_API_TOKEN", ADMIN, "CHRONOSGUARD_VIEWER_TOKEN", VIEWER));
        server = Served.start(repo, serveEnv);
        system = ActorSystem.create(Behaviors.empty(), "live-panels");
        live = WebServer.builder(system, new ApiAuth(ADMIN, Optional.empty())).port(0)
                .add(new HealthRoutes("node-a", "-", () -> null))
                .add(new ProgressSocket(progress::get, Duration.ofMillis(50), Duration.ofSeconds(1)))
                .add(new StaticRoutes())
                .build().start().toCompletableFuture().get(20, TimeUnit.SECONDS);
        downloads = Files.createDirectories(tmp.resolve("downloads"));
        Files.createDirectories(SCREENSHOTS);
        driver = Browsers.chromium(tmp.resolve("chrome-profile"), downloads);
        wait = new WebDriverWait(driver, Duration.ofSeconds(20));
    }

    @AfterAll
    void closeAll() throws Exception {
        if (driver != null) {
            driver.quit();
        }
        if (server != null) {
            server.close();
        }
        if (system != null) {
            system.terminate();
        }
    }

    @BeforeEach
    void signedOut() {
        driver.manage().window().setSize(new Dimension(1280, 1800));
        driver.get(server.url() + "/");
        driver.executeScript("localStorage.clear()");
        driver.navigate().refresh();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login")));
    }

    void signIn(String token) {
        driver.findElement(By.id("token")).sendKeys(token);
        driver.findElement(By.id("login-btn")).click();
    }

    void screenshot(String name) throws IOException {
        Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), SCREENSHOTS.resolve(name),
                StandardCopyOption.REPLACE_EXISTING);
    }

    @Test
    void admin_findsFileBySearch_downloadsIt_sameBytes() throws Exception {
        signIn(ADMIN);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("app")));
        wait.until(ExpectedConditions.textToBe(By.id("conn"), "live"));
        wait.until(ExpectedConditions.textToBe(By.id("state"), "idle"));
        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#snapshots tbody tr"), 1));
        assertTrue(driver.findElement(By.id("controls")).isDisplayed(), "an admin sees the controls");
        screenshot("admin-signed-in.png");

        driver.findElement(By.id("search-q")).sendKeys("panorama");
        driver.findElement(By.id("search-btn")).click();
        WebElement link = wait.until(ExpectedConditions.elementToBeClickable(
                By.cssSelector("#search-results a.dl[data-format='raw']")));
        assertEquals(src + "/2026/summer/beach-panorama.raw", link.getAttribute("data-path"));
        screenshot("admin-search.png");
        link.click();

        Path file = downloads.resolve("beach-panorama.raw");
        new WebDriverWait(driver, Duration.ofSeconds(30)).until(d -> Files.exists(file)
                && !Files.exists(downloads.resolve("beach-panorama.raw.crdownload")));
        assertArrayEquals(Files.readAllBytes(src.resolve("2026/summer/beach-panorama.raw")), Files.readAllBytes(file));
    }

    static ProgressUpdate running(long seq, long bytesDone, String file) {
        NodeStatus node = new NodeStatus("node-a", "127.0.0.1:2552", "up", 60, 0.3, 5L << 30, List.of("read:/data"));
        JobProgress job = new JobProgress("job-1", List.of("/data"), "/data/done-" + seq, List.of("/data/next"),
                seq, 10, bytesDone, 1000, bytesDone / 2, bytesDone / 2, 2 << 20, 30L, 0, 0);
        return new ProgressUpdate(seq, java.time.Instant.now().toString(), "running", node, job,
                List.of(new WorkerStatus("w1", "node-a", "working", file, 10, 20, 1 << 20)), List.of(node),
                List.of(new ProgressEvent("12:00:00", "job-started", "job-1 of /data")), List.of(),
                List.of("started job-1"));
    }

    @Test
    void livePanels_followTheWebSocket() throws Exception {
        driver.get("http://127.0.0.1:" + live.address().getPort() + "/");
        signIn(ADMIN);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("workers"), "/data/first.bin"));
        assertEquals("running", driver.findElement(By.id("state")).getText());
        progress.set(running(2, 250, "/data/second.bin"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("workers"), "/data/second.bin"));
        wait.until(ExpectedConditions.attributeContains(By.id("job-bar"), "style", "25%"));
        progress.set(running(3, 750, "/data/third.bin"));
        wait.until(ExpectedConditions.attributeContains(By.id("job-bar"), "style", "75%"));
        assertTrue(driver.findElement(By.id("job-summary")).getText().contains("ETA 30s"),
                driver.findElement(By.id("job-summary")).getText());
        assertEquals("/data/done-3", driver.findElement(By.id("last-dir")).getText());
        assertTrue(driver.findElement(By.id("chart-box")).isDisplayed(), "the throughput chart is drawn");
        assertTrue(driver.findElement(By.id("events")).getText().contains("job-started"));
        screenshot("live-job.png");
    }

    @Test
    void admin_browsesSnapshotTree_andSeesHistory() throws Exception {
        signIn(ADMIN);
        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#history tbody tr"), 1));
        assertTrue(driver.findElement(By.cssSelector("#history tbody tr")).getText().contains("success"));
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#snapshots tbody tr"))).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("browser")));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("tree"), "tmp/"));
        screenshot("admin-browser.png");
    }

    @Test
    void admin_picksFolder_selectionIsSaved_startWithoutClusterSaysSoClearly() throws Exception {
        signIn(ADMIN);
        WebElement box = wait.until(ExpectedConditions.elementToBeClickable(
                By.cssSelector("#picker-list input[type=checkbox]:not([disabled])")));
        box.click();
        wait.until(d -> Files.exists(tmp.resolve("state/selection.json")));
        assertFalse(driver.findElement(By.id("selected")).getText().equals("none"));
        driver.findElement(By.id("start")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("control-msg"), "runs no backup jobs"));
        driver.findElement(By.id("pause")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("control-msg"), "runs no backup jobs"));
        screenshot("admin-controls.png");
    }

    @Test
    void viewer_atPhoneWidth_seesNoWriteControls() throws Exception {
        driver.manage().window().setSize(new Dimension(390, 844));
        signIn(VIEWER);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("app")));
        wait.until(ExpectedConditions.textToBe(By.id("conn"), "live"));
        assertFalse(driver.findElement(By.id("controls")).isDisplayed(), "a viewer must not see the controls");
        assertFalse(driver.findElement(By.id("restore-form")).isDisplayed());
        Object overflow = ((JavascriptExecutor) driver).executeScript(
                "return document.documentElement.scrollWidth - window.innerWidth;");
        assertTrue(((Number) overflow).intValue() <= 0, "the page scrolls sideways by " + overflow + " px");
        screenshot("viewer-phone.png");
    }

    @Test
    void wrongToken_isRejectedOnThePage() throws Exception {
        signIn("not-the-token");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("login-error"), "not accepted"));
        assertFalse(driver.findElement(By.id("app")).isDisplayed());
        assertEquals(List.of(), driver.findElements(By.cssSelector("#snapshots tbody tr")));
        screenshot("wrong-token.png");
    }
}
