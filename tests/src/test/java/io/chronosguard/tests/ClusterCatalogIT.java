package io.chronosguard.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.chronosguard.cli.ExitCode;
import io.chronosguard.coordinator.cluster.ClusterNode;
import io.chronosguard.coordinator.cluster.NodeConfig;
import io.chronosguard.coordinator.cluster.NodeServices;
import io.chronosguard.coordinator.protocol.JobView;
import io.chronosguard.engine.backend.local.LocalBackend;
import io.chronosguard.engine.catalog.Catalog;
import io.chronosguard.engine.repo.BlobSaver;
import io.chronosguard.engine.repo.Repository;
import io.chronosguard.web.ApiAuth;
import io.chronosguard.web.WebServer;
import io.chronosguard.web.routes.HistoryRoutes;
import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Down;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ArgumentsSource;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Cluster jobs land in the history catalog, on SQLite and on PostgreSQL: three in-JVM nodes
 * share one catalog; a job during which a worker node is downed is recorded with its outcome,
 * counts, nodes, reassigned tasks, per-directory rows and the nodes seen (checked with SQL);
 * a job whose coordinator node stops mid-way never stays {@code running}. Then the legacy
 * samples are imported with {@code migrate}, and {@code history --json} and
 * {@code GET /api/history} (served from a node's actor system as {@code node --http} serves it)
 * list the cluster runs beside the legacy ones, and so does the
 * dashboard's history panel (in Chromium), legacy runs marked as imported.
 */
class ClusterCatalogIT {
    static final String TOKEN = "catalog-it-token";

    @TempDir
    Path tmp;
    final ClusterInJvmIT cluster = new ClusterInJvmIT();

    @AfterEach
    void stopAll() {
        cluster.stopAll();
    }

    @ParameterizedTest(name = "{0}")
    @ArgumentsSource(Databases.class)
    void clusterJobs_recordedInCatalog_listedWithLegacyRuns(Database db) throws Exception {
        Path src = tmp.resolve("src");
        ClusterInJvmIT.manyDirectories(src, 24, 6, 250_000);
        Path src2 = tmp.resolve("src2");
        Random rnd = new Random(11);
        for (int i = 0; i < 4; i++) {
            SourceTree.randomFile(Files.createDirectories(src2.resolve("d" + i)).resolve("big.bin"), 4 << 20, rnd);
        }
        Path repoDir = NodeProcesses.initRepository(tmp);
        startNodes(db, repoDir, src);
        ClusterNode first = cluster.nodes.get(0);
        ClusterNode second = cluster.nodes.get(1);
        ClusterNode leaving = cluster.nodes.get(2);

        // 1. A worker node is downed while its workers hold tasks: success with reassigned tasks.
        String id = cluster.startWhenWorkersKnown(first, src);
        cluster.awaitBusy(leaving);
        Cluster.get(first.system()).manager().tell(new Down(Cluster.get(leaving.system()).selfMember().address()));
        JobView done = cluster.awaitJob(first, id, v -> !JobView.RUNNING.equals(v.state()), Duration.ofMinutes(2));
        assertEquals(JobView.SUCCEEDED, done.state(), () -> "job failed: " + done.error());
        JobView.Summary s = done.summary();
        Map<String, Object> run = awaitRecorded(db, src.toString());
        assertEquals("chronosguard", run.get("source"));
        assertEquals("success", run.get("outcome"));
        assertEquals(s.files(), num(run, "files_total"));
        assertEquals(s.bytes(), num(run, "bytes"));
        assertEquals(s.dataAdded(), num(run, "data_added"));
        assertEquals(s.snapshotId(), run.get("snapshot_id"));
        assertEquals(s.reassignedTasks(), num(run, "reassigned_tasks"));
        assertTrue(s.reassignedTasks() >= 1, s.toString());
        assertEquals("cluster-test", run.get("host"));
        JsonNode nodesUsed = BackupIT.JSON.readTree((String) run.get("nodes"));
        assertEquals(s.nodes(), nodesUsed.size(), nodesUsed.toString());
        assertTrue(nodesUsed.size() >= 2, nodesUsed.toString());
        assertEquals(0L, num(run, "error_count"));
        long runId = num(run, "id");
        String leavingNode = leaving.capabilities().node();
        assertEquals(s.files(), db.count("SELECT SUM(files) FROM run_directories WHERE run_id = ? AND status = 'done'",
                runId), "the done rows add up to the run's files");
        assertEquals(s.bytes(), db.count("SELECT SUM(bytes) FROM run_directories WHERE run_id = ? AND status = 'done'",
                runId));
        assertEquals(s.reassignedTasks(), db.count("SELECT COUNT(*) FROM run_directories WHERE run_id = ?"
                + " AND status = 'reassigned' AND node = ?", runId, leavingNode));
        assertTrue(db.count("SELECT COUNT(DISTINCT path) FROM run_directories WHERE run_id = ? AND status = 'done'",
                runId) >= 24 * 2 + 1, "a row per directory: each dN, each dN/sub, the target");
        List<Map<String, Object>> nodeRows = db.rows("SELECT node_id, address, capabilities FROM nodes"
                + " ORDER BY node_id");
        assertEquals(3, nodeRows.size(), nodeRows.toString());
        for (Map<String, Object> n : nodeRows) {
            JsonNode caps = BackupIT.JSON.readTree((String) n.get("capabilities"));
            assertEquals(n.get("node_id"), caps.path("node").asText());
            String roots = n.get("node_id").equals(first.capabilities().node()) ? src.toString() : "/";
            assertEquals(roots, caps.path("source_roots").get(0).asText(), caps.toString());
            assertEquals(2, caps.path("workers").asInt());
            assertTrue(caps.path("flags").toString().contains("backup.parallel"), caps.toString());
            assertTrue(((String) n.get("node_id")).endsWith("@" + n.get("address")), n.toString());
        }

        // 2. The coordinator's node stops mid-job (one only the slow second node can run): its run
        // ends, never left running.
        String id2 = cluster.startWhenWorkersKnown(first, src2);
        cluster.awaitBusy(second);
        first.system().terminate();
        first.terminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
        Map<String, Object> lost = awaitRecorded(db, src2.toString());
        // failed, or unknown if it was writing the snapshot (or a new coordinator found it first)
        assertTrue(List.of("failed", "unknown").contains(lost.get("outcome")), lost.toString());
        assertTrue(db.count("SELECT COUNT(*) FROM run_errors WHERE run_id = ? AND reason LIKE ?",
                num(lost, "id"), "%stopped before%") >= 1, lost.toString());

        // 3. Legacy runs beside them: history --json and the node's /api/history.
        Cli.Result migrated = MigrateIT.cg(db, "migrate", "--from", MigrateIT.SAMPLES.toString(), "--legacy-zone",
                "America/New_York");
        assertEquals(ExitCode.OK, migrated.exit(), migrated.err());
        Cli.Result history = MigrateIT.cg(db, "history", "--json");
        assertEquals(ExitCode.OK, history.exit(), history.err());
        JsonNode runs = BackupIT.JSON.readTree(history.out());
        assertEquals(53, runs.size(), "51 legacy runs and the two cluster runs");
        assertTrue(List.of("failed", "unknown").contains(runs.get(0).path("outcome").asText()), runs.get(0).toString());
        assertEquals("chronosguard", runs.get(1).path("source").asText(), runs.get(1).toString());
        assertEquals(src2.toString(), runs.get(0).path("paths").get(0).asText(), runs.get(0).toString());
        assertEquals(s.snapshotId(), runs.get(1).path("snapshot_id").asText());
        assertEquals("success", runs.get(1).path("outcome").asText());
        assertEquals(s.reassignedTasks(), runs.get(1).path("reassigned_tasks").asLong());
        assertEquals(s.nodes(), runs.get(1).path("nodes").size());
        assertEquals(s.files(), runs.get(1).path("files").asLong());
        assertEquals("legacy", runs.get(2).path("source").asText());

        HttpResponse<String> api = serveHistory(second, db, "/api/history?limit=5");
        assertEquals(200, api.statusCode(), api.body());
        assertEquals("53", api.headers().firstValue("X-Total-Count").orElse(""));
        JsonNode page = BackupIT.JSON.readTree(api.body());
        assertEquals(5, page.size());
        JsonNode clusterRun = page.get(1);
        assertEquals("chronosguard", clusterRun.path("source").asText());
        assertEquals(s.reassignedTasks(), clusterRun.path("reassignedTasks").asLong());
        assertEquals(s.nodes(), clusterRun.path("nodes").size());
        assertEquals(List.of(src.toString()), List.of(clusterRun.path("paths").get(0).asText()));
        assertEquals("legacy", page.get(2).path("source").asText());
        JsonNode legacyPage = BackupIT.JSON.readTree(get(second, "/api/history?source=legacy&offset=50&limit=10")
                .body());
        assertEquals(1, legacyPage.size(), "51 legacy runs: the last page after 50 holds one");
        assertEquals("2025-01-07T00:42:07Z", legacyPage.get(0).path("startedAt").asText());
        assertEquals(401, HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + "/api/history"))
                .build(), HttpResponse.BodyHandlers.ofString()).statusCode());
        JsonNode detail = BackupIT.JSON.readTree(get(second, "/api/history/" + runId).body());
        assertEquals(runId, detail.path("run").path("id").asLong());
        assertEquals(db.count("SELECT COUNT(*) FROM run_directories WHERE run_id = ?", runId),
                detail.path("directories").size());
        long reassignedRows = 0;
        for (JsonNode d : detail.path("directories")) {
            reassignedRows += "reassigned".equals(d.path("status").asText()) && leavingNode.equals(d.path("node")
                    .asText()) ? 1 : 0;
        }
        assertEquals(s.reassignedTasks(), reassignedRows, detail.toString());
        assertEquals(404, get(second, "/api/history/999999").statusCode());
        assertEquals(404, get(second, "/api/history/not-a-number").statusCode());
        HttpResponse<String> bad = get(second, "/api/history?outcome=bogus");
        assertEquals(400, bad.statusCode(), bad.body());
        assertTrue(bad.body().contains("outcome"), bad.body());
        assertFalse(bad.body().contains("Exception"), bad.body());

        // 4. The dashboard's history panel shows them: cluster runs with their nodes, legacy runs marked.
        List<WebElement> rows = dashboardHistory(repoDir, db);
        assertTrue(rows.get(1).getText().contains("cluster, " + s.nodes() + " nodes, " + s.reassignedTasks()
                + " reassigned"), rows.get(1).getText());
        assertTrue(rows.get(1).getText().contains("success"), rows.get(1).getText());
        WebElement legacyKind = rows.get(2).findElements(By.tagName("td")).get(2);
        assertEquals("legacy (imported)", legacyKind.getText());
        assertEquals("legacy", legacyKind.getAttribute("class"));
    }

    ChromeDriver driver;
    Served served;

    @AfterEach
    void closeBrowser() throws Exception {
        if (driver != null) {
            driver.quit();
        }
        if (served != null) {
            served.close();
        }
    }

    /** {@code serve} on the same catalog, the page opened in Chromium: the history table's rows. */
    List<WebElement> dashboardHistory(Path repo, Database db) throws Exception {
        Map<String, String> env = new HashMap<>(Map.of("CHRONOSGUARD_PASSWORD", Restic.PASSWORD,
                "CHRONOSGUARD_API_TOKEN", TOKEN, "CHRONOSGUARD_CATALOG", db.bareUrl(),
                "CHRONOSGUARD_STATE_DIR", tmp.resolve("serve-state").toString()));
        if (db.user() != null) {
            env.put("CHRONOSGUARD_CATALOG_USER", db.user());
            env.put("CHRONOSGUARD_CATALOG_PASSWORD", db.password());
        }
        served = Served.start(repo, env);
        ChromeOptions o = new ChromeOptions();
        o.setBinary("/usr/bin/chromium");
        o.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-dev-shm-usage",
                "--user-data-dir=" + tmp.resolve("chrome-profile"));
        driver = new ChromeDriver(new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver")).usingAnyFreePort().build(), o);
        driver.get(served.url() + "/");
        driver.findElement(By.id("token")).sendKeys(TOKEN);
        driver.findElement(By.id("login-btn")).click();
        new WebDriverWait(driver, Duration.ofSeconds(30)).until(
                ExpectedConditions.numberOfElementsToBe(By.cssSelector("#history tbody tr"), 20));
        return driver.findElements(By.cssSelector("#history tbody tr"));
    }

    /**
     * Three nodes. The first (the coordinator's) reads only {@code firstRoot}; the others read
     * everything and compress hard (zstd 19), so their tasks take a while: when one is downed
     * its workers are sure to hold tasks, and a job only they can run outlasts the first
     * node's leaving.
     */
    void startNodes(Database db, Path repoDir, Path firstRoot) throws Exception {
        int[] ports = {ClusterInJvmIT.freePort(), ClusterInJvmIT.freePort(), ClusterInJvmIT.freePort()};
        NodeServices.Tuning fast = NodeServices.Tuning.defaults().withSplitThreshold(16);
        NodeServices.Tuning slow = new NodeServices.Tuning(fast.packSize(), BlobSaver.Compression.MAX,
                fast.leaseDuration(), fast.splitThreshold(), fast.idlePoll());
        for (int port : ports) {
            boolean first = port == ports[0];
            Repository repo = Repository.open(new LocalBackend(repoDir), Restic.PASSWORD.toCharArray());
            cluster.nodes.add(ClusterNode.start(new NodeConfig("127.0.0.1", port, List.of("127.0.0.1:" + ports[0]), 2,
                    List.of(first ? firstRoot.toString() : "/"), repoDir.toString(), Duration.ofSeconds(3),
                    Duration.ofSeconds(20), first ? fast : slow), repo, Clock.systemUTC(),
                    () -> Catalog.open(db.url())));
        }
        for (ClusterNode n : cluster.nodes) {
            n.up().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
    }

    /** The run of {@code path} once its end is recorded (the coordinator writes it off its own thread). */
    static Map<String, Object> awaitRecorded(Database db, String path) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        List<Map<String, Object>> rows = List.of();
        while (System.nanoTime() < deadline) {
            rows = db.rows("SELECT * FROM runs WHERE paths = ? AND outcome <> 'running'",
                    BackupIT.JSON.createArrayNode().add(path).toString());
            if (!rows.isEmpty()) {
                return rows.get(0);
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no finished run of " + path + " in the catalog: "
                + db.rows("SELECT id, paths, outcome FROM runs"));
    }

    static long num(Map<String, Object> row, String column) {
        return ((Number) row.get(column)).longValue();
    }

    String base;

    HttpResponse<String> serveHistory(ClusterNode node, Database db, String path) throws Exception {
        HistoryRoutes history = new HistoryRoutes(() -> Catalog.open(db.url()), Executors.newCachedThreadPool());
        node.terminated().thenRun(history::close);
        int port = ClusterInJvmIT.freePort();
        WebServer.builder(node.system(), new ApiAuth(TOKEN, Optional.empty())).host("127.0.0.1").port(port)
                .add(history).build().start().toCompletableFuture().get(10, TimeUnit.SECONDS);
        base = "http://127.0.0.1:" + port;
        return get(node, path);
    }

    HttpResponse<String> get(ClusterNode node, String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", "Bearer " + TOKEN).build(), HttpResponse.BodyHandlers.ofString());
    }
}
