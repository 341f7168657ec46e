/**
 * Accountability (issue 12): the privacy officers' (Caldicott guardians') reports over the audit trail with their CSV
 * exports, the audit chain's integrity page, and the audit entries of security events and of personal-data reads.
 */
package org.cpis.accountability;
