package org.cpis.mesh;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** HL7 v3 LA upload files (REPC_MT000002GB01) for tests, in the element tree of docs/interfaces.md. */
final class Hl7Files {

    private Hl7Files() {}

    static byte[] file(long sequence, List<String> records) {
        return ("""
                <?xml version="1.0" encoding="UTF-8"?>
                <File xmlns="urn:hl7-org:v3">
                  <creationTime value="20261130090000+0000"/>
                  <id extension="%d"/>
                  <transmissionQuantity value="%d"/>
                  %s
                </File>
                """)
                .formatted(sequence, records.size(), String.join("\n", records))
                .getBytes(StandardCharsets.UTF_8);
    }

    static String cpp(String nhsNumber, String localId, String start) {
        return """
                <record><CP-ISRecord>
                  <subject><COCT_TP145101GB01.Child>
                    <id root="2.16.840.1.113883.2.1.4.1" extension="%s"/>
                    <id root="2.16.840.1.113883.2.1.3.2.4.18.24" extension="%s"/>
                    <childPerson><name><given>Test</given><family>Child</family></name><birthTime value="20170202"/></childPerson>
                  </COCT_TP145101GB01.Child></subject>
                  <pertinentInformation><COCT_TP146101GB01.CPPInformation>
                    <component><cPPStartDate><value value="%s"/></cPPStartDate></component>
                  </COCT_TP146101GB01.CPPInformation></pertinentInformation>
                </CP-ISRecord></record>""".formatted(nhsNumber, localId, start);
    }
}
