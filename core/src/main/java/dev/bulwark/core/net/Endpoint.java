package dev.bulwark.core.net;

import dev.bulwark.core.ParseException;
import dev.bulwark.core.Position;
import java.net.InetAddress;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One end of a socket as {@code ss(8)} shows it: an address, an optional interface scope and a
 * port, either of which may be the wildcard {@code *}.
 *
 * <p>For IP sockets {@link #address()} is the address text without brackets ({@code 127.0.0.1},
 * {@code ::1}, {@code ::ffff:127.0.0.1}, {@code *}) and {@link #port()} the port number (0 for
 * {@code *}). Other socket families keep ss's own words: a netlink endpoint {@code rtnl:kernel}
 * has address {@code rtnl} and port text {@code kernel}, a Unix endpoint the socket path (or
 * {@code @abstract} name, or {@code *}) and its inode as port text.
 *
 * <p>ss without {@code -n} prints service names for ports ({@code 0.0.0.0:ssh}, {@code *:http-alt})
 * and, with {@code -r}, host names for addresses ({@code web1.example.com:8443},
 * {@code localhost:ipp}). Both are kept as names: {@link #serviceName()} is the port's name, and
 * {@link #port()} its number only once {@link #withServiceNames(ServiceNames, String) resolved}
 * against a services database ({@link #portNumber()} says whether it is known); a host name
 * makes the endpoint's {@link #kind()} {@link Kind#HOST_NAME}, never resolved (that would need DNS
 * and could name another address than the one the socket is bound to).
 *
 * <p>Parse errors are {@link ParseException}s naming the source, line and column.
 *
 * <p>{@code toString()} gives ss's form back: {@code [::1]:631}, {@code 127.0.0.1%lo:53},
 * {@code [fe80::1]%eth0:22}, {@code *:*}, {@code /run/x.sock 4711}.
 */
public final class Endpoint {

    /** The wildcard word ss prints for "any address" or "any port". */
    public static final String WILDCARD = "*";

    /** What an endpoint's address is. */
    public enum Kind {
        /** An IP literal or the wildcard {@code *}. */
        IP,
        /** A host name that {@code ss -r} printed in place of the address; who can reach it is unknown. */
        HOST_NAME,
        /** A Unix-domain socket path, {@code @abstract} name or {@code *}. */
        UNIX,
        /** A netlink, packet or other socket family's words ({@code rtnl:kernel}). */
        OTHER
    }

    private final String address;
    private final String scope;
    /** The port text, or null when it is a port number printed canonically (then derived from {@code port}). */
    private final String portText;
    private final int port;
    private final Form form;
    private final Kind kind;
    /** Whether {@code portText} is a service name (resolved when {@code port} is not 0). */
    private final boolean service;

    /** How ss wrote the endpoint, so that {@code toString()} gives the same text back. */
    enum Form { PLAIN, BRACKETED, UNIX, BARE }

    /** The parts, already checked; {@code portText} null only for a canonical port number. */
    Endpoint(String address, String scope, String portText, int port, Form form, Kind kind, boolean service) {
        this.address = address;
        this.scope = scope;
        this.portText = portText;
        this.port = port;
        this.form = form;
        this.kind = kind;
        this.service = service;
    }

    /**
     * An IP endpoint from an address (IP literal or {@code *}) and a port (0 for any port); an
     * address that is not IP-shaped makes an endpoint of kind {@link Kind#OTHER}.
     *
     * @throws IllegalArgumentException when the address is blank or the port out of 0..65535
     */
    public static Endpoint of(String address, int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is outside 0..65535");
        }
        EndpointSyntax.checkWord("address", address);
        boolean ip = EndpointSyntax.looksLikeIp(address, 0, address.length());
        if (!ip) {
            return new Endpoint(address, null, port == 0 ? WILDCARD : Integer.toString(port), 0,
                    address.indexOf(':') >= 0 ? Form.BRACKETED : Form.PLAIN, Kind.OTHER, false);
        }
        return new Endpoint(address, null, port == 0 ? WILDCARD : null, port,
                address.indexOf(':') >= 0 ? Form.BRACKETED : Form.PLAIN, Kind.IP, false);
    }

    /**
     * A Unix-domain endpoint: a path, an {@code @abstract} name or {@code *}, and the socket's inode.
     *
     * @throws IllegalArgumentException when either part is empty or holds a line break
     */
    public static Endpoint unix(String path, String inode) {
        Objects.requireNonNull(path, "path");
        if (path.isEmpty() || path.indexOf('\n') >= 0 || path.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("Unix socket path '" + Syntax.printable(path)
                    + "' is empty or holds a line break");
        }
        EndpointSyntax.checkWord("inode", inode);
        return new Endpoint(path, null, inode, 0, Form.UNIX, Kind.UNIX, false);
    }

    /**
     * Parses ss's {@code address[%scope]:port} form: {@code 0.0.0.0:22}, {@code [::]:*},
     * {@code 127.0.0.1%lo:53}, {@code [fe80::1]%eth0:22}, {@code *:*}, the older unbracketed
     * {@code :::22}, service names ({@code 0.0.0.0:ssh}), host names ({@code localhost:ipp}) and
     * the netlink and packet forms {@code rtnl:kernel}, {@code [34997]:lo}. A lone {@code *}
     * (ss's peer of a netlink socket) is the wildcard address and port.
     *
     * @throws ParseException naming the fault and its column (source {@code <string>}) when the
     *     text is not an endpoint
     */
    public static Endpoint parse(String text) {
        Objects.requireNonNull(text, "text");
        return EndpointSyntax.parse(text, 0, text.length(), true, Syntax.STRING);
    }

    /**
     * Parses an endpoint that starts at {@code origin} in a larger text, as {@link #parse(String)}
     * does; errors point into that text.
     *
     * @throws ParseException naming the fault, positioned from {@code origin}
     */
    public static Endpoint parse(String text, Position origin) {
        Objects.requireNonNull(text, "text");
        return EndpointSyntax.parse(text, 0, text.length(), true, Objects.requireNonNull(origin, "origin"));
    }

    /**
     * Parses the endpoint in {@code text[start, end)} as {@link #parse(String)} does, without
     * copying the region first: for parsers that scan a large buffer. The address (and a scope or
     * port that is not a number) are taken as {@code text.subSequence(…).toString()}, so a
     * {@code CharSequence} may hand out shared strings for text that repeats.
     *
     * @throws ParseException naming the fault, with a column counted from {@code start} (source {@code <string>})
     * @throws IndexOutOfBoundsException when the region is not within {@code text}
     */
    public static Endpoint parse(CharSequence text, int start, int end) {
        Objects.checkFromToIndex(start, end, text.length());
        return EndpointSyntax.parse(text, start, end, true, Syntax.STRING);
    }

    /**
     * Parses a netlink, packet or other non-IP endpoint in ss's {@code address:port} form, such as
     * {@code rtnl:kernel}, {@code [34997]:lo} or {@code *:eth0}: the port may be any word, and the
     * endpoint is never {@link #isIp() an IP endpoint}.
     *
     * @throws ParseException naming the fault when the text is not an endpoint
     */
    public static Endpoint parseNonIp(String text) {
        Objects.requireNonNull(text, "text");
        return EndpointSyntax.parse(text, 0, text.length(), false, Syntax.STRING);
    }

    /**
     * Parses the non-IP endpoint in {@code text[start, end)} as {@link #parseNonIp(String)} does,
     * without copying the region first (see {@link #parse(CharSequence, int, int)}).
     *
     * @throws ParseException naming the fault, with a column counted from {@code start}
     * @throws IndexOutOfBoundsException when the region is not within {@code text}
     */
    public static Endpoint parseNonIp(CharSequence text, int start, int end) {
        Objects.checkFromToIndex(start, end, text.length());
        return EndpointSyntax.parse(text, start, end, false, Syntax.STRING);
    }

    /** Parses like {@link #parse(String)}, or returns empty when the text is not an endpoint. */
    public static Optional<Endpoint> tryParse(String text) {
        try {
            return Optional.of(parse(text));
        } catch (ParseException e) {
            return Optional.empty();
        }
    }

    /**
     * This endpoint with its service name resolved to a port number, as ss mapped the number to the
     * name: {@code 0.0.0.0:ssh} over {@code tcp} becomes port 22 (still printed {@code ssh}). The
     * same endpoint when the port is a number or the wildcard, when it is not an IP or host-name
     * endpoint, or when {@code names} does not know the name for {@code protocol}.
     *
     * @param protocol the services database's protocol word: {@code tcp}, {@code udp}, {@code sctp},
     *                 {@code dccp}; {@code raw} looks the name up among the IP protocols
     *                 ({@code icmp} is 1), which ss prints as a raw socket's port
     */
    public Endpoint withServiceNames(ServiceNames names, String protocol) {
        Objects.requireNonNull(names, "names");
        Objects.requireNonNull(protocol, "protocol");
        if (!service || port != 0) {
            return this;
        }
        OptionalInt number = protocol.equals("raw") ? names.protocolNumber(portText) : names.port(portText, protocol);
        if (number.isEmpty() || number.getAsInt() == 0) {
            return this;
        }
        return new Endpoint(address, scope, portText, number.getAsInt(), form, kind, true);
    }

    /** What the address is: an IP literal or {@code *}, a host name, a Unix path, or another family's word. */
    public Kind kind() {
        return kind;
    }

    /** The address without brackets: an IP literal, {@code *}, a host name, a Unix path or a netlink/packet word. */
    public String address() {
        return address;
    }

    /** The host name {@code ss -r} printed in place of the address ({@code web1.example.com}), if it did. */
    public Optional<String> hostName() {
        return kind == Kind.HOST_NAME ? Optional.of(address) : Optional.empty();
    }

    /** Whether the address is a host name ({@code ss -r}), not an address: who can reach it is unknown. */
    public boolean isHostName() {
        return kind == Kind.HOST_NAME;
    }

    /** The interface scope ({@code lo} for {@code 127.0.0.1%lo}), if any. */
    public Optional<String> scope() {
        return Optional.ofNullable(scope);
    }

    /**
     * The port number of an IP or host-name endpoint; 0 for the wildcard port, for a service name
     * not (yet) resolved, and for other endpoints. {@link #portNumber()} tells 0 from unknown.
     */
    public int port() {
        return port;
    }

    /**
     * The port number when it is known: printed as digits, or a service name resolved by
     * {@link #withServiceNames(ServiceNames, String)}; empty for the wildcard port, an unresolved
     * service name and endpoints that are neither IP nor host-name endpoints.
     */
    public OptionalInt portNumber() {
        boolean known = (kind == Kind.IP || kind == Kind.HOST_NAME) && !WILDCARD.equals(portText)
                && (!service || port != 0);
        return known ? OptionalInt.of(port) : OptionalInt.empty();
    }

    /** The service name ss printed in place of the port number ({@code ssh}), if it did. */
    public Optional<String> serviceName() {
        return service ? Optional.of(portText) : Optional.empty();
    }

    /** The port as ss printed it: digits, {@code *}, a service name, a netlink process word or a Unix inode. */
    public String portText() {
        return portText != null ? portText : Integer.toString(port);
    }

    /** Whether the address is the wildcard: {@code *}, {@code 0.0.0.0} or {@code ::}. */
    public boolean isWildcardAddress() {
        return address.equals(WILDCARD) || address.equals("0.0.0.0") || address.equals("::");
    }

    /** Whether the port is the wildcard {@code *}. */
    public boolean isWildcardPort() {
        return WILDCARD.equals(portText);
    }

    /** Whether this is an IP endpoint (an IP-shaped address or {@code *}; not a host name, Unix, netlink or packet). */
    public boolean isIp() {
        return kind == Kind.IP;
    }

    /**
     * The address as an {@link InetAddress} (parsed as a literal, never looked up in DNS); empty for
     * the wildcard {@code *}, host names and non-IP endpoints.
     */
    public Optional<InetAddress> inetAddress() {
        return isIp() ? IpAddresses.tryParse(address) : Optional.empty();
    }

    /**
     * Who can reach this address ({@link AddressScope#ANY} for {@code *}, {@code 0.0.0.0} and
     * {@code ::}); empty for host names, non-IP endpoints and text that is not an IP literal.
     */
    public Optional<AddressScope> addressScope() {
        if (!isIp()) {
            return Optional.empty();
        }
        return address.equals(WILDCARD) ? Optional.of(AddressScope.ANY) : inetAddress().map(AddressScope::of);
    }

    /** Whether this is a Unix-domain endpoint. */
    public boolean isUnix() {
        return form == Form.UNIX;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Endpoint)) {
            return false;
        }
        Endpoint other = (Endpoint) o;
        return address.equals(other.address) && Objects.equals(scope, other.scope) && port == other.port
                && Objects.equals(portText, other.portText) && form == other.form && kind == other.kind
                && service == other.service;
    }

    @Override
    public int hashCode() {
        return Objects.hash(address, scope, portText(), form, kind);
    }

    @Override
    public String toString() {
        if (form == Form.BARE) {
            return WILDCARD;
        }
        String portWord = portText();
        StringBuilder out = new StringBuilder(address.length() + portWord.length() + 8);
        if (form == Form.BRACKETED) {
            out.append('[').append(address).append(']');
        } else {
            out.append(address);
        }
        if (scope != null) {
            out.append('%').append(scope);
        }
        return out.append(form == Form.UNIX ? ' ' : ':').append(portWord).toString();
    }
}
