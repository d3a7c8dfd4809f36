package io.chronosguard.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard's Configuration card on a real node in headless Chromium: an admin saves a
 * configuration with a bad cron expression and sees the field named, fixes it, saves, and
 * the source shows in the table (and in {@code GET /api/config}).
 */
class ConfigBrowserIT {
    @TempDir
    Path dir;

    @Test
    void configCard_badThenGoodSave_showsFieldErrorThenTheSource() throws Exception {
        Path repo = NodeProcesses.initRepository(dir);
        Path src = Files.createDirectories(dir.resolve("data"));
        Files.createDirectories(ClusterBrowserIT.SCREENSHOTS);
        try (NodeProcesses ps = new NodeProcesses(dir, repo)) {
            NodeProcesses.NodeProc n = ps.startCluster(1, 1).get(0);
            ChromeDriver driver = Browsers.chromium(dir.resolve("chrome-profile"), dir.resolve("downloads"));
            try {
                WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));
                Browsers.signIn(driver, wait, n.api() + "/", NodeProcesses.TOKEN);
                wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("config-card")));
                wait.until(ExpectedConditions.textToBe(By.id("config-version"), "No configuration yet."));

                save(driver, "{\"sources\": [{\"name\": \"docs\", \"paths\": [\"" + src
                        + "\"], \"schedule\": \"0 99 * * *\"}]}");
                wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("config-msg"),
                        "sources[0].schedule: bad cron expression \"0 99 * * *\""));
                assertEquals("error", driver.findElement(By.id("config-msg")).getAttribute("class"));

                save(driver, "{\"sources\": [{\"name\": \"docs\", \"paths\": [\"" + src
                        + "\"], \"schedule\": \"0 30 2 * * *\", \"retention\": {\"keep-last\": 3}}]}");
                wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("config-msg"),
                        "Saved as version"));
                wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("config-sources"), "docs"));
                String row = driver.findElement(By.cssSelector("#config-sources tbody tr")).getText();
                assertTrue(row.contains("0 30 2 * * *") && row.contains("keep-last=3"), row);
                ClusterBrowserIT.screenshot(driver, "config-saved.png");
            } finally {
                driver.quit();
            }
            JsonNode cfg = BackupIT.JSON.readTree(ps.get(n, "/api/config").body());
            assertEquals("docs", cfg.get("config").get("sources").get(0).get("name").asText(), cfg.toString());
        }
    }

    private static void save(ChromeDriver driver, String json) {
        WebElement area = driver.findElement(By.id("config-json"));
        area.clear();
        area.sendKeys(json);
        driver.findElement(By.id("config-save")).click();
    }
}
