package org.cpis.mesh;

import java.io.ByteArrayInputStream;
import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/** StAX set up against XML attacks: no DTDs, no external entities, no entity expansion, bounded sizes. */
final class Hl7Xml {

    static final String NS = "urn:hl7-org:v3";

    private static final XMLInputFactory INPUT = inputFactory();
    static final XMLOutputFactory OUTPUT = XMLOutputFactory.newFactory();

    private Hl7Xml() {}

    private static XMLInputFactory inputFactory() {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        factory.setProperty(XMLInputFactory.IS_COALESCING, true);
        factory.setXMLResolver((publicId, systemId, base, ns) -> {
            throw new XMLStreamException("external resources are not read");
        });
        trySet(factory, XMLConstants.ACCESS_EXTERNAL_DTD, "");
        trySet(factory, XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        // The JDK parser's own limits, lower than its defaults: an upload's elements are few levels deep.
        trySet(factory, "jdk.xml.maxElementDepth", 64);
        trySet(factory, "jdk.xml.elementAttributeLimit", 50);
        return factory;
    }

    private static void trySet(XMLInputFactory factory, String name, Object value) {
        if (factory.isPropertySupported(name)) {
            factory.setProperty(name, value);
        }
    }

    static XMLStreamReader reader(byte[] body) throws XMLStreamException {
        return INPUT.createXMLStreamReader(new ByteArrayInputStream(body));
    }
}
