package dev.bulwark.vpn.wireguard;

import dev.bulwark.core.ParseException;
import dev.bulwark.core.Position;
import dev.bulwark.core.ValidationException;
import dev.bulwark.core.net.IpAddresses;
import dev.bulwark.core.net.IpNetwork;
import java.net.InetAddress;
import java.util.Objects;
import java.util.Optional;

/**
 * An address of a WireGuard interface with the prefix length of its network, as in wg-quick's
 * {@code Address = 10.8.0.2/24} (host bits are the point here, unlike {@link IpNetwork}).
 *
 * @param address      the interface's address
 * @param prefixLength the prefix length of the network it is on
 */
public record InterfaceAddress(InetAddress address, int prefixLength) {

    /** Validates the prefix length against the address family. */
    public InterfaceAddress {
        Objects.requireNonNull(address, "address");
        int bits = address.getAddress().length * 8;
        if (prefixLength < 0 || prefixLength > bits) {
            throw new ValidationException("prefix length " + prefixLength + " is outside 0.." + bits);
        }
        address = IpAddresses.parse(IpAddresses.format(address));
    }

    /**
     * Parses {@code 10.8.0.2/24}, {@code fd00::2/64}, or a bare address (as /32 or /128).
     *
     * @throws ParseException when it is not an address with an optional prefix length
     */
    public static InterfaceAddress parse(String text) {
        return parse(text, Position.inString(1, 1));
    }

    /** Like {@link #parse(String)}, empty instead of throwing. */
    public static Optional<InterfaceAddress> tryParse(String text) {
        try {
            return Optional.of(parse(text));
        } catch (ParseException e) {
            return Optional.empty();
        }
    }

    static InterfaceAddress parse(String text, Position at) {
        IpNetwork network = IpNetwork.parseLenient(text);
        int slash = text.indexOf('/');
        InetAddress address = IpAddresses.parse(slash < 0 ? text : text.substring(0, slash), at);
        return new InterfaceAddress(address, network.prefixLength());
    }

    /** The network the address is on. */
    public IpNetwork network() {
        return IpNetwork.containing(address, prefixLength);
    }

    /** The address alone as a host network ({@code /32} or {@code /128}). */
    public IpNetwork host() {
        return IpNetwork.of(address, address.getAddress().length * 8);
    }

    @Override
    public String toString() {
        return IpAddresses.format(address) + "/" + prefixLength;
    }
}
