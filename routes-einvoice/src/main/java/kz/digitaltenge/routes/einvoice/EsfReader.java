package kz.digitaltenge.routes.einvoice;

import kz.digitaltenge.canonical.ReasonCode;

import jakarta.xml.bind.JAXBContext;
import jakarta.xml.bind.JAXBException;
import jakarta.xml.bind.Unmarshaller;
import jakarta.xml.bind.ValidationEvent;
import java.io.IOException;
import java.io.StringReader;
import javax.xml.XMLConstants;
import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import javax.xml.stream.util.StreamReaderDelegate;
import kz.digitaltenge.canonical.SourceMessageRejected;
import kz.digitaltenge.routes.einvoice.esf.EsfNamespaces;
import kz.digitaltenge.routes.einvoice.esf.InvoiceContainer;

/**
 * Reads an invoice container from the bytes the IS sent, safely: the size is checked before anything is parsed,
 * the bytes must be in the encoding the document declares, a DOCTYPE is refused outright (so no entity is ever
 * declared, expanded or fetched — XXE and "billion laughs" both need one), nesting is bounded, and the parser is
 * the JDK's own StAX implementation with DTDs and external entities switched off in case a refusal is ever
 * bypassed. JAXB then unmarshals from that guarded stream. Every failure is a {@link SourceMessageRejected} with
 * the reason code and, where there is one, the line and column.
 *
 * <p>The container must hold exactly one v2 invoice: an invoice event is about one invoice.
 *
 * <p>Thread-safe: the JAXB context is shared, everything else is created per document.
 */
public final class EsfReader {
    public static final int DEFAULT_MAX_BYTES = 1024 * 1024;
    /** An ESF document nests 8 elements deep; anything far deeper is an attack on the parser, not an invoice. */
    static final int MAX_DEPTH = 32;
    private static final JAXBContext CONTEXT = jaxbContext();

    private final int maxBytes;

    public EsfReader() {
        this(DEFAULT_MAX_BYTES);
    }

