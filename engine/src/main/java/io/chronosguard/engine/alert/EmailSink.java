package io.chronosguard.engine.alert;

import io.chronosguard.config.AlertSettings;
import io.chronosguard.config.Secret;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Date;
import java.util.Optional;
import java.util.Properties;

/**
 * Sends each alert as a plain-text e-mail over SMTP (Jakarta Mail). STARTTLS is required by
 * default: a server that does not offer it gets nothing, not even the login, rather than
 * alerts (which name hosts and paths) and the password in the clear. The password comes from
 * the environment or a file (see {@link AlertSettings.Email}) and never appears in messages.
 */
public final class EmailSink implements AlertSink {
    private final AlertSettings.Email cfg;
    private final Optional<Secret> password;
    private final Duration timeout;

    public EmailSink(AlertSettings.Email cfg, Optional<Secret> password, Duration timeout) {
        if (cfg.user().isPresent() && password.isEmpty()) {
            throw new IllegalArgumentException("alerts.email.user is set but no SMTP password was given");
        }
        this.cfg = cfg;
        this.password = password;
        this.timeout = timeout;
    }

    @Override
    public String name() {
        return "e-mail via " + cfg.smtpHost() + ":" + cfg.smtpPort();
    }

    /** The session's properties: exposed so a test can check that STARTTLS is demanded. */
    Properties properties() {
        Properties p = new Properties();
        p.put("mail.smtp.host", cfg.smtpHost());
        p.put("mail.smtp.port", String.valueOf(cfg.smtpPort()));
        p.put("mail.smtp.starttls.enable", String.valueOf(cfg.starttls()));
        p.put("mail.smtp.starttls.required", String.valueOf(cfg.starttls()));
        p.put("mail.smtp.ssl.checkserveridentity", "true");
        p.put("mail.smtp.auth", String.valueOf(cfg.user().isPresent()));
        String ms = String.valueOf(timeout.toMillis());
        p.put("mail.smtp.connectiontimeout", ms);
        p.put("mail.smtp.timeout", ms);
        p.put("mail.smtp.writetimeout", ms);
        return p;
    }

    static String subject(Alert a) {
        return "[ChronosGuard] " + a.kind().label() + ": " + a.subject();
    }

    static String text(Alert a) {
        return a.subject() + "\n\n" + a.details() + "\n\nkind: " + a.kind() + "\ntime: " + a.time() + "\nnode: "
                + a.node() + (a.job() != null ? "\njob: " + a.job() : "") + "\n\n-- ChronosGuard\n";
    }

    @Override
    public void deliver(Alert alert) throws IOException {
        Session session = Session.getInstance(properties());
        try {
            MimeMessage m = new MimeMessage(session);
            m.setFrom(new InternetAddress(cfg.from()));
            for (String to : cfg.to()) {
                m.addRecipient(Message.RecipientType.TO, new InternetAddress(to));
            }
            m.setSubject(subject(alert), StandardCharsets.UTF_8.name());
            m.setSentDate(Date.from(alert.time()));
            m.setText(text(alert), StandardCharsets.UTF_8.name());
            if (cfg.user().isPresent()) {
                char[] pw = password.orElseThrow().reveal();
                try {
                    Transport.send(m, cfg.user().get(), new String(pw));
                } finally {
                    java.util.Arrays.fill(pw, '\0');
                }
            } else {
                Transport.send(m);
            }
        } catch (MessagingException e) {
            throw new IOException(name() + ": " + reason(e));
        }
    }

    /** The innermost message: "STARTTLS is required but host does not support STARTTLS", "Connection refused". */
    private static String reason(Throwable e) {
        Throwable c = e;
        while (c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
        }
        String m = c.getMessage() != null ? c.getMessage() : c.getClass().getSimpleName();
        return e == c || e.getMessage() == null ? m : e.getMessage().strip() + (m.equals(e.getMessage()) ? "" : ": " + m);
    }
}
