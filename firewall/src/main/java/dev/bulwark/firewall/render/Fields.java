package dev.bulwark.firewall.render;

import dev.bulwark.core.ValidationException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The grammar of every free-text field a renderer writes, per backend. Each check either returns
 * the text unchanged or throws a {@link ValidationException} that names the field's owner (a rule,
 * an option), the backend and what the backend cannot carry. Nothing is silently rewritten.
 */
final class Fields {

    /** Linux IFNAMSIZ is 16 including the NUL; the characters that all four backends accept. */
    static final Pattern INTERFACE = Pattern.compile("[A-Za-z0-9_.+-]{1,15}");
    /** iptables chain names: XT_EXTENSION_MAXNAMELEN is 29 including the NUL. */
    static final Pattern CHAIN = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,27}");
    /** nftables identifiers (tables, chains, sets) kept to letters, digits and underscores. */
    static final Pattern NFT_IDENTIFIER = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,63}");
    /** firewalld zone names (they become file names under /etc/firewalld/zones). */
    static final Pattern ZONE = Pattern.compile("[A-Za-z0-9_-]{1,17}");

    static final int IPTABLES_COMMENT_BYTES = 255;
    static final int NFT_COMMENT_BYTES = 128;
    static final int UFW_COMMENT_BYTES = 255;

    private static final Set<String> RESERVED_CHAINS = Set.of("INPUT", "OUTPUT", "FORWARD", "PREROUTING",
            "POSTROUTING", "ACCEPT", "DROP", "REJECT", "RETURN", "QUEUE", "LOG", "MASQUERADE", "SNAT", "DNAT");

    private Fields() {
    }

    /** A rule's comment for {@code backend}; {@code owner} names the rule in messages. */
    static String comment(Backend backend, String owner, String text) {
        noControlCharacters(backend, owner, "comment", text);
        int bytes = text.getBytes(StandardCharsets.UTF_8).length;
        switch (backend) {
            case UFW:
                if (text.indexOf('\'') >= 0) {
                    throw new ValidationException(owner + ": ufw comments cannot hold a single quote (')");
                }
                return atMost(backend, owner, text, bytes, UFW_COMMENT_BYTES);
            case NFTABLES:
                if (text.indexOf('"') >= 0) {
                    throw new ValidationException(owner + ": nftables strings cannot hold a double quote (\")");
                }
                return atMost(backend, owner, text, bytes, NFT_COMMENT_BYTES);
            case IPTABLES:
                return atMost(backend, owner, text, bytes, IPTABLES_COMMENT_BYTES);
            default:
                return text;
        }
    }

    /** An interface name: at most 15 characters of {@code [A-Za-z0-9_.+-]}, not {@code .} or {@code ..}. */
    static String interfaceName(Backend backend, String owner, String name) {
        if (!INTERFACE.matcher(name).matches() || name.equals(".") || name.equals("..")) {
            noControlCharacters(backend, owner, "interface name", name);
            throw new ValidationException(owner + ": interface name '" + name + "' is not 1 to 15 characters of"
                    + " [A-Za-z0-9_.+-] (" + backend + ")");
        }
        return name;
    }

    /** An iptables user chain name: at most 28 characters, not a built-in chain or target. */
    static String chain(String owner, String name) {
        noControlCharacters(Backend.IPTABLES, owner, "chain name", name);
        if (!CHAIN.matcher(name).matches() || RESERVED_CHAINS.contains(name)) {
            throw new ValidationException(owner + ": iptables chain name '" + name + "' is not 1 to 28 characters"
                    + " of [A-Za-z0-9_.-] (not starting with '.' or '-', not a built-in chain or target)");
        }
        return name;
    }

    /** An nftables table, chain or set name. */
    static String nftIdentifier(String owner, String what, String name) {
        noControlCharacters(Backend.NFTABLES, owner, what, name);
        if (!NFT_IDENTIFIER.matcher(name).matches()) {
            throw new ValidationException(owner + ": nftables " + what + " '" + name + "' is not a letter followed"
                    + " by at most 63 letters, digits or underscores");
        }
        return name;
    }

    /** A firewalld zone name. */
    static String zone(String owner, String name) {
        noControlCharacters(Backend.FIREWALLD, owner, "zone name", name);
        if (!ZONE.matcher(name).matches()) {
            throw new ValidationException(owner + ": firewalld zone name '" + name + "' is not 1 to 17 characters"
                    + " of [A-Za-z0-9_-]");
        }
        return name;
    }

    /** The text as an iptables-restore double-quoted string: backslash, double and single quote escaped. */
    static String iptablesQuoted(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("'", "\\'") + "\"";
    }

    /** XML text or attribute content with the five predefined entities escaped. */
    static String xml(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&': out.append("&amp;"); break;
                case '<': out.append("&lt;"); break;
                case '>': out.append("&gt;"); break;
                case '"': out.append("&quot;"); break;
                case '\'': out.append("&apos;"); break;
                default: out.append(c);
            }
        }
        return out.toString();
    }

    private static String atMost(Backend backend, String owner, String text, int bytes, int limit) {
        if (bytes > limit) {
            throw new ValidationException(owner + ": " + backend + " comments hold at most " + limit
                    + " bytes; this one has " + bytes);
        }
        return text;
    }

    /** No C0/C1 control character, DEL, or Unicode line/paragraph separator: nothing that starts a new line. */
    static void noControlCharacters(Backend backend, String owner, String field, String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == '\u2028' || c == '\u2029') {
                throw new ValidationException(owner + ": " + field + " contains " + ShellScript.describe(c)
                        + " at index " + i + ", which " + backend + " cannot carry");
            }
            if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                } else {
                    throw new ValidationException(owner + ": " + field + " contains an unpaired surrogate at index " + i
                            + ", which has no UTF-8 form");
                }
            }
        }
    }
}
