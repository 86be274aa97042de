package dev.bulwark.vpn.wireguard;

import dev.bulwark.core.ValidationException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The {@code [Interface]} section of a wg-quick config: this node's private key and settings.
 * {@code toString()} never shows the private key.
 *
 * @param name       the node's name, rendered as a comment above the section; empty for none
 * @param privateKey the node's private key
 * @param addresses  the interface addresses ({@code Address}; wg-quick only)
 * @param listenPort the UDP port to listen on ({@code ListenPort}); empty for a random port
 * @param dns        resolvers (IP addresses) and search domains ({@code DNS}; wg-quick only)
 * @param mtu        the interface MTU ({@code MTU}, 576 to 65535; wg-quick only); empty for automatic
 */
public record WireGuardInterface(Optional<String> name, WireGuardKey privateKey, List<InterfaceAddress> addresses,
                                 OptionalInt listenPort, List<String> dns, OptionalInt mtu) {

    /** Validates every field. */
    public WireGuardInterface {
        Objects.requireNonNull(name, "name").ifPresent(Names::node);
        Objects.requireNonNull(privateKey, "privateKey");
        addresses = List.copyOf(addresses);
        Objects.requireNonNull(listenPort, "listenPort");
        listenPort.ifPresent(p -> {
            if (p < 1 || p > 65535) {
                throw new ValidationException("ListenPort " + p + " is outside 1..65535");
            }
        });
        dns = List.copyOf(dns);
        dns.forEach(Names::dnsEntry);
        Objects.requireNonNull(mtu, "mtu");
        mtu.ifPresent(m -> {
            if (m < 576 || m > 65535) {
                throw new ValidationException("MTU " + m + " is outside 576..65535");
            }
        });
    }

    /** A copy with another private key. */
    public WireGuardInterface withPrivateKey(WireGuardKey key) {
        return new WireGuardInterface(name, key, addresses, listenPort, dns, mtu);
    }

    @Override
    public String toString() {
        return "[Interface " + name.orElse("") + " public " + privateKey.publicKey() + " " + addresses
                + (listenPort.isPresent() ? " port " + listenPort.getAsInt() : "") + "]";
    }
}
