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

    /**
     * Throws a {@link ValidationException} starting with {@code owner} unless {@code name} is a valid
     * interface name; control characters are described, never copied into the message.
     */
    static void check(String owner, String name) {
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == '\u2028' || c == '\u2029') {
                throw new ValidationException(owner + ": interface name contains a control character (U+"
                        + String.format("%04X", (int) c) + ") at index " + i);
            }
        }
        if (!INTERFACE.matcher(name).matches() || name.equals(".") || name.equals("..")) {
            throw new ValidationException(owner + ": interface name '" + name
                    + "' is not 1 to 15 characters of [A-Za-z0-9_.+-]");
        }
    }
}
