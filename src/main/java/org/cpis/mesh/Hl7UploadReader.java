package org.cpis.mesh;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.cpis.mesh.Hl7UploadFile.Hl7Record;

/**
 * Reads an LA upload, REPC_MT000002GB01 (docs/interfaces.md "HL7 v3 over MESH"; element names from the fact sheet,
 * some inferred), with StAX. Only the elements cpis needs are read; others are skipped. A file that is not
 * well-formed XML, has a DTD, is not a {@code File} in the HL7 namespace, has no readable sequence, no records, more
 * records than allowed or a record count that differs from {@code transmissionQuantity}, is unreadable (CPF01).
 */
final class Hl7UploadReader {

    static final String NHS_NUMBER_ROOT = "2.16.840.1.113883.2.1.4.1";
    static final String LOCAL_ID_ROOT = "2.16.840.1.113883.2.1.3.2.4.18.24";
    static final String CHILD = "COCT_TP145101GB01.Child";
    static final String UNBORN = "COCT_TP145100GB01.UnbornChild";
    static final String LAC = "COCT_TP146100GB01.LACInformation";
    static final String CPP = "COCT_TP146101GB01.CPPInformation";
    static final String UCP = "COCT_TP146102GB01.UCPInformation";

    private final int maxRecords;
    private final Deque<String> path = new ArrayDeque<>();
    private final List<Hl7Record> records = new ArrayList<>();
    private RecordBuilder current;
    private Long sequence;
    private String declaredCount;

    private Hl7UploadReader(int maxRecords) {
        this.maxRecords = maxRecords;
    }

    static Hl7UploadFile read(byte[] body, int maxRecords) {
        return new Hl7UploadReader(maxRecords).read(body);
    }

    private Hl7UploadFile read(byte[] body) {
        XMLStreamReader xml = null;
        try {
            xml = Hl7Xml.reader(body);
            String problem = walk(xml);
            if (problem == null) {
                problem = checkTotals();
            }
            return problem == null
                    ? new Hl7UploadFile(sequence, null, List.copyOf(records))
                    : Hl7UploadFile.unreadable(sequence, problem);
        } catch (XMLStreamException | RuntimeException e) {
            // Not well-formed, or over the parser's limits; the parser's message may quote the file, so it is not kept.
            return Hl7UploadFile.unreadable(
                    sequence, "not well-formed XML (" + e.getClass().getSimpleName() + ")");
        } finally {
            close(xml);
        }
    }

    private String walk(XMLStreamReader xml) throws XMLStreamException {
        while (xml.hasNext()) {
            int event = xml.next();
            if (event == XMLStreamConstants.DTD || event == XMLStreamConstants.ENTITY_REFERENCE) {
                return "DTDs and entities are not accepted";
            } else if (event == XMLStreamConstants.START_ELEMENT) {
                String problem = start(xml);
                if (problem != null) {
                    return problem;
                }
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                end();
            }
        }
        return null;
    }

    private String start(XMLStreamReader xml) throws XMLStreamException {
        String name = xml.getLocalName();
        String parent = path.peek();
        path.push(name);
        int depth = path.size();
        if (depth == 1) {
            return "File".equals(name) && Hl7Xml.NS.equals(xml.getNamespaceURI())
                    ? null
                    : "the root element is not an HL7 v3 File";
        }
        if (depth == 2 && "id".equals(name)) {
            sequence = sequence(xml.getAttributeValue(null, "extension"));
        } else if (depth == 2 && "transmissionQuantity".equals(name)) {
            declaredCount = xml.getAttributeValue(null, "value");
        } else if (depth == 3 && "CP-ISRecord".equals(name) && "record".equals(parent)) {
            if (records.size() >= maxRecords) {
                return "more than " + maxRecords + " records";
            }
            current = new RecordBuilder();
        } else if (current != null) {
            inRecord(xml, name, parent);
        }
        return null;
    }

