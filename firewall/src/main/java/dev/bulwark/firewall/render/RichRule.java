package dev.bulwark.firewall.render;

import dev.bulwark.core.net.IpNetwork;
import dev.bulwark.core.net.PortRange;
import dev.bulwark.core.net.Protocol;
import dev.bulwark.firewall.Action;
import dev.bulwark.firewall.IpVersion;
import java.util.Optional;

/** One firewalld rich rule, rendered in the rich language ({@link #text}) and as zone XML ({@link #xml}). */
record RichRule(int priority, Optional<IpVersion> family, Optional<IpNetwork> source, Optional<IpNetwork> destination,
                Optional<Protocol> protocol, Optional<PortRange> port, Action action) {

    String text() {
        StringBuilder out = new StringBuilder("rule priority=\"").append(priority).append('"');
        family.ifPresent(f -> out.append(" family=\"").append(f.wireName()).append('"'));
        source.ifPresent(s -> out.append(" source address=\"").append(s).append('"'));
        destination.ifPresent(d -> out.append(" destination address=\"").append(d).append('"'));
        if (port.isPresent()) {
            out.append(" port port=\"").append(port.get().render('-')).append("\" protocol=\"")
                    .append(protocol.orElseThrow().wireName()).append('"');
        } else if (protocol.isPresent()) {
            out.append(" protocol value=\"").append(wire(protocol.get())).append('"');
        }
        out.append(' ').append(verb());
        return out.toString();
    }

    String xml() {
        StringBuilder out = new StringBuilder("  <rule priority=\"").append(priority).append('"');
        family.ifPresent(f -> out.append(" family=\"").append(f.wireName()).append('"'));
        out.append(">\n");
        source.ifPresent(s -> out.append("    <source address=\"").append(s).append("\"/>\n"));
        destination.ifPresent(d -> out.append("    <destination address=\"").append(d).append("\"/>\n"));
        if (port.isPresent()) {
            out.append("    <port port=\"").append(port.get().render('-')).append("\" protocol=\"")
                    .append(protocol.orElseThrow().wireName()).append("\"/>\n");
        } else if (protocol.isPresent()) {
            out.append("    <protocol value=\"").append(wire(protocol.get())).append("\"/>\n");
        }
        out.append("    <").append(verb()).append("/>\n  </rule>\n");
        return out.toString();
    }

    private String verb() {
        switch (action) {
            case DENY:
                return "drop";
            case REJECT:
                return "reject";
            default:
                return "accept";
        }
    }

    private static String wire(Protocol p) {
        return p == Protocol.ICMPV6 ? "ipv6-icmp" : p.wireName();
    }
}
