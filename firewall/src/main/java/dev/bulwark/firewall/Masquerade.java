package dev.bulwark.firewall;

import dev.bulwark.core.net.IpNetwork;
import java.util.Objects;

/**
 * Source NAT of a private network behind the address of an outgoing interface (iptables
 * {@code MASQUERADE} in table nat, nftables {@code masquerade} in a nat postrouting chain).
 *
 * @param source       the private network whose traffic is rewritten
 * @param outInterface the interface whose address replaces the source (the public side)
 */
public record Masquerade(IpNetwork source, String outInterface) {

    /** Validates the components. */
    public Masquerade {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(outInterface, "outInterface");
        InterfaceName.check("masquerade of " + source, outInterface);
    }

    /** The IP version of the network. */
    public IpVersion version() {
        return IpVersion.of(source.address());
    }
}
