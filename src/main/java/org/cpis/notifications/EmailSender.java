package org.cpis.notifications;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.cpis.organisations.LocalAuthority;
import org.cpis.organisations.Organisations;
import org.cpis.shared.OdsCode;
import org.cpis.shared.PlanType;
import org.cpis.shared.web.ViewFormat;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/** The backup to the duty &amp; advice team: that something is waiting and where — no name, no NHS number. */
@Component
class EmailSender {

    private final ObjectProvider<JavaMailSender> mail;
    private final Organisations organisations;
    private final NotificationsProperties properties;

    EmailSender(ObjectProvider<JavaMailSender> mail, Organisations organisations, NotificationsProperties properties) {
        this.mail = mail;
        this.organisations = organisations;
        this.properties = properties;
    }

    /** Where no SMTP server is configured (the embedded default) no e-mail is queued: it could never go. */
    boolean configured() {
        return mail.getIfAvailable() != null;
    }

    /**
     * @param escalation the notification has been left unreviewed too long: the duty team is told so
     * @return null when sent, otherwise what went wrong (no personal data)
     */
    String send(Notification n, boolean escalation) {
        JavaMailSender sender = mail.getIfAvailable();
        if (sender == null) {
            return "no SMTP server configured";
        }
        String reference = n.localIds() == null ? "no local reference" : "local reference " + n.localIds();
        String subject = escalation
                ? "CP-IS: ESCALATED - notification still unreviewed (" + reference + ")"
                : "CP-IS: unscheduled care access notification waiting (" + reference + ")";
        return send(sender, n.localAuthority(), subject, text(n, reference, escalation));
    }

    /**
     * An inactive NHS number notice (issue 18): the local reference, the numbers masked (last three digits only),
     * and a link to the LA's page of such notices.
     *
     * @return null when sent, otherwise what went wrong (no personal data)
     */
    String send(InactiveNumberNotice n) {
        JavaMailSender sender = mail.getIfAvailable();
        if (sender == null) {
            return "no SMTP server configured";
        }
        String reference =
                n.localIds().isEmpty() ? "no local reference" : "local reference " + String.join(",", n.localIds());
        String what = n.status() == InactiveNumberNotice.Status.SUPERSEDED ? "superseded" : "no longer active";
        return send(
                sender,
                n.localAuthority(),
                "CP-IS: an NHS number you hold is " + what + " (" + reference + ")",
                InactiveNoticeEmail.text(n, reference, what, properties.publicUrl()));
    }

    private String send(JavaMailSender sender, OdsCode authority, String subject, String text) {
        LocalAuthority la = organisations.localAuthority(authority).orElse(null);
        if (la == null || la.dutyTeamEmail() == null) {
            return "no duty team mailbox";
        }
        try {
            MimeMessage message = sender.createMimeMessage();
            MimeMessageHelper helper = new MimeMessageHelper(message, "UTF-8");
            helper.setFrom(properties.mailFrom());
            helper.setTo(la.dutyTeamEmail());
            helper.setSubject(subject);
            helper.setText(text);
            sender.send(message);
            return null;
        } catch (MessagingException | MailException e) {
            return e.getClass().getSimpleName();
        }
    }

    /** Times in England's time (GMT or BST, as the page shows them); the link is the hub's public address. */
    private String text(Notification n, String reference, boolean escalation) {
        String base = properties.publicUrl().toString().replaceAll("/+$", "");
        return String.join(
                "\n",
                escalation
                        ? "A CP-IS notification for your authority has been left unreviewed since "
                                + ViewFormat.dateTime(n.createdAt()) + " and is now escalated to the duty team."
                        : "A CP-IS notification is waiting for your authority.",
                "",
                "Child: " + reference,
                "Plan: " + plans(n.planTypes()),
                "Attended: " + n.organisationName() + " (" + n.organisation().value() + ")",
                "When: " + ViewFormat.dateTime(n.firstAccessedAt()),
                "",
                "Review it in CP-IS: " + base + "/notifications/" + n.id(),
                "",
                "This e-mail is the backup of the notification and deliberately carries no name or NHS number.");
    }

    private static String plans(String codes) {
        if (codes == null || codes.isBlank()) {
            return "";
        }
        return Arrays.stream(codes.split(","))
                .map(String::strip)
                .map(c -> ViewFormat.codeName(c, PlanType.class, PlanType::displayName))
                .collect(Collectors.joining(", "));
    }
}
