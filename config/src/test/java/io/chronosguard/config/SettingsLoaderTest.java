package io.chronosguard.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsLoaderTest {
    private static final Machine MACHINE = new Machine(Path.of("/home/ada"), 6);

    @TempDir
    Path dir;

    // --- defaults and layering ---

    @Test
    void load_nothingGiven_usesDefaults() {
        Settings s = load(Map.of(), Map.of());

        Path state = Path.of("/home/ada/.local/share/chronosguard");
        assertEquals(new Settings(Optional.empty(), Optional.empty(), Optional.empty(), "127.0.0.1", 8080, 6,
                state.resolve("logs"), state, Optional.empty(), 16, Compression.AUTO, false), s);
    }

    @Test
    void load_xdgDataHomeSet_stateAndLogDirsUnderIt() {
        Settings s = load(Map.of("XDG_DATA_HOME", "/data"), Map.of());

        assertEquals(Path.of("/data/chronosguard"), s.stateDir());
        assertEquals(Path.of("/data/chronosguard/logs"), s.logDir());
    }

    @Test
    void load_xdgDataHomeRelative_ignoredAsTheSpecSays() {
        Settings s = load(Map.of("XDG_DATA_HOME", "relative/data"), Map.of());

        assertEquals(Path.of("/home/ada/.local/share/chronosguard"), s.stateDir());
    }

    @Test
    void load_stateDirGiven_logDirDefaultsUnderIt() {
        Settings s = load(Map.of(), Map.of("--state-dir", "/srv/cg"));

        assertEquals(Path.of("/srv/cg/logs"), s.logDir());
    }

    @Test
    void load_configFile_overridesDefaults() throws IOException {
        Path file = write("cg.conf",
                "repository = /backups/repo",
                "http { host = 0.0.0.0, port = 9090 }",
                "workers = 3",
                "log-dir = /var/log/cg",
                "state-dir = /var/lib/cg",
                "catalog = \"jdbc:postgresql://db/cg\"",
                "pack-size = 32",
                "compression = max",
                "password-file = /etc/cg/pw");

        Settings s = load(file, Map.of(), Map.of());

        assertEquals(new Settings(Optional.of("/backups/repo"), Optional.of(Path.of("/etc/cg/pw")), Optional.empty(),
                "0.0.0.0", 9090, 3, Path.of("/var/log/cg"), Path.of("/var/lib/cg"),
                Optional.of("jdbc:postgresql://db/cg"), 32, Compression.MAX, false), s);
    }

    @Test
    void load_jsonConfigFile_overridesDefaults() throws IOException {
        Path file = write("cg.json", "{\"http\": {\"port\": 9191}, \"workers\": 2, \"compression\": \"off\"}");

        Settings s = load(file, Map.of(), Map.of());

        assertEquals(9191, s.httpPort());
        assertEquals(2, s.workers());
        assertEquals(Compression.OFF, s.compression());
    }

    @Test
    void load_envAndFileBothSet_envWins() throws IOException {
        Path file = write("cg.conf", "workers = 2", "repository = /from/file");

        Settings s = load(file, Map.of("CHRONOSGUARD_WORKERS", "3", "CHRONOSGUARD_REPOSITORY", "/from/env"), Map.of());

        assertEquals(3, s.workers());
        assertEquals(Optional.of("/from/env"), s.repository());
    }

    @Test
    void load_networkRepository_keptAsGivenNotFoldedLikeAPath() {
        for (String url : java.util.List.of("sftp://me@host:2222//srv/repo", "sftp:host:relative/repo",
                "rest:http://u:p@127.0.0.1:8000/repo/")) {
            Settings s = load(Map.of(), Map.of("--repo", url));
            assertEquals(Optional.of(url), s.repository());
        }
    }

    @Test
    void load_flagEnvAndFileAllSet_flagWins() throws IOException {
        Path file = write("cg.conf", "workers = 2", "http.port = 1000");

        Settings s = load(file, Map.of("CHRONOSGUARD_WORKERS", "3", "BACKUP_PORT", "2000"),
                Map.of("--workers", "4", "--http-port", "3000"));

        assertEquals(4, s.workers());
        assertEquals(3000, s.httpPort());
    }

    @Test
    void load_badValueOverriddenByHigherLayer_isNotAProblem() throws IOException {
        Path file = write("cg.conf", "workers = many");

        Settings s = load(file, Map.of(), Map.of("--workers", "2"));

        assertEquals(2, s.workers());
    }

    // --- environment ---

    @Test
    void load_legacyEnvVars_mapToTheirSettings() {
        Settings s = load(Map.of("BACKUP_DEST", "/mnt/usb/backup", "BACKUP_PORT", "8888",
                "BACKUP_MAX_WORKERS", "3", "BACKUP_LOG_DIR", "/tmp/logs"), Map.of());

        assertEquals(Optional.of("/mnt/usb/backup"), s.repository());
        assertEquals(8888, s.httpPort());
        assertEquals(3, s.workers());
        assertEquals(Path.of("/tmp/logs"), s.logDir());
    }

    @Test
    void load_networkRepositoryUrl_isKeptExactlyAsGiven() {
        Settings s = load(Map.of("CHRONOSGUARD_REPOSITORY", "s3:http://127.0.0.1:9000//bucket/p"), Map.of());

        assertEquals(Optional.of("s3:http://127.0.0.1:9000//bucket/p"), s.repository());
    }

    @Test
    void load_chronosguardAndLegacyEnvBothSet_chronosguardWins() {
        Settings s = load(Map.of(
                "CHRONOSGUARD_REPOSITORY", "/new", "BACKUP_DEST", "/old",
                "CHRONOSGUARD_WORKERS", "5", "BACKUP_MAX_WORKERS", "1",
                "CHRONOSGUARD_HTTP_PORT", "9000", "BACKUP_PORT", "8888",
                "CHRONOSGUARD_LOG_DIR", "/new/logs", "BACKUP_LOG_DIR", "/old/logs"), Map.of());

        assertEquals(Optional.of("/new"), s.repository());
        assertEquals(5, s.workers());
        assertEquals(9000, s.httpPort());
        assertEquals(Path.of("/new/logs"), s.logDir());
    }

    @Test
    void load_chronosguardEnvInvalidAndLegacyValid_reportsTheChronosguardOne() {
        List<Problem> problems = problems(Map.of("CHRONOSGUARD_WORKERS", "lots", "BACKUP_MAX_WORKERS", "2"), Map.of());

        assertEquals(List.of(new Problem("workers", "lots", "environment variable CHRONOSGUARD_WORKERS",
                "must be a whole number")), problems);
    }

    @Test
    void load_emptyEnvValue_countsAsUnset() {
        Settings s = load(Map.of("CHRONOSGUARD_WORKERS", "", "BACKUP_MAX_WORKERS", "2"), Map.of());

        assertEquals(2, s.workers());
    }

    @Test
    void load_passwordFromEnv_heldAsSecret() {
        Settings s = load(Map.of("CHRONOSGUARD_PASSWORD", "hunter2"), Map.of());

        assertEquals("hunter2", new String(s.password().orElseThrow().reveal()));
        assertFalse(s.toString().contains("hunter2"));
    }

    // --- problems: every one, with its origin ---

    @Test
    void load_envPortOutOfRange_messageNamesKeyValueAndVariable() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> load(Map.of("BACKUP_PORT", "99999"), Map.of()));

        assertTrue(e.getMessage().contains(
                "http.port = \"99999\" (from environment variable BACKUP_PORT): must be a port number 1..65535"),
                e.getMessage());
    }

    @Test
    void load_problemsInEveryLayer_reportsAllAtOnceWithOrigins() throws IOException {
        Path file = write("cg.conf",
                "# ChronosGuard",
                "pack-size = 2",
                "wokers = 4",
                "http {",
                "  port = 0",
                "}",
                "compression = fast");

        List<Problem> problems = problems(file,
                Map.of("BACKUP_MAX_WORKERS", "zero", "CHRONOSGUARD_CATALOG", "postgres://db"),
                Map.of("--state-dir", "~bob/state", "--debug", "maybe"));

        String at = "config file " + file + ":";
        assertEquals(List.of(
                new Problem("wokers", "4", at + 3, "unknown key; did you mean 'workers'?"),
                new Problem("http.port", "0", at + 5, "must be a port number 1..65535"),
                new Problem("workers", "zero", "environment variable BACKUP_MAX_WORKERS", "must be a whole number"),
                new Problem("state-dir", "~bob/state", "flag --state-dir",
                        "only a leading ~/ is expanded; write ~user paths in full"),
                new Problem("catalog", "postgres://db", "environment variable CHRONOSGUARD_CATALOG",
                        "must be a JDBC URL such as jdbc:sqlite:/path/catalog.db or jdbc:postgresql://host/db"),
                new Problem("pack-size", "2", at + 2, "must be a size in MiB from 4 to 128"),
                new Problem("compression", "fast", at + 7, "must be one of auto, off, max"),
                new Problem("debug", "maybe", "flag --debug", "must be true or false")), problems);
    }

    @Test
    void load_badCatalogUrlWithPassword_messageBlanksThePassword() {
        assertEquals(List.of(new Problem("catalog", "postgres://cg:***@db/cg", "flag --catalog",
                        "must be a JDBC URL such as jdbc:sqlite:/path/catalog.db or jdbc:postgresql://host/db")),
                problems(Map.of(), Map.of("--catalog", "postgres://cg:hunter2@db/cg")));
    }

    @Test
    void load_problems_messageHasOneLinePerProblem() throws IOException {
        Path file = write("cg.conf", "workers = 0", "pack-size = 500");

        ConfigException e = assertThrows(ConfigException.class, () -> load(file, Map.of(), Map.of()));

        assertEquals(List.of(
                "2 configuration problems:",
                "  workers = \"0\" (from config file " + file + ":1): must be at least 1",
                "  pack-size = \"500\" (from config file " + file + ":2): must be a size in MiB from 4 to 128"),
                e.getMessage().lines().toList());
    }

    @Test
    void load_numberBeyondInt_reportsRangeNotSyntax() {
        List<Problem> problems = problems(Map.of(), Map.of("--workers", "99999999999", "--http-port", "-1"));

        assertEquals(List.of("must be a port number 1..65535", "must be at most 2147483647"),
                problems.stream().map(Problem::message).toList());
    }

    @Test
    void load_fractionInFile_mustBeWholeNumber() throws IOException {
        Path file = write("cg.conf", "workers = 2.5");

        assertEquals("must be a whole number", problems(file, Map.of(), Map.of()).get(0).message());
    }

    @Test
    void load_listForScalarKey_reportsSingleValueNeeded() throws IOException {
        Path file = write("cg.conf", "workers = [1, 2]");

        assertEquals(List.of(new Problem("workers", "[1,2]", "config file " + file + ":1",
                "must be a single value, not a list")), problems(file, Map.of(), Map.of()));
    }

    @Test
    void load_objectForScalarKey_reportsItOnce() throws IOException {
        Path file = write("cg.conf", "workers {", "  min = 1", "  max = 4", "}");

        List<Problem> problems = problems(file, Map.of(), Map.of());

        assertEquals(1, problems.size(), problems::toString);
        assertEquals("workers", problems.get(0).key());
        assertEquals("must be a single value, not an object", problems.get(0).message());
    }

    @Test
    void load_scalarForSection_namesTheKeysItHolds() throws IOException {
        Path file = write("cg.conf", "http = 8080");

        assertEquals(List.of(new Problem("http", "8080", "config file " + file + ":1",
                "must be a section holding http.host, http.port")), problems(file, Map.of(), Map.of()));
    }

    // --- unknown keys and flags ---

    @Test
    void load_unknownNestedKey_namesDottedPathAndSuggests() throws IOException {
        Path file = write("cg.conf", "http {", "  host = localhost", "  prot = 8080", "}");

        assertEquals(List.of(new Problem("http.prot", "8080", "config file " + file + ":3",
                "unknown key; did you mean 'http.port'?")), problems(file, Map.of(), Map.of()));
    }

    @Test
    void load_unknownKeyNothingClose_noHint() throws IOException {
        Path file = write("cg.conf", "retention-days = 30");

        assertEquals("unknown key", problems(file, Map.of(), Map.of()).get(0).message());
    }

    @Test
    void load_legacyStyleKeyMisspelt_suggestsNewName() throws IOException {
        Path file = write("cg.conf", "max-workers = 3", "logdir = logs");

        assertEquals(List.of("unknown key; did you mean 'workers'?", "unknown key; did you mean 'log-dir'?"),
                problems(file, Map.of(), Map.of()).stream().map(Problem::message).toList());
    }

    // --- the old Python tool's config.json (port, max_workers, backup_dest, log_dir) ---

    @Test
    void load_oldToolConfigJson_mapsOntoSettings() throws IOException {
        Path file = write("config.json", "{",
                "  \"port\": 8888,",
                "  \"max_workers\": 3,",
                "  \"backup_dest\": \"/mnt/chromeos/removable/PNYRP60PSSD/pixelbook_backup\",",
                "  \"log_dir\": \"/var/log/old\"",
                "}");

        Settings s = load(file, Map.of(), Map.of());

        assertEquals(8888, s.httpPort());
        assertEquals(3, s.workers());
        assertEquals(Optional.of("/mnt/chromeos/removable/PNYRP60PSSD/pixelbook_backup"), s.repository());
        assertEquals(Path.of("/var/log/old"), s.logDir());
        assertEquals("127.0.0.1", s.httpHost()); // the old tool bound localhost too
    }

    @Test
    void load_oldToolConfigJson_environmentAndFlagsStillWin() throws IOException {
        Path file = write("config.json", "{\"port\": 8888, \"max_workers\": 3}");

        Settings s = load(file, Map.of("BACKUP_PORT", "9999"), Map.of("--workers", "5"));

        assertEquals(9999, s.httpPort());
        assertEquals(5, s.workers());
    }

    @Test
    void load_oldToolKeyBadValue_namesFileLineAndOldKey() throws IOException {
        Path file = write("config.json", "{", "  \"max_workers\": \"many\"", "}");

        assertEquals(List.of(new Problem("workers", "many", "config file " + file + ":2 (old tool's key 'max_workers')",
                "must be a whole number")), problems(file, Map.of(), Map.of()));
    }

    @Test
    void load_oldAndNewNameForOneSetting_problem() throws IOException {
        Path file = write("cg.conf", "workers = 2", "max_workers = 3");

        assertEquals(List.of(new Problem("max_workers", "3", "config file " + file + ":2",
                "sets workers again (also set at " + file + ":1); keep one of the two")),
                problems(file, Map.of(), Map.of()));
    }

    @Test
    void load_unknownFlag_suggestsClosest() {
        assertEquals(List.of(new Problem("--worker", "2", "flag --worker", "unknown flag; did you mean '--workers'?")),
                problems(Map.of(), Map.of("--worker", "2")));
    }

    @Test
    void load_flagForFileOnlySetting_saysWhereItGoes() {
        assertEquals(List.of(new Problem("--pack-size", "32", "flag --pack-size",
                "cannot be set by a flag; use config file key 'pack-size'")),
                problems(Map.of(), Map.of("--pack-size", "32")));
    }

    @Test
    void load_debugInFile_saysUseTheFlag() throws IOException {
        Path file = write("cg.conf", "debug = true");

        assertEquals("cannot be set in a config file; use flag --debug",
                problems(file, Map.of(), Map.of()).get(0).message());
    }

    // --- the password never comes from a file or a flag, and never prints ---

    @Test
    void load_passwordInFile_refusedWithoutShowingIt() throws IOException {
        Path file = write("cg.conf", "password = hunter2");

        ConfigException e = assertThrows(ConfigException.class, () -> load(file, Map.of(), Map.of()));

        assertEquals(List.of(new Problem("password", "***", "config file " + file + ":1",
                "cannot be set in a config file; use environment variable CHRONOSGUARD_PASSWORD")), e.problems());
        assertFalse(e.getMessage().contains("hunter2"));
    }

    @Test
    void load_passwordFlag_refusedWithoutShowingIt() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> load(Map.of(), Map.of("--password", "hunter2")));

        assertEquals("cannot be set by a flag; use environment variable CHRONOSGUARD_PASSWORD",
                e.problems().get(0).message());
        assertFalse(e.getMessage().contains("hunter2"));
    }

    @Test
    void load_misspeltPasswordKey_valueMasked() throws IOException {
        // The typo's value is almost certainly the password: the fix-it message must not print it.
        Path file = write("cg.conf", "pasword = hunter2");

        ConfigException e = assertThrows(ConfigException.class, () -> load(file, Map.of(), Map.of()));

        assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
    }

    // --- the file itself ---

    @Test
    void load_missingFile_problemNamesFile() {
        Path file = dir.resolve("absent.conf");

        assertEquals(List.of(new Problem(null, null, "config file " + file, "does not exist")),
                problems(file, Map.of(), Map.of()));
    }

    @Test
    void load_directoryAsFile_problemNamesIt() {
        assertEquals(List.of(new Problem(null, null, "config file " + dir, "is a directory, not a file")),
                problems(dir, Map.of(), Map.of()));
    }

    @Test
    void load_missingFileAndBadFlag_reportsBoth() {
        List<Problem> problems = problems(dir.resolve("absent.conf"), Map.of(), Map.of("--workers", "0"));

        assertEquals(List.of("does not exist", "must be at least 1"), problems.stream().map(Problem::message).toList());
    }

    @Test
    void load_hoconSyntaxError_problemNamesFileAndLine() throws IOException {
        Path file = write("cg.conf", "workers = 4", "http {", "  port = ");

        List<Problem> problems = problems(file, Map.of(), Map.of());

        assertEquals(1, problems.size(), problems::toString);
        assertEquals("config file " + file + ":4", problems.get(0).origin());
        assertTrue(problems.get(0).message().startsWith("syntax error: "), problems.get(0).message());
    }

    @Test
    void load_jsonSyntaxError_problemNamesFileAndLine() throws IOException {
        // HOCON would accept an unquoted value; a .json file is held to JSON.
        Path file = write("cg.json", "{", "  \"workers\": four", "}");

        List<Problem> problems = problems(file, Map.of(), Map.of());

        assertEquals("config file " + file + ":2", problems.get(0).origin());
        assertTrue(problems.get(0).message().startsWith("syntax error: "), problems.get(0).message());
    }

    @Test
    void load_substitution_readsInjectedEnvironmentAndKeepsLine() throws IOException {
        Path file = write("cg.conf", "repository = ${BASE}\"/repo\"", "http.port = ${PORT}");

        List<Problem> problems = problems(file, Map.of("BASE", "/mnt", "PORT", "99999"), Map.of());
        Settings s = load(file, Map.of("BASE", "/mnt", "PORT", "80"), Map.of());

        assertEquals(List.of(new Problem("http.port", "99999", "config file " + file + ":2",
                "must be a port number 1..65535")), problems);
        assertEquals(Optional.of("/mnt/repo"), s.repository());
    }

    @Test
    void load_unresolvedSubstitution_problemNamesFileAndLine() throws IOException {
        Path file = write("cg.conf", "workers = 2", "repository = ${NOT_SET}");

        List<Problem> problems = problems(file, Map.of(), Map.of());

        assertEquals("config file " + file + ":2", problems.get(0).origin());
        assertTrue(problems.get(0).message().contains("${NOT_SET}"), problems.get(0).message());
    }

    // --- value syntax ---

    @Test
    void load_tildePaths_expandedToHome() {
        Settings s = load(Map.of("CHRONOSGUARD_REPOSITORY", "~/repo"),
                Map.of("--state-dir", "~/state", "--password-file", "~"));

        assertEquals(Optional.of("/home/ada/repo"), s.repository());
        assertEquals(Path.of("/home/ada/state"), s.stateDir());
        assertEquals(Optional.of(Path.of("/home/ada")), s.passwordFile());
    }

    @Test
    void load_enumAndBooleanAnyCase_accepted() {
        Settings s = load(Map.of(), Map.of("--compression", "MAX", "--debug", "True"));

        assertEquals(Compression.MAX, s.compression());
        assertTrue(s.debug());
    }

    @Test
    void load_backendLimitsFromFlagsAndEnv_flagWins() {
        Settings s = load(Map.of("CHRONOSGUARD_LIMIT_UPLOAD", "50", "CHRONOSGUARD_LIMIT_DOWNLOAD", "200",
                "CHRONOSGUARD_RETRIES", "3"), Map.of("--limit-upload", "100", "--connections", "8"));

        assertEquals(new BackendLimits(100, 200, 8, 3), s.backend());
        assertEquals(BackendLimits.DEFAULTS, load(Map.of(), Map.of()).backend());
    }

    @Test
    void load_negativeOrNonNumericLimit_messageNamesTheFlag() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> load(Map.of(), Map.of("--limit-upload", "-5", "--limit-download", "fast")));

        assertTrue(e.getMessage().contains("limit-upload = \"-5\" (from flag --limit-upload): must be a rate in KiB/s"),
                e.getMessage());
        assertTrue(e.getMessage().contains("limit-download = \"fast\" (from flag --limit-download): must be a whole number"),
                e.getMessage());
    }

    private Settings load(Map<String, String> env, Map<String, String> flags) {
        return SettingsLoader.load(Optional.empty(), env, flags, MACHINE);
    }

    private Settings load(Path file, Map<String, String> env, Map<String, String> flags) {
        return SettingsLoader.load(Optional.of(file), env, flags, MACHINE);
    }

    private List<Problem> problems(Map<String, String> env, Map<String, String> flags) {
        return assertThrows(ConfigException.class, () -> load(env, flags)).problems();
    }

    private List<Problem> problems(Path file, Map<String, String> env, Map<String, String> flags) {
        return assertThrows(ConfigException.class, () -> load(file, env, flags)).problems();
    }

    private Path write(String name, String... lines) throws IOException {
        return Files.write(dir.resolve(name), List.of(lines));
    }
}
