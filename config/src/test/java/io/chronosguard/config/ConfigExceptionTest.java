package io.chronosguard.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConfigExceptionTest {

    @Test
    void getMessage_oneProblem_singularHeader() {
        ConfigException e = new ConfigException(
                List.of(new Problem("workers", "0", "flag --workers", "must be at least 1")));

        assertEquals("1 configuration problem:\n  workers = \"0\" (from flag --workers): must be at least 1",
                e.getMessage());
    }

    @Test
    void problems_callerChangesList_exceptionUnchanged() {
        List<Problem> list = new ArrayList<>(List.of(new Problem(null, null, "config file x", "does not exist")));
        ConfigException e = new ConfigException(list);

        list.clear();

        assertEquals(1, e.problems().size());
    }

    @Test
    void constructor_noProblems_throws() {
        assertThrows(IllegalArgumentException.class, () -> new ConfigException(List.of()));
    }
}
