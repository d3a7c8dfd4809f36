package io.chronosguard.tests;

import io.chronosguard.engine.backend.Backend;
import io.chronosguard.engine.backend.Backends;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;

/** The store contract on a local folder, opened the way the CLI opens it. */
class LocalBackendContractIT extends BackendContract {
    @TempDir
    Path dir;

    @Override
    protected Backend newBackend() {
        return Backends.open(dir.resolve("repo").toString(), Map.of());
    }
}
