package org.cpis.audit;

import java.time.Instant;

/**
 * One check of the audit chain.
 *
 * @param checked how many sealed entries were recomputed
 * @param headId the last entry checked (null for an empty trail)
 * @param firstBrokenId the first entry whose chain hash does not match, or which should be there and is not; null
 *     when the chain holds
 * @param reason why it is broken ({@code HASH_MISMATCH}, {@code HEAD_MISSING}); null when it holds
 */
public record AuditVerification(Instant verifiedAt, long checked, Long headId, Long firstBrokenId, String reason) {

    public boolean intact() {
        return firstBrokenId == null;
    }
}
