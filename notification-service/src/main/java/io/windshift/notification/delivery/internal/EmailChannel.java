package io.windshift.notification.delivery.internal;

import io.windshift.notification.audience.Audience;
import io.windshift.notification.audience.KnownPerson;
import io.windshift.notification.delivery.MessageText;
import io.windshift.notification.delivery.OutboundChannel;
import io.windshift.notification.inbox.Notification;
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
    private final String baseUrl;

    EmailChannel(JavaMailSender mail, Audience audience,
                 @Value("${windshift.notification.mail.from:windshift@localhost}") String from,
                 @Value("${windshift.notification.base-url:http://localhost:8080}") String baseUrl) {
        this.mail = mail;
        this.audience = audience;
        this.from = from;
        this.baseUrl = baseUrl;
    }

    @Override
    public String name() {
        return "EMAIL";
    }

    @Override
    public void send(Notification n) throws Exception {
        String to = audience.person(n.recipientId()).map(KnownPerson::email).filter(e -> !e.isBlank())
                .orElseThrow(() -> new Undeliverable("no email address known for " + n.recipientId()));
        MimeMessage message = mail.createMimeMessage();
        MimeMessageHelper helper = new MimeMessageHelper(message, "UTF-8");
        helper.setFrom(from);
        helper.setTo(to);
        helper.setSubject(MessageText.subject(n));
        helper.setText(MessageText.text(n, baseUrl));
        // Same notification and revision, same header: a mail filter can drop a resend after a crash.
        message.setHeader("X-Windshift-Notification-Id", n.id() + "/" + n.contentRevision());
        mail.send(message);
    }
}
