package dev.bulwark.firewall.parse.internal;

import dev.bulwark.core.net.ServiceNames;
import java.math.BigDecimal;
import java.util.OptionalInt;
import java.util.List;

/**
 * The port numbers behind the service names {@code nft -S list ruleset} prints ({@code tcp dport
 * "ssh"}, {@code redirect to :"http"}), from {@link ServiceNames#builtIn()}. Not API.
 */
final class NftServices {

    private static final List<String> PORT_PROTOCOLS = List.of("tcp", "udp", "sctp", "dccp", "udplite");

    private NftServices() {
    }

    /**
     * {@code v} unchanged unless it is a service name; a name as its port number. {@code protocol}
     * is the transport the port belongs to, or null when the expression does not say ({@code th
     * dport}, a NAT target); a name the database lists only for other transports is taken from
     * them, as nft prints it, but only where they agree on the port.
     */
    static Object port(Object v, String protocol) {
        if (!(v instanceof String) || ((String) v).isEmpty() || Character.isDigit(((String) v).charAt(0))) {
            return v;
        }
        String name = (String) v;
        ServiceNames names = ServiceNames.builtIn();
        OptionalInt port = protocol == null ? OptionalInt.empty() : names.port(name, protocol);
        if (port.isEmpty()) {
            // nft names a port by services(5) whatever the protocol ("tcp dport \"afs3-prserver\"",
            // a udp-only entry): any protocol's entry will do, as long as they agree
            for (String p : PORT_PROTOCOLS) {
                OptionalInt other = names.port(name, p);
                if (other.isPresent() && port.isPresent() && other.getAsInt() != port.getAsInt()) {
                    throw new IllegalArgumentException("service '" + shortened(name) + "' names ports " + port.getAsInt()
                            + " and " + other.getAsInt() + "; list the ruleset with 'nft -n' (numeric ports)");
                }
                port = other.isPresent() ? other : port;
            }
        }
        if (port.isEmpty()) {
            throw new IllegalArgumentException("unknown service name '" + shortened(name)
                    + "'; list the ruleset with 'nft -n' (numeric ports) or without '-S'");
        }
        return BigDecimal.valueOf(port.getAsInt());
    }

    private static String shortened(String name) {
        return name.length() <= 40 ? name : name.substring(0, 40) + "…";
    }

    /** The transport a port expression's text names ({@code tcp} of {@code tcp dport}), or null. */
    static String protocolOf(String keyText) {
        int space = keyText.indexOf(' ');
        String first = space < 0 ? keyText : keyText.substring(0, space);
        return PORT_PROTOCOLS.contains(first) ? first : null;
    }
}
