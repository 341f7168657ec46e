package org.cpis.mesh;

import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.cpis.mesh.Hl7UploadFile.Hl7Record;
import org.cpis.shared.OdsCode;
import org.cpis.uploads.Rejection;
import org.cpis.uploads.RejectionReason;
import org.cpis.uploads.UploadStatus;

/**
 * Writes the LA Acknowledgement Response, REPC_MT000003GB01 (docs/interfaces.md "HL7 v3 over MESH"): the file's
 * CPF code and, per rejected record, a CPR code, the cpis reason as qualifier, the record's location and its
 * identifiers. Element names below {@code FileResponse} follow the fact sheet; some are inferred (docs/decisions.md).
 */
final class Hl7Acknowledgement {

    static final String SEQUENCE_ROOT = "2.16.840.1.113883.2.1.3.2.4.18.46";
    static final String FILE_RESPONSE_CODES = "2.16.840.1.113883.2.1.3.2.4.17.474";
    static final String RECORD_RESPONSE_CODES = "2.16.840.1.113883.2.1.3.2.4.17.473";
    static final String ODS_ROOT = "2.16.840.1.113883.2.1.3.2.4.19.1";
    /** cpis's own rejection reasons as the CPR07 qualifier: the national detail vocabulary is not published. */
    static final String CPIS_REASON_CODES = "urn:cpis:upload-rejection-reason";

    static final DateTimeFormatter TS =
            DateTimeFormatter.ofPattern("yyyyMMddHHmmssZ").withZone(ZoneOffset.UTC);

    private Hl7Acknowledgement() {}

    /** What the hub answers: the file's outcome and, for each rejected record, where it was and why. */
    record Answer(
            OdsCode localAuthority,
            Long sequence,
            UploadStatus status,
            int processed,
            List<Hl7Record> records,
            List<Rejection> rejections,
            Instant at) {}

    static String fileCode(UploadStatus status) {
        return switch (status) {
            case MALFORMED -> "CPF01";
            case ALL_LOADED -> "CPF02";
            case PARTIALLY_LOADED -> "CPF03";
            case NONE_LOADED -> "CPF04";
        };
    }

    /** The national code for a rejection: an NHS number that is not one is CPR04; every other rejection CPR07. */
    static String recordCode(RejectionReason reason) {
        return reason == RejectionReason.INVALID_NHS_NUMBER ? "CPR04" : "CPR07";
    }

    /** The HL7 acknowledgement type of the file (values of CP-ISAcknowledgementType not published; HL7's own used). */
    static String typeCode(UploadStatus status) {
        return switch (status) {
            case ALL_LOADED -> "AA";
            case PARTIALLY_LOADED, NONE_LOADED -> "AE";
            case MALFORMED -> "AR";
        };
    }

    static byte[] write(Answer answer) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            XMLStreamWriter xml = Hl7Xml.OUTPUT.createXMLStreamWriter(bytes, "UTF-8");
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeStartElement("FileResponse");
            xml.writeDefaultNamespace(Hl7Xml.NS);
            fileOutcome(xml, answer);
            xml.writeStartElement("failedReturnedCP-ISRecords");
            for (Rejection rejection : answer.rejections()) {
                rejected(xml, rejection, answer.records());
            }
            xml.writeEndElement();
            xml.writeEndElement();
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("acknowledgement could not be written", e);
        }
        return bytes.toByteArray();
    }

    /** When, which upload (-1 when its sequence could not be read), how many records, the CPF code and the LA. */
    private static void fileOutcome(XMLStreamWriter xml, Answer answer) throws XMLStreamException {
        empty(xml, "creationTime", "value", TS.format(answer.at()));
        empty(
                xml,
                "id",
                "root",
                SEQUENCE_ROOT,
                "extension",
                answer.sequence() == null ? "-1" : answer.sequence().toString());
        empty(xml, "transmissionQuantity", "value", Integer.toString(answer.processed()));
        xml.writeStartElement("acknowledgementFile");
        xml.writeAttribute("typeCode", typeCode(answer.status()));
        String file = fileCode(answer.status());
        empty(
                xml,
                "acknowledgementFileDetail",
                "code",
                file,
                "codeSystem",
                FILE_RESPONSE_CODES,
                "displayName",
                fileDisplay(file));
        xml.writeEndElement();
        xml.writeStartElement("communicationFunctionRcv");
        xml.writeAttribute("typeCode", "RCV");
        xml.writeStartElement("organisation");
        empty(xml, "id", "root", ODS_ROOT, "extension", answer.localAuthority().value());
        xml.writeEndElement();
        xml.writeEndElement();
    }

    /** Line n + 1 of the CSV the records became is record n (Hl7UploadCsv). */
    private static void rejected(XMLStreamWriter xml, Rejection rejection, List<Hl7Record> records)
            throws XMLStreamException {
        int index = rejection.line() - 2;
        Hl7Record record = index >= 0 && index < records.size() ? records.get(index) : null;
        String code = recordCode(rejection.reason());
        xml.writeStartElement("message");
        xml.writeStartElement("InvalidCP-ISRecord");
        xml.writeStartElement("acknowledgementRecord");
        xml.writeAttribute("typeCode", "AE");
        xml.writeStartElement("acknowledgementRecordDetail");
        xml.writeAttribute("code", code);
        xml.writeAttribute("codeSystem", RECORD_RESPONSE_CODES);
        xml.writeAttribute("displayName", recordDisplay(code));
        empty(xml, "qualifier", "code", rejection.reason().name(), "codeSystem", CPIS_REASON_CODES);
        xml.writeStartElement("location");
        xml.writeCharacters("/File/record[" + (index + 1) + "]"
                + (rejection.column() == null ? "" : " (" + rejection.column() + ")"));
        xml.writeEndElement();
        xml.writeEndElement();
        xml.writeEndElement();
        if (record != null) {
            identifiers(xml, record);
        }
        xml.writeEndElement();
        xml.writeEndElement();
    }

    /** The record's identifiers as the LA sent them, so its case system can find it; no names or dates. */
    private static void identifiers(XMLStreamWriter xml, Hl7Record record) throws XMLStreamException {
        xml.writeStartElement("subject");
        xml.writeStartElement(record.subject() == null ? Hl7UploadReader.CHILD : record.subject());
        if (record.nhsNumber() != null) {
            empty(xml, "id", "root", Hl7UploadReader.NHS_NUMBER_ROOT, "extension", record.nhsNumber());
        }
        if (record.localId() != null) {
            empty(xml, "id", "root", Hl7UploadReader.LOCAL_ID_ROOT, "extension", record.localId());
        }
        xml.writeEndElement();
        xml.writeEndElement();
        if (record.template() != null) {
            xml.writeStartElement("pertinentInformation");
            xml.writeEmptyElement(record.template());
            xml.writeEndElement();
        }
    }

    static void empty(XMLStreamWriter xml, String element, String... attributes) throws XMLStreamException {
        xml.writeEmptyElement(element);
        for (int i = 0; i < attributes.length; i += 2) {
            xml.writeAttribute(attributes[i], attributes[i + 1]);
        }
    }

    private static String fileDisplay(String code) {
        return switch (code) {
            case "CPF01" -> "File level error";
            case "CPF02" -> "All records uploaded";
            case "CPF03" -> "Partial upload: valid records loaded, invalid records rejected";
            default -> "No records uploaded";
        };
    }

    private static String recordDisplay(String code) {
        return "CPR04".equals(code) ? "NHS number format incorrect" : "Unsuccessful record upload";
    }
}
