package io.windshift.notification.delivery.internal;

import io.windshift.notification.audience.Audience;
import io.windshift.notification.audience.KnownPerson;
import io.windshift.notification.delivery.MessageText.OutboundMessage;
import io.windshift.notification.delivery.OutboundChannel;
import jakarta.mail.internet.MimeMessage;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/** Email over SMTP (Spring Mail; host and port from {@code SPRING_MAIL_HOST} / {@code SPRING_MAIL_PORT}). */
@Component
class EmailChannel implements OutboundChannel {

    private final JavaMailSender mail;
    private final Audience audience;
    private final String from;

    EmailChannel(JavaMailSender mail, Audience audience,
                 @Value("${windshift.notification.mail.from:windshift@localhost}") String from) {
        this.mail = mail;
        this.audience = audience;
        this.from = from;
    }

    @Override
    public String name() {
        return "EMAIL";
    }

    @Override
    public void send(OutboundMessage m) throws Exception {
        String to = audience.person(m.recipientId()).map(KnownPerson::email).filter(e -> !e.isBlank())
                .orElseThrow(() -> new NotYetAddressable("no email address known yet for " + m.recipientId()));
        MimeMessage message = mail.createMimeMessage();
        MimeMessageHelper helper = new MimeMessageHelper(message, "UTF-8");
        helper.setFrom(from);
        helper.setTo(to);
        helper.setSubject(m.subject());
        helper.setText(m.text());
        // Same notification and revision, same header: a mail filter can drop a resend after a crash.
        message.setHeader("X-Windshift-Notification-Id", m.id());
        mail.send(message);
    }
}
