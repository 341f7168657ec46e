package org.cpis.audit;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The audit trail's two keys, both kept outside the database. In production both come from the environment; the
 * embedded default generates them once into {@code keyDirectory} (its data folder) when they are not set.
 *
 * @param subjectKey base64 key (at least 32 bytes) for the NHS-number hash (CPIS_AUDIT_SUBJECT_KEY)
 * @param chainKey base64 key (at least 32 bytes) for the HMAC chain over the entries (CPIS_AUDIT_CHAIN_KEY)
 * @param keyDirectory where generated keys and the last verified head are kept; none means keys must be set
 */
@ConfigurationProperties("cpis.audit")
record AuditProperties(String subjectKey, String chainKey, Path keyDirectory) {}
