package dev.bulwark.firewall.parse;

import dev.bulwark.core.ParseException;
import dev.bulwark.core.Position;
import dev.bulwark.core.net.IpNetwork;
import java.io.IOException;
import java.io.StringReader;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * Reads firewalld zone files and chooses the zone of a connection. XML is read with DTDs,
 * external entities and XInclude disabled, so a hostile file cannot read other files.
 *
 * <p>Zone choice follows firewalld: a zone bound to the packet's source network wins over a zone
 * bound to its incoming interface, and the default zone takes the rest ({@link #zoneFor}).
 *
 * @see <a href="https://firewalld.org/documentation/man-pages/firewalld.zone.html">firewalld.zone(5)</a>
 * @see <a href="https://firewalld.org/documentation/man-pages/firewalld.richlanguage.html">firewalld.richlanguage(5)</a>
 */
public final class FirewalldZones {

    private FirewalldZones() {
    }

    /** Parses the XML of zone {@code name}; throws {@link ParseException} with the line and column of a problem. */
    public static FirewalldZone parse(String name, String xml) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(xml, "xml");
        String source = name + ".xml";
        Element root = document(source, xml);
        if (!root.getTagName().equals("zone")) {
            throw new ParseException(Position.of(source, 1), "root element is <" + root.getTagName() + ">, not <zone>", null);
        }
        List<String> interfaces = new ArrayList<>();
        List<IpNetwork> sources = new ArrayList<>();
        List<String> services = new ArrayList<>();
        List<String> ports = new ArrayList<>();
        List<FirewalldRichRule> rich = new ArrayList<>();
        List<String> other = new ArrayList<>();
        boolean masquerade = false;
        int index = 0;
        for (Element e : children(root)) {
            index++;
            Position at = Position.of(source, 1);
            try {
                switch (e.getTagName()) {
                    case "short", "description", "forward" -> {
                    }
                    case "interface" -> interfaces.add(required(e, "name"));
                    case "source" -> {
                        if (e.hasAttribute("address")) {
                            sources.add(IpNetwork.parseLenient(e.getAttribute("address")));
                        } else {
                            other.add(verbatim(e));
                        }
                    }
                    case "service" -> services.add(required(e, "name"));
                    case "port" -> ports.add(required(e, "port") + "/" + required(e, "protocol"));
                    case "masquerade" -> masquerade = true;
                    case "rule" -> {
                        try {
                            rich.add(rule(e, at));
                        } catch (UnsupportedOperationException unknown) {
                            other.add(verbatim(e) + " (" + unknown.getMessage() + ")");
                        }
                    }
                    default -> other.add(verbatim(e));
                }
            } catch (IllegalArgumentException ex) {
                throw new ParseException(at, "element <" + e.getTagName() + "> number " + index + ": "
                        + (ex instanceof ParseException ? ((ParseException) ex).reason() : ex.getMessage()), verbatim(e));
            }
        }
        String target = root.hasAttribute("target") ? root.getAttribute("target") : "default";
        return new FirewalldZone(name, target, interfaces, sources, services, ports, rich, masquerade, other);
    }

    /** The zone, or empty when the XML is not a valid zone file. */
    public static Optional<FirewalldZone> tryParse(String name, String xml) {
        try {
            return Optional.of(parse(name, xml));
        } catch (ParseException e) {
            return Optional.empty();
        }
    }

    /**
     * The zone firewalld uses for a connection from {@code source} arriving on {@code iface}: the
     * first zone bound to a network containing the source, else the first bound to the interface,
     * else the default zone (by name), else empty.
     */
    public static Optional<FirewalldZone> zoneFor(List<FirewalldZone> zones, InetAddress source, String iface,
                                                  String defaultZone) {
        for (FirewalldZone z : zones) {
            if (z.hasSource(source)) {
                return Optional.of(z);
            }
        }
        for (FirewalldZone z : zones) {
            if (z.interfaces().contains(iface)) {
                return Optional.of(z);
            }
        }
        return zones.stream().filter(z -> z.name().equals(defaultZone)).findFirst();
    }

    private static FirewalldRichRule rule(Element e, Position at) {
        Optional<String> family = e.hasAttribute("family") ? Optional.of(e.getAttribute("family")) : Optional.empty();
        int priority = e.hasAttribute("priority") ? Integer.parseInt(e.getAttribute("priority")) : 0;
        Optional<IpNetwork> src = Optional.empty();
        boolean not = false;
        Optional<String> service = Optional.empty();
        Optional<String> protocol = Optional.empty();
        Optional<String> port = Optional.empty();
        Optional<String> action = Optional.empty();
        boolean logged = false;
        for (Element c : children(e)) {
            switch (c.getTagName()) {
                case "source" -> {
                    if (!c.hasAttribute("address")) {
                        throw new UnsupportedOperationException("rich rule source without address is not modelled");
                    }
                    src = Optional.of(IpNetwork.parseLenient(c.getAttribute("address")));
                    not = "true".equals(c.getAttribute("invert"));
                }
                case "service" -> service = Optional.of(required(c, "name"));
                case "port" -> {
                    port = Optional.of(required(c, "port"));
                    protocol = Optional.of(required(c, "protocol"));
                }
                case "log", "audit", "nflog" -> logged = true;
                case "accept", "reject", "drop", "mark" -> action = Optional.of(c.getTagName());
                default -> throw new UnsupportedOperationException("rich rule element <" + c.getTagName() + "> is not modelled");
            }
        }
        return new FirewalldRichRule(at, family, priority, src, not, service, protocol, port, action, logged);
    }

    private static String required(Element e, String attribute) {
        if (!e.hasAttribute(attribute)) {
            throw new IllegalArgumentException("<" + e.getTagName() + "> has no " + attribute + "=\"...\"");
        }
        return e.getAttribute(attribute);
    }

    private static String verbatim(Element e) {
        StringBuilder b = new StringBuilder("<").append(e.getTagName());
        for (int i = 0; i < e.getAttributes().getLength(); i++) {
            Node a = e.getAttributes().item(i);
            b.append(' ').append(a.getNodeName()).append("=\"").append(a.getNodeValue()).append('"');
        }
        return b.append(children(e).isEmpty() ? "/>" : ">...</" + e.getTagName() + ">").toString();
    }

    private static List<Element> children(Element e) {
        List<Element> out = new ArrayList<>();
        NodeList nodes = e.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            if (nodes.item(i) instanceof Element) {
                out.add((Element) nodes.item(i));
            }
        }
        return out;
    }

    private static Element document(String source, String xml) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature("http://xml.org/sax/features/external-general-entities", false);
            f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            f.setXIncludeAware(false);
            f.setExpandEntityReferences(false);
            f.setNamespaceAware(false);
            DocumentBuilder b = f.newDocumentBuilder();
            b.setErrorHandler(new org.xml.sax.ErrorHandler() {
                @Override
                public void warning(SAXParseException e) {
                    // warnings do not stop parsing; a library never prints
                }

                @Override
                public void error(SAXParseException e) throws SAXParseException {
                    throw e;
                }

                @Override
                public void fatalError(SAXParseException e) throws SAXParseException {
                    throw e;
                }
            });
            return b.parse(new InputSource(new StringReader(xml))).getDocumentElement();
        } catch (SAXParseException e) {
            throw new ParseException(new Position(source, Math.max(1, e.getLineNumber()), Math.max(1, e.getColumnNumber())),
                    "not well-formed XML: " + e.getMessage(), null);
        } catch (SAXException | IOException e) {
            throw new ParseException(Position.of(source, 1), "not well-formed XML: " + e.getMessage(), null);
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK's XML parser refused secure settings", e);
        }
    }
}
