package org.cpis.audit;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param subjectKey base64 key (at least 32 bytes) for the NHS-number hash; from the environment
 *     (CPIS_AUDIT_SUBJECT_KEY) in production. Without it the embedded default keeps a generated key in its database.
 */
@ConfigurationProperties("cpis.audit")
record AuditProperties(String subjectKey) {}
