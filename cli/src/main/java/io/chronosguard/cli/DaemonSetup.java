package io.chronosguard.cli;

import io.chronosguard.config.daemon.DaemonConfigException;
import io.chronosguard.config.daemon.DaemonConfigParser;
import io.chronosguard.coordinator.daemon.Versioned;
import io.chronosguard.engine.daemon.SourceExcludes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads {@code --daemon-config FILE} for the commands that run a daemon; bad files are usage errors naming the field. */
final class DaemonSetup {
    private DaemonSetup() {
    }

    /**
     * The configuration at version 1 (a later push wins): from {@code file} when given, else
     * from the {@code daemon} section of the {@code --config} file, else none.
     */
    static Versioned read(Path file, java.util.Optional<Path> settingsFile) {
        if (file == null) {
            try {
                return settingsFile.flatMap(DaemonConfigParser::fromSettingsFile).map(SourceExcludes::check)
                        .map(c -> new Versioned(1, c))
                        .orElse(Versioned.NONE);
            } catch (DaemonConfigException e) {
                throw new CliException(ExitCode.USAGE, "config file " + settingsFile.get() + ": " + e.getMessage());
            }
        }
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new CliException(ExitCode.USAGE, "--daemon-config " + file + ": cannot be read ("
                    + e.getClass().getSimpleName() + ": " + e.getMessage() + ")");
        }
        try {
            return new Versioned(1, SourceExcludes.check(DaemonConfigParser.parse(text)));
        } catch (DaemonConfigException e) {
            throw new CliException(ExitCode.USAGE, "--daemon-config " + file + ": " + e.getMessage());
        }
    }
}
