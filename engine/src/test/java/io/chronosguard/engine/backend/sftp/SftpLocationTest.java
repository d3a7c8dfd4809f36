package io.chronosguard.engine.backend.sftp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The location forms restic 0.14's sftp ParseConfig accepts, read the same way. */
class SftpLocationTest {

    @Test
    void parse_shortAbsolute_userHostPath() {
        assertEquals(new SftpLocation("user", "host", 0, "/srv/repo"), SftpLocation.parse("sftp:user@host:/srv/repo"));
    }

    @Test
    void parse_shortRelativeWithoutUser_keepsItRelativeAndCleaned() {
        assertEquals(new SftpLocation(null, "host", 0, "a/c"), SftpLocation.parse("sftp:host:a/./b/../c/"));
        assertEquals(new SftpLocation(null, "host", 0, "."), SftpLocation.parse("sftp:host:"));
    }

    @Test
    void parse_urlWithPort_doubleSlashIsAbsoluteSingleIsRelative() {
        assertEquals(new SftpLocation("u", "h", 2222, "/abs/repo"), SftpLocation.parse("sftp://u@h:2222//abs/repo"));
        assertEquals(new SftpLocation("u", "h", 0, "rel/repo"), SftpLocation.parse("sftp://u@h/rel/repo"));
    }

    @Test
    void parse_tildePathOrNoPath_refusedNamingTheLocation() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SftpLocation.parse("sftp:host:~/repo"));
        assertTrue(e.getMessage().contains("sftp:host:~/repo") && e.getMessage().contains("~"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SftpLocation.parse("sftp:hostonly"));
        assertThrows(IllegalArgumentException.class, () -> SftpLocation.parse("sftp://u@h"));
        assertThrows(IllegalArgumentException.class, () -> SftpLocation.parse("sftp:@:/x"));
    }

    @Test
    void display_roundTripsThroughParse() {
        for (String s : new String[] {"sftp:u@h:/srv/r", "sftp:h:rel", "sftp://u@h:2222//abs", "sftp://h:22/rel"}) {
            SftpLocation l = SftpLocation.parse(s);
            assertEquals(l, SftpLocation.parse(l.display()), s);
        }
    }
}
