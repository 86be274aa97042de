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
        try {
            return Hook.valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown hook '" + name + "'", e);
        }
    }

    static Optional<Policy> policy(String name) {
        return switch (name) {
            case "accept" -> Optional.of(Policy.ACCEPT);
            case "drop" -> Optional.of(Policy.DROP);
            default -> throw new IllegalArgumentException("policy '" + name + "' is not accept or drop");
        };
    }

    /** A priority: a number, a standard name ({@code filter}, {@code dstnat}, ...) with an optional {@code + n}/{@code - n}. */
    static int priority(String text) {
        String t = text.replace(" ", "");
        int sign = Math.max(t.lastIndexOf('+'), t.lastIndexOf('-'));
        if (sign > 0) {
            int offset = Integer.parseInt(t.substring(sign + 1));
            return priority(t.substring(0, sign)) + (t.charAt(sign) == '-' ? -offset : offset);
        }
        return switch (t) {
            case "raw" -> -300;
            case "mangle" -> -150;
            case "dstnat" -> -100;
            case "filter" -> 0;
            case "security" -> 50;
            case "srcnat" -> 100;
            default -> {
                try {
                    yield Integer.parseInt(t);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("bad priority '" + text + "'", e);
                }
            }
        };
    }
}
