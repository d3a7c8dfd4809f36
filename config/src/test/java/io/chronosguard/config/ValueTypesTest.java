package io.chronosguard.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ValueTypesTest {
    private static final Machine MACHINE = new Machine(Path.of("/home/ada"), 2);

    @Test
    void wholeNumber_notANumber_saysSo() {
        ValueType<Integer> port = ValueTypes.wholeNumber(1, 65535, "must be a port number 1..65535");

        assertEquals("must be a whole number", message(port, "80a"));
        assertEquals("must be a whole number", message(port, "8.0"));
        assertEquals("must be a port number 1..65535", message(port, "65536"));
        assertEquals(443, port.parse(" 443 ", MACHINE));
    }

    @Test
    void atLeast_outOfRange_namesTheBound() {
        ValueType<Integer> workers = ValueTypes.atLeast(1);

        assertEquals("must be at least 1", message(workers, "0"));
        assertEquals("must be at most 2147483647", message(workers, "2147483648"));
        assertEquals("must be at least 1", workers.violation(0));
    }

    @Test
    void oneOf_unknownName_listsChoicesInLowerCase() {
        ValueType<Compression> type = ValueTypes.oneOf(Compression.class);

        assertEquals("must be one of auto, off, max", message(type, "zstd"));
        assertEquals(Compression.OFF, type.parse("Off", MACHINE));
    }

    @Test
    void path_tildeForms_expandedOrRefused() {
        assertEquals(Path.of("/home/ada/x/y"), ValueTypes.PATH.parse("~/x/y", MACHINE));
        assertEquals(Path.of("/home/ada"), ValueTypes.PATH.parse("~/", MACHINE));
        assertEquals(Path.of("rel/x"), ValueTypes.PATH.parse("rel/x", MACHINE));
        assertEquals("only a leading ~/ is expanded; write ~user paths in full", message(ValueTypes.PATH, "~bob"));
        assertEquals("must not be empty", message(ValueTypes.PATH, " "));
        assertEquals("is not a valid path: Nul character not allowed", message(ValueTypes.PATH, "a\0b"));
    }

    @Test
    void boolean_wordsForYesAndNo_accepted() {
        assertEquals(true, ValueTypes.BOOLEAN.parse("on", MACHINE));
        assertEquals(false, ValueTypes.BOOLEAN.parse("NO", MACHINE));
        assertEquals("must be true or false", message(ValueTypes.BOOLEAN, "1"));
    }

    @Test
    void jdbcUrl_withoutSubprotocol_refused() {
        assertEquals("jdbc:sqlite:/x.db", ValueTypes.JDBC_URL.parse("jdbc:sqlite:/x.db", MACHINE));
        assertThrows(InvalidValue.class, () -> ValueTypes.JDBC_URL.parse("jdbc:", MACHINE));
    }

    @Test
    void jdbcUrl_shown_blanksPasswords() {
        assertEquals("jdbc:postgresql://h/db?user=u&password=***&ssl=true",
                ValueTypes.JDBC_URL.shown("jdbc:postgresql://h/db?user=u&password=pw&ssl=true"));
        assertEquals("postgres://ada:***@h/db", ValueTypes.JDBC_URL.shown("postgres://ada:pw@h/db"));
        assertEquals("jdbc:sqlite:/x.db", ValueTypes.JDBC_URL.shown("jdbc:sqlite:/x.db"));
    }

    @Test
    void host_withSpace_refused() {
        assertEquals("must be a host name or IP address, without spaces", message(ValueTypes.HOST, "my host"));
    }

    private static String message(ValueType<?> type, String raw) {
        return assertThrows(InvalidValue.class, () -> type.parse(raw, MACHINE)).getMessage();
    }
}
