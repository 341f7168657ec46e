package org.cpis.uploads;

import java.io.InputStream;
import org.cpis.shared.OdsCode;

/**
 * @param localAuthority taken from the caller's credentials, never from the file
 * @param sequence the caller's Upload-Sequence; null from the browser, where the next number is used
 */
public record UploadCommand(
        OdsCode localAuthority,
        Long sequence,
        String submittedBy,
        String submitterRole,
        Channel channel,
        InputStream body) {

    public enum Channel {
        API,
        WEB,
        /** An HL7 v3 upload file from the LA's MESH mailbox (docs/interfaces.md, "HL7 v3 over MESH"). */
        MESH
    }
}
