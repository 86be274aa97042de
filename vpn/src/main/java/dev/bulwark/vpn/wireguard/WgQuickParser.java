package dev.bulwark.vpn.wireguard;

import dev.bulwark.core.ParseException;
import dev.bulwark.core.ParseResult;
import dev.bulwark.core.Position;
import dev.bulwark.core.net.IpNetwork;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/** Strict parser of wg-quick files into {@link WireGuardConfig}. Not API. */
final class WgQuickParser {

    private static final int MAX_LINE = 4096;
    private static final java.util.regex.Pattern KEY_SHAPE = java.util.regex.Pattern.compile("[A-Za-z0-9+/]{20,43}=?");
    private static final Set<String> HOOKS = Set.of("preup", "postup", "predown", "postdown", "saveconfig", "table",
            "fwmark");

    private final String source;
    private Section section;
    private Position sectionStart;
    private final Set<String> seen = new HashSet<>();
    private String pendingName;
    private WireGuardInterface iface;
    private final List<WireGuardPeer> peers = new ArrayList<>();
    private final List<Position> peerStarts = new ArrayList<>(); // where each kept peer starts
    private PeerConflicts conflicts; // the kept peers, once the interface is known
    // fields of the section being read
    private Optional<String> name = Optional.empty();
    private WireGuardKey privateKey;
    private final List<InterfaceAddress> addresses = new ArrayList<>();
    private OptionalInt listenPort = OptionalInt.empty();
    private final List<String> dns = new ArrayList<>();
    private OptionalInt mtu = OptionalInt.empty();
    private WireGuardPublicKey publicKey;
    private Optional<WireGuardPresharedKey> psk = Optional.empty();
    private final List<IpNetwork> allowed = new ArrayList<>();
    private Optional<WireGuardEndpoint> endpoint = Optional.empty();
    private OptionalInt keepalive = OptionalInt.empty();

    private enum Section { INTERFACE, PEER, SKIP }

    private final boolean lenient;
    private final List<ParseException> diagnostics = new ArrayList<>();

    WgQuickParser(String source, boolean lenient) {
        this.source = source;
        this.lenient = lenient;
    }

    /** Parses leniently: bad lines and bad peers are skipped and reported; a missing interface is still fatal. */
    ParseResult<WireGuardConfig> parseLenient(String text) {
        return new ParseResult<>(parse(text), diagnostics);
    }

    WireGuardConfig parse(String text) {
        try {
            return parseLines(text);
        } catch (ParseException e) {
            throw redacted(e);
        }
    }

    /**
     * The exception with anything shaped like a key (43 base64 characters and '=') blanked, so that
     * a private key pasted in the wrong place is never quoted.
     */
    private static ParseException redacted(ParseException e) {
        if (!KEY_SHAPE.matcher(e.getMessage()).find()) {
            return e;
        }
        String reason = KEY_SHAPE.matcher(e.reason()).replaceAll("[redacted]");
        String text = e.offendingText().map(t -> KEY_SHAPE.matcher(t).replaceAll("[redacted]")).orElse(null);
        return new ParseException(e.position(), reason, text);
    }

