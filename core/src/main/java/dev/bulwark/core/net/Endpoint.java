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
    private final String portText;
    private final int port;
    private final Form form;

    /** How ss wrote the endpoint, so that {@code toString()} gives the same text back. */
    private enum Form { PLAIN, BRACKETED, UNIX, BARE }

    private final boolean ip;

    private Endpoint(String address, String scope, String portText, Form form, boolean ipFamily) {
        this.address = address;
        this.scope = scope;
        this.portText = portText;
        this.form = form;
        this.ip = ipFamily && form != Form.UNIX && (form != Form.BRACKETED || address.indexOf(':') >= 0)
                && looksLikeIp(address);
        this.port = ip ? portNumber(portText) : 0;
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
        checkWord("address", address);
        return new Endpoint(address, null, port == 0 ? WILDCARD : Integer.toString(port),
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
        checkWord("inode", inode);
        return new Endpoint(path, null, inode, Form.UNIX, false);
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
        return parse(text, true);
    }

    /**
     * Parses a netlink, packet or other non-IP endpoint in ss's {@code address:port} form, such as
     * {@code rtnl:kernel}, {@code [34997]:lo} or {@code *:eth0}: the port may be any word, and the
     * endpoint is never {@link #isIp() an IP endpoint}.
     *
     * @throws IllegalArgumentException with a message naming the fault when the text is not an endpoint
     */
    public static Endpoint parseNonIp(String text) {
        return parse(text, false);
    }

    private static Endpoint parse(String text, boolean ipFamily) {
        Objects.requireNonNull(text, "text");
        if (text.equals(WILDCARD)) {
            return new Endpoint(WILDCARD, null, WILDCARD, Form.BARE, ipFamily);
        }
        boolean bracketed = !text.isEmpty() && text.charAt(0) == '[';
        int hostStart = bracketed ? 1 : 0;
        int hostEnd;
        int after;
        int colon = text.lastIndexOf(':');
        if (bracketed) {
            hostEnd = text.indexOf(']');
            if (hostEnd < 0) {
                throw new IllegalArgumentException("endpoint '" + text + "' has no closing ']'");
            }
            after = hostEnd + 1;
            if (after == text.length() || (text.charAt(after) != ':' && text.charAt(after) != '%')) {
                throw new IllegalArgumentException("endpoint '" + text + "' has no ':port' after ']'");
            }
        } else {
            hostEnd = colon;
            after = colon;
        }
        if (colon < 0 || colon < after) {
            throw new IllegalArgumentException("endpoint '" + text + "' has no ':port'");
        }
        String scope = null;
        if (text.charAt(after) == '%') {
            scope = text.substring(after + 1, colon);
        } else if (!bracketed) {
            int percent = text.indexOf('%');
            if (percent >= 0 && percent < hostEnd) {
                scope = text.substring(percent + 1, hostEnd);
                hostEnd = percent;
            }
        }
        if (colon != after && scope == null) {
            throw new IllegalArgumentException("endpoint '" + text + "' has text between ']' and ':port'");
        }
        String host = text.substring(hostStart, hostEnd);
        String portText = text.substring(colon + 1);
        if (isClean(text)) {
            checkNotEmpty("address", host);
            checkNotEmpty("port", portText);
            if (scope != null) {
                checkNotEmpty("interface scope", scope);
            }
        } else {
            checkWord("address", host);
            checkWord("port", portText);
            if (scope != null) {
                checkWord("interface scope", scope);
            }
        }
        return new Endpoint(host, scope, portText, bracketed ? Form.BRACKETED : Form.PLAIN, ipFamily);
    }

    /** Whether the text holds no space or control character (the common case, checked in one pass). */
    private static boolean isClean(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c <= ' ' || c == 0x7f) {
                return false;
            }
        }
        return true;
    }

    private static void checkNotEmpty(String what, String word) {
        if (word.isEmpty()) {
            throw new IllegalArgumentException("endpoint " + what + " is empty");
        }
    }

    private static void checkWord(String what, String word) {
        Objects.requireNonNull(word, what);
        if (word.isEmpty()) {
            throw new IllegalArgumentException("endpoint " + what + " is empty");
        }
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            if (c <= ' ' || c == 0x7f) {
                throw new IllegalArgumentException("endpoint " + what + " '" + word
                        + "' holds a space or control character");
            }
        }
    }

    private static int portNumber(String portText) {
        if (portText.equals(WILDCARD)) {
            return 0;
        }
        if (portText.length() > 5) {
            throw new IllegalArgumentException("port '" + portText + "' is not a number in 0..65535");
        }
        int value = 0;
        for (int i = 0; i < portText.length(); i++) {
            char c = portText.charAt(i);
            if (c < '0' || c > '9') {
                throw new IllegalArgumentException("port '" + portText + "' is not a number in 0..65535");
            }
            value = value * 10 + (c - '0');
        }
        if (value > 65535) {
            throw new IllegalArgumentException("port '" + portText + "' is not a number in 0..65535");
        }
        return value;
    }

    /** Whether the text has the shape of an IP literal or the wildcard (not a proof of validity). */
    private static boolean looksLikeIp(String address) {
        if (address.equals(WILDCARD)) {
            return true;
        }
        boolean separator = false;
        for (int i = 0; i < address.length(); i++) {
            char c = address.charAt(i);
            if (c == '.' || c == ':') {
                separator = true;
            } else if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) {
                return false;
            }
        }
        return separator;
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
        return portText;
    }

    /** Whether the address is the wildcard: {@code *}, {@code 0.0.0.0} or {@code ::}. */
    public boolean isWildcardAddress() {
        return address.equals(WILDCARD) || address.equals("0.0.0.0") || address.equals("::");
    }

    /** Whether the port is the wildcard {@code *}. */
    public boolean isWildcardPort() {
        return portText.equals(WILDCARD);
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
        return address.equals(other.address) && Objects.equals(scope, other.scope)
                && portText.equals(other.portText) && form == other.form && ip == other.ip;
    }

    @Override
    public int hashCode() {
        return Objects.hash(address, scope, portText, form, ip);
    }

    @Override
    public String toString() {
        if (form == Form.BARE) {
            return WILDCARD;
        }
        StringBuilder out = new StringBuilder(address.length() + portText.length() + 8);
        if (form == Form.BRACKETED) {
            out.append('[').append(address).append(']');
        } else {
            out.append(address);
        }
        if (scope != null) {
            out.append('%').append(scope);
        }
        return out.append(form == Form.UNIX ? ' ' : ':').append(portText).toString();
    }
}
