package dev.bulwark.firewall;

import dev.bulwark.core.ValidationException;
import dev.bulwark.core.net.IpNetwork;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Source NAT of a private network behind the address of an outgoing interface (iptables
 * {@code MASQUERADE} in table nat, nftables {@code masquerade} in a nat postrouting chain).
 *
 * @param source       the private network whose traffic is rewritten
 * @param outInterface the interface whose address replaces the source (the public side)
 */
public record Masquerade(IpNetwork source, String outInterface) {

    private static final Pattern INTERFACE = Pattern.compile("[A-Za-z0-9_.+-]{1,15}");

    /** Validates the components. */
    public Masquerade {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(outInterface, "outInterface");
        if (!INTERFACE.matcher(outInterface).matches() || outInterface.matches("\\.{1,2}")) {
            throw new ValidationException("masquerade of " + source + ": interface name '" + outInterface
                    + "' is not 1 to 15 characters of [A-Za-z0-9_.+-]");
        }
    }

    /** The IP version of the network. */
    public IpVersion version() {
        return IpVersion.of(source.address());
    }
}