    private void end() {
        String name = path.pop();
        if (path.size() == 2 && "CP-ISRecord".equals(name) && current != null) {
            records.add(current.build());
            current = null;
        }
    }

    private void inRecord(XMLStreamReader xml, String name, String parent) throws XMLStreamException {
        switch (name) {
            case CHILD, UNBORN -> current.subject(name);
            case LAC, CPP, UCP -> current.template(name);
            case "id" -> {
                if (CHILD.equals(parent) || "playedMother".equals(parent)) {
                    current.id(xml.getAttributeValue(null, "root"), xml.getAttributeValue(null, "extension"));
                }
            }
            case "given", "family" -> {
                if (inPerson()) {
                    String text = xml.getElementText(); // consumes the end tag
                    path.pop();
                    current.name(name, text);
                }
            }
            case "birthTime" -> {
                if ("childPerson".equals(parent) || "parentMotherPerson".equals(parent)) {
                    current.birthTime = xml.getAttributeValue(null, "value");
                }
            }
            case "value" -> current.date(parent, xml.getAttributeValue(null, "value"));
            default -> {}
        }
    }

    private boolean inPerson() {
        return path.contains("childPerson") || path.contains("parentMotherPerson");
    }

    private String checkTotals() {
        if (sequence == null) {
            return "the file's id/@extension (upload sequence) is missing or not a positive number";
        }
        if (records.isEmpty()) {
            return "the file has no records";
        }
        if (declaredCount == null || !declaredCount.strip().equals(Integer.toString(records.size()))) {
            return "transmissionQuantity does not match the number of records";
        }
        return null;
    }

    private static Long sequence(String extension) {
        if (extension == null || !extension.strip().matches("[0-9]{1,18}")) {
            return null;
        }
        long value = Long.parseLong(extension.strip());
        return value > 0 ? value : null;
    }

    private static void close(XMLStreamReader xml) {
        if (xml != null) {
            try {
                xml.close();
            } catch (XMLStreamException ignored) {
                // nothing held open beyond the byte array
            }
        }
    }

    /** A record while it is read; two subjects or two templates make it a problem record. */
    private static final class RecordBuilder {
        private String subject;
        private String nhsNumber;
        private String localId;
        private String family;
        private String given;
        private String birthTime;
        private String template;
        private String start;
        private String end;
        private String delete;
        private String expectedDelivery;
        private int problems;

        void subject(String name) {
            problems += subject == null ? 0 : 1;
            subject = name;
        }

        void template(String name) {
            problems += template == null ? 0 : 1;
            template = name;
        }

        /** An id without a root is taken in the order of the specification: NHS number first, then local id. */
        void id(String root, String extension) {
            boolean nhs = NHS_NUMBER_ROOT.equals(root) || (root == null && nhsNumber == null);
            if (nhs) {
                problems += nhsNumber == null ? 0 : 1;
                nhsNumber = extension;
            } else if (LOCAL_ID_ROOT.equals(root) || root == null) {
                localId = extension;
            }
        }

        void name(String part, String text) {
            String value = text.strip();
            if ("family".equals(part)) {
                family = family == null ? value : family + " " + value;
            } else {
                given = given == null ? value : given + " " + value;
            }
        }

        void date(String parent, String value) {
            String kind = parent == null ? "" : parent.toLowerCase(Locale.ROOT);
            if (kind.endsWith("startdate")) {
                start = value;
            } else if (kind.endsWith("enddate")) {
                end = value;
            } else if (kind.endsWith("deletedate")) {
                delete = value;
            } else if (kind.contains("expecteddelivery") || kind.endsWith("deliverydate")) {
                expectedDelivery = value;
            }
        }

        Hl7Record build() {
            boolean fits = subject == null || template == null || UNBORN.equals(subject) == UCP.equals(template);
            return new Hl7Record(
                    subject,
                    nhsNumber,
                    localId,
                    family,
                    given,
                    birthTime,
                    template,
                    start,
                    end,
                    delete,
                    expectedDelivery,
                    problems + (fits ? 0 : 1));
        }
    }
}
