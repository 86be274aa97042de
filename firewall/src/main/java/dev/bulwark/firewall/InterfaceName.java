package dev.bulwark.firewall;

import dev.bulwark.core.ValidationException;
import java.util.regex.Pattern;

/**
 * The interface-name rule every backend shares: Linux IFNAMSIZ allows 15 characters, and
 * {@code [A-Za-z0-9_.+-]} is what ufw, firewalld, iptables and nftables all accept; {@code .} and
 * {@code ..} are refused, as the kernel refuses them.
 */
final class InterfaceName {

    private static final Pattern INTERFACE = Pattern.compile("[A-Za-z0-9_.+-]{1,15}");

    private InterfaceName() {
    }

    /** Throws a {@link ValidationException} starting with {@code owner} unless {@code name} is a valid interface name. */
    static void check(String owner, String name) {
        if (!INTERFACE.matcher(name).matches() || name.equals(".") || name.equals("..")) {
            throw new ValidationException(owner + ": interface name '" + name
                    + "' is not 1 to 15 characters of [A-Za-z0-9_.+-]");
        }
    }
}
