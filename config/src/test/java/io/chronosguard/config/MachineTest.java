package io.chronosguard.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class MachineTest {

    @Test
    void constructor_noProcessors_throwsNamingTheCount() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Machine(Path.of("/home/ada"), 0));

        assertEquals("processors must be at least 1, got 0", e.getMessage());
    }

    @Test
    void current_thisJvm_hasHomeAndProcessors() {
        Machine m = Machine.current();

        assertTrue(m.processors() >= 1);
        assertTrue(m.home().isAbsolute(), m.home().toString());
    }
}
