package io.chronosguard.engine.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import io.chronosguard.config.AlertSettings;
import io.chronosguard.config.Secret;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class EmailSinkTest {
    @RegisterExtension
    static final GreenMailExtension MAIL = new GreenMailExtension(
            new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());

    private static final Alert ALERT = new Alert(Alert.Kind.JOB_FAILED, "backup of /srv failed",
            "no repository at /repo", Instant.parse("2026-03-10T14:00:00Z"), "node-1", "run 4");

    private static AlertSettings.Email email(boolean starttls, Optional<String> user) {
        return new AlertSettings.Email("127.0.0.1", MAIL.getSmtp().getPort(), starttls, "cg@example.org",
                List.of("ops@example.org", "oncall@example.org"), user, Optional.empty(), Optional.empty());
    }

    @Test
    void deliver_plainSmtp_everyRecipientGetsSubjectAndDetails() throws Exception {
        new EmailSink(email(false, Optional.empty()), Optional.empty(), Duration.ofSeconds(10)).deliver(ALERT);

        MimeMessage[] got = MAIL.getReceivedMessages();
        assertEquals(2, got.length);
        assertEquals("[ChronosGuard] job failed: backup of /srv failed", got[0].getSubject());
        assertEquals("cg@example.org", got[0].getFrom()[0].toString());
        String body = ((String) got[0].getContent());
        assertTrue(body.contains("no repository at /repo"), body);
        assertTrue(body.contains("node: node-1"), body);
    }

    @Test
    void deliver_withLogin_authenticatesWithThePassword() throws Exception {
        MAIL.setUser("cg@example.org", "alerts", "s3cret-pw");

        new EmailSink(email(false, Optional.of("alerts")), Optional.of(Secret.of("s3cret-pw")),
                Duration.ofSeconds(10)).deliver(ALERT);

        assertEquals(2, MAIL.getReceivedMessages().length);
    }

    @Test
    void deliver_wrongPassword_failsWithoutShowingIt() {
        MAIL.setUser("cg@example.org", "alerts", "right");
        MAIL.getManagers().getUserManager().setAuthRequired(true);

        IOException e = assertThrows(IOException.class, () -> new EmailSink(email(false, Optional.of("alerts")),
                Optional.of(Secret.of("wrong-pw")), Duration.ofSeconds(10)).deliver(ALERT));

        assertTrue(!e.getMessage().contains("wrong-pw"), e.getMessage());
        assertEquals(0, MAIL.getReceivedMessages().length);
    }

    /** GreenMail's SMTP offers no STARTTLS: with STARTTLS required, nothing may go out in the clear. */
    @Test
    void deliver_starttlsRequiredButNotOffered_refusesToSend() {
        IOException e = assertThrows(IOException.class, () -> new EmailSink(email(true, Optional.empty()),
                Optional.empty(), Duration.ofSeconds(10)).deliver(ALERT));

        assertTrue(e.getMessage().contains("STARTTLS"), e.getMessage());
        assertEquals(0, MAIL.getReceivedMessages().length);
    }

    @Test
    void properties_starttlsOn_enabledAndRequired() {
        EmailSink s = new EmailSink(email(true, Optional.empty()), Optional.empty(), Duration.ofSeconds(10));

        assertEquals("true", s.properties().get("mail.smtp.starttls.enable"));
        assertEquals("true", s.properties().get("mail.smtp.starttls.required"));
    }
}
