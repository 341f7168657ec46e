package org.cpis.notifications;

import java.net.URI;
import org.cpis.shared.web.ViewFormat;

/**
 * The duty mailbox's backup of an inactive NHS number notice: enough for the team to find the child in its own system
 * (the local reference, the last three digits of each number) and a link to the LA's page in the hub. No name, no full
 * NHS number, nothing clinical.
 */
final class InactiveNoticeEmail {

    /** The LA's own page of inactive NHS number notices. */
    static final String PAGE = "/inactive-nhs-numbers";

    private InactiveNoticeEmail() {}

    static String text(InactiveNumberNotice n, String reference, String what, URI publicUrl) {
        String base = publicUrl.toString().replaceAll("/+$", "");
        String replacement = n.newNhsNumber() == null ? "not known" : masked(n.newNhsNumber()) + " (in full in CP-IS)";
        return String.join(
                "\n",
                "An NHS number your authority uploaded to CP-IS is " + what + ".",
                "",
                "Child: " + reference,
                "NHS number: " + masked(n.nhsNumber()),
                "New NHS number: " + replacement,
                "Marked: " + ViewFormat.dateTime(n.markedAt()),
                "",
                "Update the child's record in your case system and upload it again under the right NHS number.",
                "See it in CP-IS: " + base + PAGE,
                "",
                "This e-mail is the backup of the notice and deliberately carries no name or full NHS number.");
    }

    /** As NhsNumber masks itself: only the last three digits. */
    static String masked(String nhsNumber) {
        return "*******" + nhsNumber.substring(nhsNumber.length() - 3);
    }
}
