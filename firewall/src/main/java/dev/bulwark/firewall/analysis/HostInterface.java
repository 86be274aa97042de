package dev.bulwark.firewall.analysis;

import dev.bulwark.core.ValidationException;
import dev.bulwark.core.net.IpNetwork;
import java.net.InetAddress;
import java.util.List;
import java.util.Objects;

/**
 * One network interface of the analysed host.
 *
 * @param name      the device name ({@code eth0}, {@code wg0})
 * @param kind      what the interface faces
 * @param addresses the host's own addresses on it
 * @param networks  the networks directly connected through it (the addresses' prefixes)
 */
public record HostInterface(String name, InterfaceClass kind, List<InetAddress> addresses, List<IpNetwork> networks) {

    /** Validates and copies the components. */
    public HostInterface {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        addresses = List.copyOf(addresses);
        networks = List.copyOf(networks);
        if (name.isEmpty() || name.length() > 15 || name.chars().anyMatch(c -> c <= ' ' || c == '/' || c >= 0x7f)) {
            throw new ValidationException("interface name '" + name.replaceAll("\\p{Cntrl}", "?")
                    + "' is not a Linux device name (1-15 printable characters, no '/' or space)");
        }
    }

    /** An interface with no addresses known, of the given class. */
    public static HostInterface of(String name, InterfaceClass kind) {
        return new HostInterface(name, kind, List.of(), List.of());
    }

    @Override
    public String toString() {
        return name + " (" + kind.wireName() + ")" + (addresses.isEmpty() ? "" : " " + addresses.stream()
                .map(dev.bulwark.core.net.IpAddresses::format).toList());
    }
}
