package org.cpis.identity;

/** Published when the built-in issuer grants an API client a token, for the audit trail (a security event). */
public record TokenIssued(String clientId, String role, String organisation) {}
