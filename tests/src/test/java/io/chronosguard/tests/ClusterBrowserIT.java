package io.chronosguard.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The walk-through in headless Chromium against real node processes (a cluster of two,
 * one worker each), the first serving the dashboard: sign in with the token, pick a real folder with the
 * picker, start the backup, see the current file and the throughput change, pause and
 * resume, wait for the end, find a file of the new snapshot by search, download it and
 * compare its bytes; the snapshot list shows the new snapshot without a reload. Screenshots go to tests/target/screenshots.
 */
class ClusterBrowserIT {
    static final Path SCREENSHOTS = Path.of("target", "screenshots");
    static final Pattern RATE = Pattern.compile("([0-9.]+ [KMG]?i?B)/s, ETA");

    @TempDir
    Path dir;

    @Test
    void pickStartWatchPauseResume_thenSearchAndDownload() throws Exception {
        Path repo = NodeProcesses.initRepository(dir);
        Path base = Files.createDirectories(dir.resolve("data"));
        Path src = base.resolve("photos");
        Random rnd = new Random(11);
        for (String d : new String[] {"2024", "2025", "2026"}) {
            for (int i = 0; i < 3; i++) {
                ClusterDashboardIT.write(src.resolve(d).resolve("raw-" + i + ".bin"), 20 * ClusterDashboardIT.MIB, rnd);
            }
        }
        byte[] needle = new byte[300_000];
        rnd.nextBytes(needle);
        Files.write(src.resolve("2025").resolve("lighthouse-needle.jpg"), needle);
        Path downloads = Files.createDirectories(dir.resolve("downloads"));
        Files.createDirectories(SCREENSHOTS);
        try (NodeProcesses ps = new NodeProcesses(dir, repo)) {
            // two nodes of one worker each: the downloaded file may well have been stored by the other one
            NodeProcesses.NodeProc n = ps.startCluster(2, 1).get(0);
            ChromeDriver driver = Browsers.chromium(dir.resolve("chrome-profile"), downloads);
            try {
                WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));
                Browsers.signIn(driver, wait, n.api() + "/", NodeProcesses.TOKEN);
                wait.until(ExpectedConditions.textToBe(By.id("conn"), "live"));
                wait.until(ExpectedConditions.textToBe(By.id("state"), "idle"));
                // both nodes and their workers, from each node's monitor
                wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#nodes .node"), 2));
                wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#workers tbody tr"), 2));

                // the picker: walk down to the folder holding "photos" and tick it
                for (Path part : base) {
                    WebElement link = wait.until(ExpectedConditions.elementToBeClickable(By.xpath(
                            "//ul[@id='picker-list']/li/a[text()='" + part + "/']")));
                    link.click();
                }
                wait.until(ExpectedConditions.textToBe(By.id("picker-path"), base.toString()));
                wait.until(ExpectedConditions.elementToBeClickable(By.xpath(
                        "//ul[@id='picker-list']/li[a[text()='photos/']]/input"))).click();
                wait.until(ExpectedConditions.textToBe(By.id("selected"), src.toString()));
                screenshot(driver, "cluster-picked.png");
                driver.findElement(By.id("start")).click();
                wait.until(ExpectedConditions.textToBe(By.id("control-msg"), "Backup started."));

                // live values: current file and throughput change while it runs
                Set<String> files = new LinkedHashSet<>();
                Set<String> rates = new LinkedHashSet<>();
                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                while ((files.size() < 2 || rates.size() < 2) && System.nanoTime() < deadline) {
                    for (String f : texts(driver, "#workers td.path")) {
                        if (f.startsWith(src.toString())) {
                            files.add(f);
                        }
                    }
                    Matcher m = RATE.matcher(driver.findElement(By.id("job-summary")).getText());
                    if (m.find() && !m.group(1).startsWith("0 ")) {
                        rates.add(m.group(1));
                    }
                    Thread.sleep(100);
                }
                assertTrue(files.size() >= 2, "the current file changes on the page: " + files);
                assertTrue(rates.size() >= 2, "the throughput changes on the page: " + rates);
                screenshot(driver, "cluster-running.png");

                driver.findElement(By.id("pause")).click();
                wait.until(ExpectedConditions.textToBe(By.id("state"), "paused"));
                // the workers' last reports arrive within a second; then nothing may move
                wait.until(d -> !texts(driver, "#workers tbody td:nth-child(3)").contains("working"));
                Thread.sleep(1000);
                String pausedAt = summaryDone(driver);
                Thread.sleep(1500);
                assertEquals(pausedAt, summaryDone(driver), "nothing moves while paused");
                screenshot(driver, "cluster-paused.png");
                driver.findElement(By.id("resume")).click();
                new WebDriverWait(driver, Duration.ofSeconds(120)).until(
                        ExpectedConditions.textToBe(By.id("state"), "finished"));
                assertTrue(driver.findElement(By.id("events")).getText().contains("job-finished"));
                assertTrue(driver.findElement(By.id("job-summary")).getText().startsWith("10 of 10 files"),
                        driver.findElement(By.id("job-summary")).getText());
                wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#snapshots tbody tr"), 1));
                screenshot(driver, "cluster-finished.png");

                // the new snapshot: find the file by search and download it
                driver.findElement(By.id("search-q")).sendKeys("lighthouse");
                driver.findElement(By.id("search-btn")).click();
                WebElement link = wait.until(ExpectedConditions.elementToBeClickable(
                        By.cssSelector("#search-results a.dl[data-format='raw']")));
                assertEquals(src + "/2025/lighthouse-needle.jpg", link.getAttribute("data-path"));
                link.click();
                Path file = downloads.resolve("lighthouse-needle.jpg");
                new WebDriverWait(driver, Duration.ofSeconds(30)).until(d -> Files.exists(file)
                        && !Files.exists(downloads.resolve("lighthouse-needle.jpg.crdownload")));
                assertArrayEquals(needle, Files.readAllBytes(file));
                screenshot(driver, "cluster-downloaded.png");
            } finally {
                driver.quit();
            }
        }
    }

    /**
     * The texts of the elements matching {@code css}, read in one script run: the page redraws
     * its tables on every update, so elements found in one call may be gone in the next.
     */
    @SuppressWarnings("unchecked")
    static java.util.List<String> texts(ChromeDriver driver, String css) {
        return (java.util.List<String>) driver.executeScript(
                "return Array.from(document.querySelectorAll(arguments[0])).map(e => e.textContent);", css);
    }

    /** "N of M files, X of Y" from the job summary: what has been done. */
    static String summaryDone(ChromeDriver driver) {
        String s = driver.findElement(By.id("job-summary")).getText();
        int paren = s.indexOf(" (");
        return paren < 0 ? s : s.substring(0, paren);
    }

    static void screenshot(ChromeDriver driver, String name) throws Exception {
        Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), SCREENSHOTS.resolve(name),
                StandardCopyOption.REPLACE_EXISTING);
    }
}
