package dev.bulwark.vpn.wireguard;

import dev.bulwark.core.ValidationException;
import dev.bulwark.core.net.IpAddresses;
import java.util.Objects;
import java.util.regex.Pattern;

/** Validation of the words rendered into WireGuard configs. Not API. */
final class Names {

    private static final Pattern NODE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,62}");
    private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");
    private static final Pattern INTERFACE = Pattern.compile("[a-zA-Z0-9_=+.-]{1,15}");

    private Names() {
    }

    /** A node or peer name: 1 to 63 of letters, digits, {@code . _ @ -}, starting with a letter or digit. */
    static String node(String name) {
        Objects.requireNonNull(name, "name");
        if (!NODE.matcher(name).matches()) {
            throw new ValidationException("name '" + printable(name) + "' must be 1 to 63 letters, digits, '.', '_', '@'"
                    + " or '-', starting with a letter or digit");
        }
        return name;
    }

    /** A wg-quick interface name (the config file is {@code <name>.conf}). */
    static String iface(String name) {
        Objects.requireNonNull(name, "interface name");
        if (!INTERFACE.matcher(name).matches() || name.equals(".") || name.equals("..")) {
            throw new ValidationException("interface name '" + printable(name)
                    + "' must be 1 to 15 of letters, digits and '_=+.-' (wg-quick's rule)");
        }
        return name;
    }

    /** Whether the text is a DNS host name (labels of letters, digits and inner hyphens, at most 253 characters). */
    static boolean isDnsName(String text) {
        if (text.isEmpty() || text.length() > 253) {
            return false;
        }
        String body = text.endsWith(".") ? text.substring(0, text.length() - 1) : text;
        if (body.isEmpty()) {
            return false;
        }
        for (String label : body.split("\\.", -1)) {
            if (!LABEL.matcher(label).matches()) {
                return false;
            }
        }
        return true;
    }

    /** A DNS entry of wg-quick's {@code DNS =}: an IP address (a resolver) or a search domain. */
    static String dnsEntry(String entry) {
        Objects.requireNonNull(entry, "dns");
        if (IpAddresses.tryParse(entry).isPresent() || isDnsName(entry)) {
            return entry;
        }
        throw new ValidationException("DNS entry '" + printable(entry) + "' is neither an IP address nor a domain name");
    }

    static String printable(String text) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length() && i < 80; i++) {
            char c = text.charAt(i);
            out.append(Character.isISOControl(c) ? String.format("\\u%04x", (int) c) : String.valueOf(c));
        }
        return text.length() > 80 ? out + "..." : out.toString();
    }
}
