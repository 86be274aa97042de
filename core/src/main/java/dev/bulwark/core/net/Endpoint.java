package dev.bulwark.core.net;

import java.net.InetAddress;
import java.util.Objects;
import java.util.Optional;

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
 * <p>{@code toString()} gives ss's form back: {@code [::1]:631}, {@code 127.0.0.1%lo:53},
 * {@code [fe80::1]%eth0:22}, {@code *:*}, {@code /run/x.sock 4711}.
 */
public final class Endpoint {

    /** The wildcard word ss prints for "any address" or "any port". */
    public static final String WILDCARD = "*";

    private final String address;
    private final String scope;
    /** The port text, or null when it is a port number printed canonically (then derived from {@code port}). */
    private final String portText;
    private final int port;
    private final Form form;
    private final boolean ip;

    /** How ss wrote the endpoint, so that {@code toString()} gives the same text back. */
    enum Form { PLAIN, BRACKETED, UNIX, BARE }

    /** The parts, already checked; {@code portText} null only for an IP endpoint's canonical port number. */
    Endpoint(String address, String scope, String portText, int port, Form form, boolean ip) {
        this.address = address;
        this.scope = scope;
        this.portText = portText;
        this.port = port;
        this.form = form;
        this.ip = ip;
    }

    /**
     * An IP endpoint from an address (IP literal or {@code *}) and a port (0 for any port).
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
                    address.indexOf(':') >= 0 ? Form.BRACKETED : Form.PLAIN, false);
        }
        return new Endpoint(address, null, port == 0 ? WILDCARD : null, port,
                address.indexOf(':') >= 0 ? Form.BRACKETED : Form.PLAIN, true);
    }

    /**
     * A Unix-domain endpoint: a path, an {@code @abstract} name or {@code *}, and the socket's inode.
     *
     * @throws IllegalArgumentException when either part is empty or holds a line break
     */
    public static Endpoint unix(String path, String inode) {
        Objects.requireNonNull(path, "path");
        if (path.isEmpty() || path.indexOf('\n') >= 0 || path.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("Unix socket path '" + path + "' is empty or holds a line break");
        }
        EndpointSyntax.checkWord("inode", inode);
        return new Endpoint(path, null, inode, 0, Form.UNIX, false);
    }

    /**
     * Parses ss's {@code address[%scope]:port} form: {@code 0.0.0.0:22}, {@code [::]:*},
     * {@code 127.0.0.1%lo:53}, {@code [fe80::1]%eth0:22}, {@code *:*}, the older unbracketed
     * {@code :::22}, and the netlink and packet forms {@code rtnl:kernel}, {@code [34997]:lo}.
     * A lone {@code *} (ss's peer of a netlink socket) is the wildcard address and port.
     *
     * @throws IllegalArgumentException with a message naming the fault when the text is not an endpoint
     */
    public static Endpoint parse(String text) {
        Objects.requireNonNull(text, "text");
        return EndpointSyntax.parse(text, 0, text.length(), true);
    }

    /**
     * Parses the endpoint in {@code text[start, end)} as {@link #parse(String)} does, without
     * copying the region first: for parsers that scan a large buffer. The address (and a scope or
     * port that is not a number) are taken as {@code text.subSequence(…).toString()}, so a
     * {@code CharSequence} may hand out shared strings for text that repeats.
     *
     * @throws IllegalArgumentException with a message naming the fault when the region is not an endpoint
     * @throws IndexOutOfBoundsException when the region is not within {@code text}
     */
    public static Endpoint parse(CharSequence text, int start, int end) {
        Objects.checkFromToIndex(start, end, text.length());
        return EndpointSyntax.parse(text, start, end, true);
    }

    /**
     * Parses a netlink, packet or other non-IP endpoint in ss's {@code address:port} form, such as
     * {@code rtnl:kernel}, {@code [34997]:lo} or {@code *:eth0}: the port may be any word, and the
     * endpoint is never {@link #isIp() an IP endpoint}.
     *
     * @throws IllegalArgumentException with a message naming the fault when the text is not an endpoint
     */
    public static Endpoint parseNonIp(String text) {
        Objects.requireNonNull(text, "text");
        return EndpointSyntax.parse(text, 0, text.length(), false);
    }

    /**
     * Parses the non-IP endpoint in {@code text[start, end)} as {@link #parseNonIp(String)} does,
     * without copying the region first (see {@link #parse(CharSequence, int, int)}).
     *
     * @throws IllegalArgumentException with a message naming the fault when the region is not an endpoint
     * @throws IndexOutOfBoundsException when the region is not within {@code text}
     */
    public static Endpoint parseNonIp(CharSequence text, int start, int end) {
        Objects.checkFromToIndex(start, end, text.length());
        return EndpointSyntax.parse(text, start, end, false);
    }

    /** The address without brackets: an IP literal, {@code *}, a Unix path or a netlink/packet word. */
    public String address() {
        return address;
    }

    /** The interface scope ({@code lo} for {@code 127.0.0.1%lo}), if any. */
    public Optional<String> scope() {
        return Optional.ofNullable(scope);
    }

    /** The port number of an IP endpoint; 0 for the wildcard port and for non-IP endpoints. */
    public int port() {
        return port;
    }

    /** The port as ss printed it: digits, {@code *}, a netlink process word or a Unix inode. */
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

    /** Whether this is an IP endpoint (an IP-shaped address or {@code *}, not Unix/netlink/packet). */
    public boolean isIp() {
        return ip;
    }

    /**
     * The address as an {@link InetAddress} (parsed as a literal, never looked up in DNS); empty for
     * the wildcard {@code *} and for non-IP endpoints.
     */
    public Optional<InetAddress> inetAddress() {
        return isIp() ? IpAddresses.tryParse(address) : Optional.empty();
    }

    /**
     * Who can reach this address ({@link AddressScope#ANY} for {@code *}, {@code 0.0.0.0} and
     * {@code ::}); empty for non-IP endpoints and text that is not an IP literal.
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
                && Objects.equals(portText, other.portText) && form == other.form && ip == other.ip;
    }

    @Override
    public int hashCode() {
        return Objects.hash(address, scope, portText(), form, ip);
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
