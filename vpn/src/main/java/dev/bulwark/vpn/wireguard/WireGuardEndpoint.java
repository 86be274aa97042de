package dev.bulwark.vpn.wireguard;

import dev.bulwark.core.ParseException;
import dev.bulwark.core.Position;
import dev.bulwark.core.ValidationException;
import dev.bulwark.core.net.IpAddresses;
import java.net.InetAddress;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a peer is reached: an IP literal or a DNS name, and a UDP port. {@code toString()} gives
 * the {@code Endpoint =} form: {@code 203.0.113.1:51820}, {@code [2001:db8::1]:51820},
 * {@code vpn.example.com:51820}. A DNS name is resolved by {@code wg} when the config is loaded.
 *
 * @param host an IP literal (IPv6 without brackets) or a DNS name
 * @param port the UDP port, 1 to 65535
 */
public record WireGuardEndpoint(String host, int port) {

    /** Validates the host and port. */
    public WireGuardEndpoint {
        Objects.requireNonNull(host, "host");
        if (port < 1 || port > 65535) {
            throw new ValidationException("endpoint port " + port + " is outside 1..65535");
        }
        Optional<InetAddress> ip = IpAddresses.tryParse(host);
        if (ip.isPresent()) {
            host = IpAddresses.format(ip.get());
        } else if (!Names.isDnsName(host)) {
            throw new ValidationException("endpoint host '" + Names.printable(host)
                    + "' is neither an IP address nor a DNS name");
        }
    }

    /** An endpoint from its parts. */
    public static WireGuardEndpoint of(String host, int port) {
        return new WireGuardEndpoint(host, port);
    }

    /**
     * Parses {@code host:port} or {@code [ipv6]:port}.
     *
     * @throws ParseException naming the problem
     */
    public static WireGuardEndpoint parse(String text) {
        return parse(text, Position.inString(1, 1));
    }

    /** Like {@link #parse(String)}, empty instead of throwing. */
    public static Optional<WireGuardEndpoint> tryParse(String text) {
        try {
            return Optional.of(parse(text));
        } catch (ParseException e) {
            return Optional.empty();
        }
    }

    static WireGuardEndpoint parse(String text, Position at) {
        Objects.requireNonNull(text, "text");
        String host;
        String port;
        if (text.startsWith("[")) {
            int close = text.indexOf("]:");
            if (close < 0) {
                throw new ParseException(at, "endpoint '" + text + "' has no ']:port'", text);
            }
            host = text.substring(1, close);
            port = text.substring(close + 2);
            if (IpAddresses.tryParse(host).filter(a -> a.getAddress().length == 16).isEmpty()) {
                throw new ParseException(at, "endpoint '" + text + "' has no IPv6 address in brackets", text);
            }
        } else {
            int colon = text.lastIndexOf(':');
            if (colon < 0 || text.indexOf(':') != colon) {
                throw new ParseException(at, "endpoint '" + text + "' is not host:port (IPv6 goes in brackets)", text);
            }
            host = text.substring(0, colon);
            port = text.substring(colon + 1);
        }
        if (!port.matches("[0-9]{1,5}")) {
            throw new ParseException(at, "endpoint port '" + port + "' is not a number from 1 to 65535", text);
        }
        try {
            return new WireGuardEndpoint(host, Integer.parseInt(port));
        } catch (ValidationException e) {
            throw new ParseException(at, e.getMessage(), text);
        }
    }

    /** Whether the host is an IP literal (no DNS lookup needed). */
    public boolean isIpLiteral() {
        return IpAddresses.tryParse(host).isPresent();
    }

    @Override
    public String toString() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}
