package dev.bulwark.firewall.parse.internal;

import dev.bulwark.core.ParseException;
import dev.bulwark.core.Position;
import dev.bulwark.core.net.IpNetwork;
import dev.bulwark.core.net.PortRange;
import dev.bulwark.firewall.parse.UfwStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads one To or From column of {@code ufw status} output into a {@link UfwStatus.Endpoint}, in
 * the forms ufw 0.36's {@code get_status} writes (read from its source; no code taken from it):
 * {@code Anywhere[/proto]}, an address or network {@code [/proto]}, ports {@code [/proto]}, an
 * address and ports, an application name (verbose: ports and {@code (app)} or
 * {@code (app (v6))}), then {@code (v6)} and {@code on IFACE}. An address is always a whole word.
 */
public final class UfwStatusColumns {

    private static final Pattern PORTS = UfwStatusRows.PORTS;
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}+(?:\\.\\d{1,3}+){3}+(?:/\\d++)?+");
    private static final Pattern PROTOCOL = Pattern.compile("[a-z][a-z0-9]*+");
    /** ufw's {@code valid_profile_name}. */
    private static final Pattern APPLICATION = Pattern.compile("[A-Za-z0-9][A-Za-z0-9 _.+-]*+");
    /** ufw's interface check: 1 to 15 of these characters. */
    private static final Pattern INTERFACE = Pattern.compile("[A-Za-z0-9_.+,=%@-]{1,15}+");

    private final String text;
    private final Position origin;
    private final String quoted;

    private UfwStatusColumns(String text, Position origin, String quoted) {
        this.text = text;
        this.origin = origin;
        this.quoted = quoted;
    }

    private ParseException error(int offset, String reason) {
        return new ParseException(new Position(origin.source(), origin.line(), origin.column() + offset), reason,
                quoted);
    }

    private UfwStatus.Endpoint read() {
        if (text.isEmpty() || text.charAt(0) == ' ' || text.charAt(text.length() - 1) == ' ') {
            throw error(0, "a column has no leading or trailing space and is not empty");
        }
        int end = text.length();
        Optional<String> iface = Optional.empty();
        int on = text.lastIndexOf(" on ");
        if (on > 0 && INTERFACE.matcher(text.substring(on + 4)).matches()) {
            iface = Optional.of(text.substring(on + 4));
            end = on;
        }
        boolean v6 = false;
        if (text.startsWith(" (v6)", end - 5) && end > 5) {
            v6 = true;
            end -= 5;
        }
        Optional<String> application = Optional.empty();
        if (text.charAt(end - 1) == ')') {
            int open = text.indexOf(" (");
            if (open <= 0 || open + 2 >= end - 1) {
                throw error(end - 1, "')' without ' ('");
            }
            int innerEnd = end - 1;
            if (text.startsWith(" (v6)", innerEnd - 5) && innerEnd - 5 > open + 2) {
                v6 = true;
                innerEnd -= 5;
            }
            application = Optional.of(application(open + 2, innerEnd));
            end = open;
        }
        int space = text.indexOf(' ');
        int firstEnd = space < 0 || space > end ? end : space;
        String first = text.substring(0, firstEnd);
        Optional<IpNetwork> network = Optional.empty();
        List<PortRange> ports = List.of();
        Optional<String> protocol = Optional.empty();
        if (first.equals("Anywhere") || first.startsWith("Anywhere/")) {
            protocol = first.length() > 8 ? Optional.of(protocol(9, firstEnd)) : Optional.empty();
            if (firstEnd != end) {
                throw error(firstEnd, "nothing but a protocol, '(v6)' or 'on' interface follows 'Anywhere'");
            }
        } else if (PORTS.matcher(first).matches()) {
            return portsOnly(first, firstEnd, end, application, iface, v6);
        } else if (first.indexOf(':') >= 0 || IPV4.matcher(withoutProtocol(first)).matches()) {
            String address = withoutProtocol(first);
            if (address.length() < first.length()) {
                protocol = Optional.of(protocol(address.length() + 1, firstEnd));
            }
            try {
                network = Optional.of(IpNetwork.parse(address));
            } catch (ParseException e) {
                throw error(0, "'" + address + "' is not an address or network: " + e.reason());
            }
            if (firstEnd < end) {
                String rest = text.substring(firstEnd + 1, end);
                var m = PORTS.matcher(rest);
                if (m.matches() && protocol.isEmpty()) {
                    ports = ports(m.group(1), firstEnd + 1);
                    protocol = Optional.ofNullable(m.group(2));
                } else if (application.isEmpty() && protocol.isEmpty()) {
                    application = Optional.of(application(firstEnd + 1, end));
                } else {
                    throw error(firstEnd + 1, "'" + rest + "' is not ports after the address");
                }
            }
        } else if (application.isEmpty()) {
            application = Optional.of(application(0, end));
        } else {
            throw error(0, "'" + text.substring(0, end) + "' is not ports before the application");
        }
        return new UfwStatus.Endpoint(network, ports, protocol, application, iface, v6);
    }

    private UfwStatus.Endpoint portsOnly(String first, int firstEnd, int end, Optional<String> application,
                                         Optional<String> iface, boolean v6) {
        if (firstEnd != end) {
            throw error(firstEnd, "nothing but an application, '(v6)' or 'on' interface follows ports");
        }
        var m = PORTS.matcher(first);
        m.matches();
        return new UfwStatus.Endpoint(Optional.empty(), ports(m.group(1), 0), Optional.ofNullable(m.group(2)),
                application, iface, v6);
    }

    private List<PortRange> ports(String list, int offset) {
        List<PortRange> out = new ArrayList<>();
        int at = 0;
        for (String p : list.split(",", -1)) {
            try {
                out.add(PortRange.parse(p));
            } catch (ParseException e) {
                throw error(offset + at, "port '" + p + "': " + e.reason());
            }
            at += p.length() + 1;
        }
        return out;
    }

    private String protocol(int from, int to) {
        String p = text.substring(from, to);
        if (!PROTOCOL.matcher(p).matches()) {
            throw error(from, "'" + p + "' is not a protocol name");
        }
        return p;
    }

    private String application(int from, int to) {
        String name = text.substring(from, to);
        if (!APPLICATION.matcher(name).matches()) {
            throw error(from, "'" + name + "' is not an address, ports or application name");
        }
        return name;
    }

    private static String withoutProtocol(String word) {
        int slash = word.lastIndexOf('/');
        if (slash > 0 && slash + 1 < word.length() && Character.isLetter(word.charAt(slash + 1))) {
            return word.substring(0, slash);
        }
        return word;
    }

    /**
     * Reads {@code text}, a column that starts at {@code origin}; errors quote {@code quoted}
     * (the whole row, or the column itself).
     */
    public static UfwStatus.Endpoint read(String text, Position origin, String quoted) {
        return new UfwStatusColumns(text, origin, quoted).read();
    }
}
