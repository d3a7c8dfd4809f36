package io.chronosguard.cli;

import io.chronosguard.config.daemon.DaemonConfigException;
import io.chronosguard.config.daemon.DaemonConfigParser;
import io.chronosguard.coordinator.daemon.Versioned;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads {@code --daemon-config FILE} for the commands that run a daemon; bad files are usage errors naming the field. */
final class DaemonSetup {
    private DaemonSetup() {
    }

    /** The file's configuration at version 1 (a later push wins), or none when {@code file} is null. */
    static Versioned read(Path file) {
        if (file == null) {
            return Versioned.NONE;
        }
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new CliException(ExitCode.USAGE, "--daemon-config " + file + ": cannot be read ("
                    + e.getClass().getSimpleName() + ": " + e.getMessage() + ")");
        }
        try {
            return new Versioned(1, DaemonConfigParser.parse(text));
        } catch (DaemonConfigException e) {
            throw new CliException(ExitCode.USAGE, "--daemon-config " + file + ": " + e.getMessage());
        }
    }
}
