package dev.bulwark.firewall.parse.internal;

import dev.bulwark.firewall.parse.Family;
import dev.bulwark.firewall.parse.Hook;
import dev.bulwark.firewall.parse.Policy;
import java.util.Locale;
import java.util.Optional;

/** nftables words shared by the JSON and text readers: families, hooks, priorities, policies. Not API. */
final class NftNames {

    private NftNames() {
    }

    static Family family(String name) {
        for (Family f : Family.values()) {
            if (f.wireName().equals(name)) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown table family '" + name + "'");
    }

    static Hook hook(String name) {
        for (Hook h : Hook.values()) {
            if (h.name().toLowerCase(Locale.ROOT).equals(name)) {
                return h;
            }
        }
        throw new IllegalArgumentException("unknown hook '" + name + "'");
    }

    /** The TCP flags nft names, upper case as the ruleset model spells them. */
    static final java.util.List<String> TCP_FLAGS = java.util.List.of("FIN", "SYN", "RST", "PSH", "ACK", "URG", "ECN", "CWR");

    static Optional<Policy> policy(String name) {
        return switch (name) {
            case "accept" -> Optional.of(Policy.ACCEPT);
            case "drop" -> Optional.of(Policy.DROP);
            default -> throw new IllegalArgumentException("policy '" + name + "' is not accept or drop");
        };
    }

    /** A priority: a number, a standard name ({@code filter}, {@code dstnat}, ...) with an optional {@code + n}/{@code - n}. */
    static int priority(String text) {
        return priority(Family.INET, text);
    }

    /**
     * A priority in a family: a number, or a standard name of nft(8) "STANDARD PRIORITY NAMES"
     * (the bridge family has its own values) with an optional {@code + n}/{@code - n}.
     */
    static int priority(Family family, String text) {
        String t = text.replace(" ", "");
        if (t.isEmpty() || t.length() > 40) {
            throw new IllegalArgumentException("bad priority '" + text + "'");
        }
        int sign = Math.max(t.lastIndexOf('+'), t.lastIndexOf('-'));
        if (sign > 0) {
            long offset = number(t.substring(sign + 1), text);
            long v = named(family, t.substring(0, sign), text) + (t.charAt(sign) == '-' ? -offset : offset);
            if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("bad priority '" + text + "'");
            }
            return (int) v;
        }
        return named(family, t, text);
    }

    private static int named(Family family, String t, String text) {
        if (family == Family.BRIDGE) {
            switch (t) {
                case "dstnat":
                    return -300;
                case "filter":
                    return -200;
                case "out":
                    return 100;
                case "srcnat":
                    return 300;
                default:
                    break;
            }
        }
        return switch (t) {
            case "raw" -> -300;
            case "mangle" -> -150;
            case "dstnat" -> -100;
            case "filter" -> 0;
            case "security" -> 50;
            case "srcnat" -> 100;
            default -> number(t, text);
        };
    }

    private static int number(String digits, String text) {
        int start = digits.startsWith("-") ? 1 : 0;
        if (digits.length() == start || digits.length() > 10 || !digits.substring(start).chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("bad priority '" + text + "'");
        }
        long v = Long.parseLong(digits);
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("bad priority '" + text + "'");
        }
        return (int) v;
    }
}
