package org.cpis.mesh;

import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.cpis.notifications.Notification;
import org.cpis.shared.OdsCode;

/**
 * Writes the two notifications CP-IS sends LAs: Access to Service (REPC_MT000004GB01) and Inactive NHS Number
 * (REPC_MT000005GB01). Their root elements, {@code id}, {@code effectiveTime} and parts are from the fact sheet; the
 * element names below them are not published and are cpis's choice (docs/decisions.md). Never clinical information:
 * who looked, where, when and how often, and the child as the LA knows them.
 */
final class Hl7Notifications {

    static final String ACCESS_KIND = "REPC_MT000004GB01";
    static final String INACTIVE_KIND = "REPC_MT000005GB01";

    private Hl7Notifications() {}

    /** One NHS number the LA holds that was found superseded or inactive, with the new number when known. */
    record InactiveNumber(String nhsNumber, String status, String newNhsNumber, List<String> localIds) {}

    static byte[] accessToService(Notification n, Instant now) {
        return write(xml -> {
            xml.writeStartElement("CP-ISAccessToServiceNotification");
            xml.writeDefaultNamespace(Hl7Xml.NS);
            header(xml, n.id(), now, n.localAuthority());
            xml.writeStartElement("pertinentInformation");
            Hl7Acknowledgement.empty(xml, "pertinentTotalReturnedRecords", "value", "1");
            xml.writeEndElement();
            xml.writeStartElement("pertinentInformation1");
            xml.writeStartElement("pertinentCP-ISNHSQuery");
            Hl7Acknowledgement.empty(xml, "effectiveTime", "value", Hl7Acknowledgement.TS.format(n.firstAccessedAt()));
            Hl7Acknowledgement.empty(xml, "lastAccessTime", "value", Hl7Acknowledgement.TS.format(n.lastAccessedAt()));
            Hl7Acknowledgement.empty(xml, "accessCount", "value", Integer.toString(n.accessCount()));
            author(xml, n);
            child(xml, n.nhsNumber(), split(n.localIds()));
            for (String plan : split(n.planTypes())) {
                Hl7Acknowledgement.empty(xml, "planType", "code", plan);
            }
            xml.writeEndElement();
            xml.writeEndElement();
            xml.writeEndElement();
        });
    }

    static byte[] inactiveNhsNumber(UUID id, OdsCode la, InactiveNumber number, Instant now) {
        return write(xml -> {
            xml.writeStartElement("CP-ISInactiveNHSNumberNotification");
            xml.writeDefaultNamespace(Hl7Xml.NS);
            header(xml, id, now, la);
            xml.writeStartElement("pertinentInformation");
            xml.writeStartElement("pertinentLAUploadFile");
            xml.writeStartElement("record");
            child(xml, number.nhsNumber(), number.localIds());
            Hl7Acknowledgement.empty(xml, "statusCode", "code", number.status());
            if (number.newNhsNumber() != null) {
                xml.writeStartElement("replacedBy");
                Hl7Acknowledgement.empty(
                        xml, "id", "root", Hl7UploadReader.NHS_NUMBER_ROOT, "extension", number.newNhsNumber());
                xml.writeEndElement();
            }
            xml.writeEndElement();
            xml.writeEndElement();
            xml.writeEndElement();
            xml.writeEndElement();
        });
    }

    private static void header(XMLStreamWriter xml, UUID id, Instant now, OdsCode la) throws XMLStreamException {
        Hl7Acknowledgement.empty(xml, "id", "root", id.toString().toUpperCase());
        Hl7Acknowledgement.empty(xml, "effectiveTime", "value", Hl7Acknowledgement.TS.format(now));
        xml.writeStartElement("primaryInformationRecipient");
        xml.writeStartElement("organisation");
        Hl7Acknowledgement.empty(xml, "id", "root", Hl7Acknowledgement.ODS_ROOT, "extension", la.value());
        xml.writeEndElement();
        xml.writeEndElement();
    }

    private static void author(XMLStreamWriter xml, Notification n) throws XMLStreamException {
        xml.writeStartElement("author");
        xml.writeStartElement("COCT_TP145102GB01.AssignedAuthor");
        Hl7Acknowledgement.empty(xml, "code", "displayName", nullToEmpty(n.accessedByRole()));
        xml.writeStartElement("assignedAuthorPerson");
        text(xml, "name", n.accessedByName());
        xml.writeEndElement();
        xml.writeStartElement("representedOrganization");
        Hl7Acknowledgement.empty(
                xml,
                "id",
                "root",
                Hl7Acknowledgement.ODS_ROOT,
                "extension",
                n.organisation().value());
        text(xml, "name", n.organisationName());
        xml.writeEndElement();
        xml.writeEndElement();
        xml.writeEndElement();
    }

    private static void child(XMLStreamWriter xml, String nhsNumber, List<String> localIds) throws XMLStreamException {
        xml.writeStartElement("subject");
        xml.writeStartElement(Hl7UploadReader.CHILD);
        Hl7Acknowledgement.empty(xml, "id", "root", Hl7UploadReader.NHS_NUMBER_ROOT, "extension", nhsNumber);
        for (String localId : localIds) {
            Hl7Acknowledgement.empty(xml, "id", "root", Hl7UploadReader.LOCAL_ID_ROOT, "extension", localId);
        }
        xml.writeEndElement();
        xml.writeEndElement();
    }

    private static void text(XMLStreamWriter xml, String element, String value) throws XMLStreamException {
        xml.writeStartElement(element);
        xml.writeCharacters(nullToEmpty(value));
        xml.writeEndElement();
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }

    private static List<String> split(String joined) {
        return joined == null || joined.isBlank() ? List.of() : List.of(joined.split(","));
    }

    private interface Body {
        void write(XMLStreamWriter xml) throws XMLStreamException;
    }

    private static byte[] write(Body body) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            XMLStreamWriter xml = Hl7Xml.OUTPUT.createXMLStreamWriter(bytes, "UTF-8");
            xml.writeStartDocument("UTF-8", "1.0");
            body.write(xml);
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("notification could not be written", e);
        }
        return bytes.toByteArray();
    }
}
