package org.cpis.mesh;

import java.util.List;

/**
 * An HL7 v3 LA upload (REPC_MT000002GB01) as read: its sequence and its records, or why it cannot be read.
 *
 * @param sequence the file's {@code id/@extension}, or null when it could not be read
 * @param problem why the file cannot be loaded (CPF01), or null
 */
record Hl7UploadFile(Long sequence, String problem, List<Hl7Record> records) {

    static Hl7UploadFile unreadable(Long sequence, String problem) {
        return new Hl7UploadFile(sequence, problem, List.of());
    }

    /**
     * One {@code record/CP-ISRecord}, its values as sent (dates still HL7 {@code yyyymmdd}); the uploads module's rules
     * judge them. For an unborn child the person is the mother, as in the CSV upload.
     *
     * @param template the plan template's element name, e.g. {@code COCT_TP146101GB01.CPPInformation}
     * @param subject the subject's element name ({@code COCT_TP145101GB01.Child} or
     *     {@code COCT_TP145100GB01.UnbornChild})
     */
    record Hl7Record(
            String subject,
            String nhsNumber,
            String localId,
            String family,
            String given,
            String birthTime,
            String template,
            String start,
            String end,
            String delete,
            String expectedDelivery,
            int problems) {}
}
