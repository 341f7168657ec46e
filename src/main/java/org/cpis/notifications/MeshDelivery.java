package org.cpis.notifications;

import org.cpis.shared.OdsCode;

/**
 * The MESH channel's sender, provided by the mesh module (issue 18) and absent when MESH is not set up: an LA that
 * chose MESH delivery gets each new notification as an Access to Service Notification in its mailbox.
 */
public interface MeshDelivery {

    /** Whether the LA chose MESH delivery and has a registered mailbox. */
    boolean chosenBy(OdsCode localAuthority);

    /**
     * Hands the notification over for sending to the LA's mailbox; the same notification handed over twice is sent
     * once more at most.
     *
     * @return null when handed over, otherwise what went wrong (no personal data), to be retried
     */
    String deliver(Notification notification);
}