    /** @param maxBytes the largest document accepted, in bytes; larger ones are rejected as TOO_LARGE unread */
    public EsfReader(int maxBytes) {
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("maxBytes must be positive: " + maxBytes);
        }
        this.maxBytes = maxBytes;
    }

    public int maxBytes() {
        return maxBytes;
    }

    /**
     * @return the container, holding exactly one v2 invoice (not yet validated: see {@link InvoiceValidator})
     * @throws SourceMessageRejected MALFORMED, TRUNCATED, UNSAFE_XML, TOO_LARGE, BAD_ENCODING or SCHEMA_INVALID
     */
    public InvoiceContainer read(byte[] document) {
        if (document == null || document.length == 0) {
            throw new SourceMessageRejected(ReasonCode.MALFORMED, "the document is empty");
        }
        if (document.length > maxBytes) {
            throw new SourceMessageRejected(ReasonCode.TOO_LARGE, "the document is " + document.length + " bytes; the limit is "
                    + maxBytes + " bytes");
        }
        refuseNonXml(document);
        String text = DocumentDecoder.decode(document);
        if (text.isBlank()) {
            throw new SourceMessageRejected(ReasonCode.MALFORMED, "the document is empty (whitespace only)");
        }
        EndAwareReader source = new EndAwareReader(text);
        GuardedStreamReader xml = null;
        try {
            xml = new GuardedStreamReader(inputFactory().createXMLStreamReader(source));
            xml.moveToRootElement();
            if (!EsfNamespaces.CONTAINER.equals(xml.getNamespaceURI())
                    || !"invoiceContainer".equals(xml.getLocalName())) {
                throw new SourceMessageRejected(ReasonCode.SCHEMA_INVALID, "the root element is " + describe(xml)
                        + "; an ESF document is an invoiceContainer in namespace '" + EsfNamespaces.CONTAINER + "'");
            }
            Unmarshaller unmarshaller = CONTEXT.createUnmarshaller();
            // Unknown elements arrive as ERROR events; skipping them is deliberate (the IS adds fields over time and
            // required ones are checked by the validator). All leaves are strings, so no value conversion can fail.
            unmarshaller.setEventHandler(event -> event.getSeverity() != ValidationEvent.FATAL_ERROR);
            InvoiceContainer container = unmarshaller.unmarshal(xml, InvoiceContainer.class).getValue();
            // JAXB stops at the root's end tag; whatever follows must still be well-formed (comments, whitespace).
            while (xml.hasNext()) {
                xml.next();
            }
            InvoiceValidator.singleInvoice(container);
            return container;
        } catch (XMLStreamException | JAXBException e) {
            if (xml != null && xml.refusal != null) {
                throw xml.refusal;
            }
            throw notWellFormed(e, source);
        } finally {
            close(xml);
        }
    }

    /**
     * A PDF, a zip or a JSON body is "not XML", whatever its bytes would decode to; saying so beats reporting the
     * first byte that is not UTF-8. UTF-16 documents (byte order mark) are left to the parser.
     */
    private static void refuseNonXml(byte[] document) {
        if ((document[0] & 0xFF) == 0xFE || (document[0] & 0xFF) == 0xFF) {
            return;
        }
        int i = document.length >= 3 && (document[0] & 0xFF) == 0xEF && (document[1] & 0xFF) == 0xBB
                && (document[2] & 0xFF) == 0xBF ? 3 : 0;
        while (i < document.length && (document[i] == ' ' || document[i] == '\t' || document[i] == '\r'
                || document[i] == '\n')) {
            i++;
        }
        if (i < document.length && document[i] != '<') {
            StringBuilder start = new StringBuilder();
            for (int j = i; j < Math.min(document.length, i + 16); j++) {
                int b = document[j] & 0xFF;
                start.append(b >= 0x20 && b < 0x7F ? String.valueOf((char) b) : String.format("\\x%02X", b));
            }
            throw new SourceMessageRejected(ReasonCode.MALFORMED, "the document is not XML: it starts with \"" + start + "\"");
        }
    }

    private static SourceMessageRejected notWellFormed(Exception e, EndAwareReader source) {
        XMLStreamException parseError = findParseError(e);
        String where = "";
        String what = e.getMessage();
        if (parseError != null) {
            Location location = parseError.getLocation();
            if (location != null) {
                where = " at line " + location.getLineNumber() + ", column " + location.getColumnNumber();
            }
            what = parserMessage(parseError);
        }
        // The parser asked for more text than there was: the document was cut off rather than garbled.
        if (source.reachedEnd) {
            return new SourceMessageRejected(ReasonCode.TRUNCATED, "the document ends before it is complete" + where + ": " + what, e);
        }
        return new SourceMessageRejected(ReasonCode.MALFORMED, "the document is not well-formed XML" + where + ": " + what, e);
    }

    private static XMLStreamException findParseError(Throwable e) {
        Throwable t = e;
        for (int hops = 0; t != null && hops < 10; hops++) {
            if (t instanceof XMLStreamException x) {
                return x;
            }
            Throwable next = t instanceof JAXBException j && j.getLinkedException() != null
                    ? j.getLinkedException() : t.getCause();
            t = next == t ? null : next;
        }
        return null;
    }

    /** The JDK's messages read "ParseError at [row,col]:[1,151]\nMessage: ..."; the position is reported apart. */
    private static String parserMessage(XMLStreamException e) {
        String m = String.valueOf(e.getMessage());
        int at = m.indexOf("Message: ");
        return at >= 0 ? m.substring(at + "Message: ".length()).trim() : m.trim();
    }

    private static String describe(XMLStreamReader xml) {
        String ns = xml.getNamespaceURI();
        return xml.getLocalName() + (ns == null || ns.isEmpty() ? " (no namespace)" : " in namespace '" + ns + "'");
    }

    /**
     * The JDK's built-in StAX parser, whatever else is on the classpath, configured so that even a DOCTYPE that got
     * past {@link GuardedStreamReader} could not declare, expand or fetch anything. A factory per document because
     * the StAX specification does not promise that factories are thread-safe.
     */
    private static XMLInputFactory inputFactory() {
        XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        factory.setXMLResolver((publicId, systemId, baseUri, namespace) -> {
            throw new XMLStreamException("external resources are not resolved: " + systemId);
        });
        return factory;
    }

    private static JAXBContext jaxbContext() {
        try {
            return JAXBContext.newInstance(InvoiceContainer.class);
        } catch (JAXBException e) {
            throw new IllegalStateException("the ESF JAXB model does not bind", e);
        }
    }

    private static void close(XMLStreamReader xml) {
        if (xml != null) {
            try {
                xml.close();
            } catch (XMLStreamException ignored) {
                // Reading from a string: nothing to release.
            }
        }
    }

    /** A reader over the decoded text that notes whether the parser asked for more than there was. */
    private static final class EndAwareReader extends StringReader {
        boolean reachedEnd;

        EndAwareReader(String text) {
            super(text);
        }

        @Override
        public int read() throws IOException {
            int c = super.read();
            reachedEnd |= c < 0;
            return c;
        }

        @Override
        public int read(char[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            reachedEnd |= n < 0;
            return n;
        }
    }

    /**
     * Refuses a DOCTYPE and entity references, and bounds the nesting depth, on every event JAXB pulls. A refusal is
     * kept in {@link #refusal} and surfaced as a stream error, because JAXB wraps whatever the stream throws.
     */
    private static final class GuardedStreamReader extends StreamReaderDelegate {
        SourceMessageRejected refusal;
        private int depth;

        GuardedStreamReader(XMLStreamReader reader) {
            super(reader);
        }

        void moveToRootElement() throws XMLStreamException {
            int event = check(getEventType());
            while (event != XMLStreamConstants.START_ELEMENT) {
                event = next();
            }
        }

        @Override
        public int next() throws XMLStreamException {
            return check(super.next());
        }

        @Override
        public int nextTag() throws XMLStreamException {
            int event = next();
            while (event == XMLStreamConstants.CHARACTERS && isWhiteSpace() || event == XMLStreamConstants.SPACE
                    || event == XMLStreamConstants.COMMENT || event == XMLStreamConstants.PROCESSING_INSTRUCTION) {
                event = next();
            }
            if (event != XMLStreamConstants.START_ELEMENT && event != XMLStreamConstants.END_ELEMENT) {
                throw new XMLStreamException("expected a start or end tag", getLocation());
            }
            return event;
        }

        private int check(int event) throws XMLStreamException {
            switch (event) {
                case XMLStreamConstants.DTD -> refuse(new SourceMessageRejected(ReasonCode.UNSAFE_XML, "the document has a DOCTYPE"
                        + at() + "; DTDs are refused because they can declare entities that read local files (XXE)"
                        + " or expand without bound"));
                case XMLStreamConstants.ENTITY_REFERENCE -> refuse(new SourceMessageRejected(ReasonCode.UNSAFE_XML, 
                        "the document references entity '" + getLocalName() + "'" + at()
                                + "; only the predefined XML entities are allowed"));
                case XMLStreamConstants.START_ELEMENT -> {
                    if (++depth > MAX_DEPTH) {
                        refuse(new SourceMessageRejected(ReasonCode.UNSAFE_XML, "elements are nested more than " + MAX_DEPTH
                                + " deep" + at() + "; an ESF document nests 8 deep"));
                    }
                }
                case XMLStreamConstants.END_ELEMENT -> depth--;
                default -> {
                }
            }
            return event;
        }

        private void refuse(SourceMessageRejected rejection) throws XMLStreamException {
            refusal = rejection;
            throw new XMLStreamException(rejection.getMessage(), getLocation());
        }

        private String at() {
            Location l = getLocation();
            return l == null ? "" : " (line " + l.getLineNumber() + ", column " + l.getColumnNumber() + ")";
        }
    }
}