    private WireGuardConfig parseLines(String text) {
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            try {
                line(lines[i], i + 1);
            } catch (ParseException e) {
                if (!lenient) {
                    throw e;
                }
                if (diagnostics.size() < ParseResult.MAX_DIAGNOSTICS) { // the rest would be dropped: not kept alive
                    diagnostics.add(redacted(e));
                }
                if (lines[i].strip().startsWith("[")) {
                    section = Section.SKIP; // the lines of a bad section are dropped with it
                }
            }
        }
        finishSection();
        if (iface == null) {
            throw new ParseException(Position.of(source, 1), "no [Interface] section");
        }
        try {
            return new WireGuardConfig(iface, peers);
        } catch (IllegalArgumentException e) {
            throw new ParseException(peerStarts.isEmpty() ? Position.of(source, 1) : peerStarts.get(peerStarts.size() - 1),
                    e.getMessage());
        }
    }

    private void line(String raw, int number) {
        Position at = Position.of(source, number);
        if (raw.length() > MAX_LINE) {
            throw new ParseException(at, "line is longer than " + MAX_LINE + " characters");
        }
        int hash = raw.indexOf('#');
        // comments too: a name comment holding a carriage return would otherwise be dropped unseen
        for (int i = 0; i < raw.length(); i++) {
            if (Character.isISOControl(raw.charAt(i)) && raw.charAt(i) != '\t') {
                pendingName = null;
                throw new ParseException(new Position(source, number, i + 1), "control character U+"
                        + String.format("%04X", (int) raw.charAt(i)) + (hash >= 0 && i > hash ? " in a comment" : ""));
            }
        }
        String content = (hash < 0 ? raw : raw.substring(0, hash)).strip();
        if (content.isEmpty()) {
            if (hash >= 0) {
                String comment = raw.substring(hash + 1).strip();
                pendingName = comment.matches("[A-Za-z0-9][A-Za-z0-9._@-]{0,62}") ? comment : null;
            }
            return;
        }
        if (content.startsWith("[")) {
            finishSection();
            String header = content.toLowerCase(Locale.ROOT);
            if (header.equals("[interface]")) {
                if (iface != null || section == Section.INTERFACE) {
                    throw new ParseException(at, "a second [Interface] section", content);
                }
                section = Section.INTERFACE;
            } else if (header.equals("[peer]")) {
                section = Section.PEER;
            } else {
                throw new ParseException(at, "unknown section '" + content + "' (expected [Interface] or [Peer])", content);
            }
            sectionStart = at;
            name = Optional.ofNullable(pendingName);
            pendingName = null;
            return;
        }
        pendingName = null;
        if (section == Section.SKIP) {
            return;
        }
        int eq = content.indexOf('=');
        if (eq < 0) {
            throw new ParseException(at, "expected 'Key = Value' or a [section]", content);
        }
        String key = content.substring(0, eq).strip();
        String value = content.substring(eq + 1).strip();
        int valueColumn = raw.indexOf('=') + 2 + (content.substring(eq + 1).length() - content.substring(eq + 1).stripLeading().length());
        Position valueAt = new Position(source, number, Math.max(1, valueColumn));
        Position keyAt = new Position(source, number, raw.length() - raw.stripLeading().length() + 1);
        if (section == null) {
            throw new ParseException(at, "'" + key + "' outside a section (expected [Interface] first)", key);
        }
        String lower = key.toLowerCase(Locale.ROOT);
        boolean list = lower.equals("address") || lower.equals("dns") || lower.equals("allowedips");
        if (!list && !seen.add(lower)) {
            throw new ParseException(at, "'" + key + "' appears twice in one section", key);
        }
        try {
            if (section == Section.INTERFACE) {
                interfaceKey(lower, key, value, valueAt, keyAt);
            } else {
                peerKey(lower, key, value, valueAt, keyAt);
            }
        } catch (ParseException e) {
            boolean secret = lower.equals("privatekey") || lower.equals("presharedkey");
            throw e.position().source().equals(source) ? e
                    : new ParseException(valueAt, e.reason(), secret ? null : value);
        } catch (IllegalArgumentException e) {
            boolean secret = lower.equals("privatekey") || lower.equals("presharedkey");
            throw secret ? new ParseException(valueAt, e.getMessage()) : new ParseException(valueAt, e.getMessage(), value);
        }
    }

    private void interfaceKey(String lower, String key, String value, Position at, Position keyAt) {
        switch (lower) {
            case "privatekey": privateKey = WireGuardKey.parse(value, at); break;
            case "address": splitList(value).forEach(v -> addresses.add(InterfaceAddress.parse(v, at))); break;
            case "listenport": listenPort = OptionalInt.of(number(value, at, "ListenPort")); break;
            case "dns": splitList(value).forEach(v -> dns.add(Names.dnsEntry(v))); break;
            case "mtu": mtu = OptionalInt.of(number(value, at, "MTU")); break;
            default: throw unknown(key, keyAt, "[Interface]");
        }
    }

    private void peerKey(String lower, String key, String value, Position at, Position keyAt) {
        switch (lower) {
            case "publickey": publicKey = WireGuardPublicKey.parse(value, at); break;
            case "presharedkey": psk = Optional.of(WireGuardPresharedKey.parse(value, at)); break;
            case "allowedips": splitList(value).forEach(v -> allowed.add(IpNetwork.parse(v, at))); break;
            case "endpoint": endpoint = Optional.of(WireGuardEndpoint.parse(value, at)); break;
            case "persistentkeepalive":
                int k = value.equalsIgnoreCase("off") ? 0 : number(value, at, "PersistentKeepalive");
                keepalive = k == 0 ? OptionalInt.empty() : OptionalInt.of(k);
                break;
            default: throw unknown(key, keyAt, "[Peer]");
        }
    }

    private ParseException unknown(String key, Position at, String where) {
        if (HOOKS.contains(key.toLowerCase(Locale.ROOT))) {
            return new ParseException(at, "'" + key + "' is not supported in " + where
                    + " (Bulwark's model has no shell hooks, routing tables or marks)", key);
        }
        return new ParseException(at, "unknown key '" + key + "' in " + where, key);
    }

    private static List<String> splitList(String value) {
        List<String> out = new ArrayList<>();
        for (String part : value.split(",", -1)) {
            String item = part.strip();
            if (item.isEmpty()) {
                throw new IllegalArgumentException("empty item in the list '" + value + "'");
            }
            out.add(item);
        }
        return out;
    }

    private static int number(String value, Position at, String what) {
        if (!value.matches("[0-9]{1,5}")) {
            throw new ParseException(at, what + " '" + value + "' is not a number from 1 to 65535", value);
        }
        return Integer.parseInt(value);
    }

    private void finishSection() {
        if (section == Section.INTERFACE) {
            if (privateKey == null) {
                throw new ParseException(sectionStart, "[Interface] has no PrivateKey");
            }
            iface = wrap(() -> new WireGuardInterface(name, privateKey, addresses, listenPort, dns, mtu));
            conflicts = new PeerConflicts(iface);
            List<WireGuardPeer> before = List.copyOf(peers); // peers written above the [Interface]
            List<Position> starts = List.copyOf(peerStarts);
            peers.clear();
            peerStarts.clear();
            for (int i = 0; i < before.size(); i++) {
                Position start = starts.get(i);
                WireGuardPeer peer = before.get(i);
                accept(start, () -> peer);
            }
        } else if (section == Section.PEER) {
            accept(sectionStart, () -> {
                if (publicKey == null) {
                    throw new ParseException(sectionStart, "[Peer] has no PublicKey");
                }
                return new WireGuardPeer(name, publicKey, psk, allowed, endpoint, keepalive);
            });
        }
        seen.clear();
        name = Optional.empty();
        privateKey = null;
        addresses.clear();
        listenPort = OptionalInt.empty();
        dns.clear();
        mtu = OptionalInt.empty();
        publicKey = null;
        psk = Optional.empty();
        allowed.clear();
        endpoint = Optional.empty();
        keepalive = OptionalInt.empty();
    }

    /**
     * Keeps a peer that is valid and, once the interface is known, conflicts with no earlier peer; a
     * conflict is reported at the peer that causes it. Leniently, a bad peer is dropped and reported.
     */
    private void accept(Position start, java.util.function.Supplier<WireGuardPeer> make) {
        try {
            WireGuardPeer peer = wrap(start, make);
            if (conflicts != null) {
                wrap(start, () -> {
                    conflicts.add(peer);
                    return peer;
                });
            }
            peers.add(peer);
            peerStarts.add(start);
        } catch (ParseException e) {
            if (!lenient) {
                throw e;
            }
            if (diagnostics.size() < ParseResult.MAX_DIAGNOSTICS) { // the rest would be dropped: not kept alive
                diagnostics.add(redacted(e));
            }
        }
    }

    private <T> T wrap(java.util.function.Supplier<T> make) {
        return wrap(sectionStart, make);
    }

    private static <T> T wrap(Position at, java.util.function.Supplier<T> make) {
        try {
            return make.get();
        } catch (IllegalArgumentException e) {
            throw e instanceof ParseException ? (ParseException) e : new ParseException(at, e.getMessage());
        }
    }
}
