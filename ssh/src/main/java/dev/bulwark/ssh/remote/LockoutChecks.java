package dev.bulwark.ssh.remote;

import dev.bulwark.ssh.config.ConnectionSpec;
import dev.bulwark.ssh.config.EffectiveConfig;
import dev.bulwark.ssh.config.SshdConfig;
import dev.bulwark.ssh.config.SshdKeyword;
import dev.bulwark.ssh.config.internal.Patterns;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Checks made before an sshd configuration is applied, so that the session applying it can still
 * log in afterwards: the user stays allowed, public key authentication stays on (and is enough),
 * the key's algorithm stays accepted, the port stays, and every algorithm list still shares a
 * name with what the client negotiates (a post-quantum-only {@code KexAlgorithms} would lock sshj
 * out). Each problem is one sentence.
 *
 * @param connection the session as sshd sees it: user, groups, client address, server address and port
 * @param keyAlgorithms the public key algorithms the session's keys sign with (e.g. {@code ssh-ed25519})
 * @param client the client's algorithms
 */
public record LockoutChecks(ConnectionSpec connection, List<String> keyAlgorithms, ClientAlgorithms client) {

    /** Copies the lists. */
    public LockoutChecks {
        java.util.Objects.requireNonNull(connection, "connection");
        java.util.Objects.requireNonNull(client, "client");
        keyAlgorithms = List.copyOf(keyAlgorithms);
    }

    /** The problems the configuration would cause for this session; empty when none was found. */
    public List<String> problems(SshdConfig config) {
        EffectiveConfig eff = config.effective(connection);
        List<String> out = new ArrayList<>();
        String user = connection.user();
        List<String> deny = eff.values(SshdKeyword.DENY_USERS);
        if (deny.stream().anyMatch(p -> userMatches(user, p))) {
            out.add("DenyUsers would deny " + user);
        }
        List<String> allow = eff.values(SshdKeyword.ALLOW_USERS);
        if (!allow.isEmpty() && allow.stream().noneMatch(p -> userMatches(user, p))) {
            out.add("AllowUsers " + String.join(" ", allow) + " would not allow " + user);
        }
        List<String> denyGroups = eff.values(SshdKeyword.DENY_GROUPS);
        if (!denyGroups.isEmpty() && denyGroups.stream().anyMatch(p -> Patterns.groups(connection.groups(), p))) {
            out.add("DenyGroups would deny a group of " + user);
        }
        List<String> allowGroups = eff.values(SshdKeyword.ALLOW_GROUPS);
        if (!allowGroups.isEmpty() && allowGroups.stream().noneMatch(p -> Patterns.groups(connection.groups(), p))) {
            out.add("AllowGroups " + String.join(" ", allowGroups) + " would not allow " + user);
        }
        String root = first(eff, SshdKeyword.PERMIT_ROOT_LOGIN).orElse("prohibit-password");
        if (user.equals("root") && (root.equals("no") || root.equals("forced-commands-only"))) {
            out.add("PermitRootLogin " + root + " would lock out this session's root login");
        }
        if (first(eff, SshdKeyword.PUBKEY_AUTHENTICATION).orElse("yes").equals("no")) {
            out.add("PubkeyAuthentication no would turn off the key authentication this session uses");
        }
        List<String> methods = eff.values(SshdKeyword.AUTHENTICATION_METHODS);
        if (!methods.isEmpty() && !methods.contains("any")
                && methods.stream().noneMatch(m -> m.equals("publickey"))) {
            out.add("AuthenticationMethods " + String.join(" ", methods)
                    + " has no list that public key authentication alone satisfies");
        }
        int port = connection.localPort();
        List<String> ports = eff.values(SshdKeyword.PORT);
        if (port > 0 && !ports.isEmpty() && !ports.contains(Integer.toString(port))) {
            out.add("Port " + String.join(" ", ports) + " would drop port " + port + " this session uses");
        }
        overlap(eff, SshdKeyword.KEX_ALGORITHMS, client.kex(), out);
        overlap(eff, SshdKeyword.CIPHERS, client.ciphers(), out);
        overlap(eff, SshdKeyword.HOST_KEY_ALGORITHMS, client.hostKeys(), out);
        boolean aead = explicit(eff, SshdKeyword.CIPHERS).map(l -> l.stream().anyMatch(
                c -> c.contains("poly1305") || c.contains("gcm"))).orElse(true);
        if (!aead) {
            overlap(eff, SshdKeyword.MACS, client.macs(), out);
        }
        overlap(eff, SshdKeyword.PUBKEY_ACCEPTED_ALGORITHMS, keyAlgorithms, out);
        return out;
    }

    private static void overlap(EffectiveConfig eff, SshdKeyword keyword, List<String> ours, List<String> out) {
        Optional<List<String>> list = explicit(eff, keyword);
        if (list.isPresent() && list.get().stream().noneMatch(a -> ours.contains(a) || wildcardHit(a, ours))) {
            out.add(keyword.wireName() + " " + String.join(",", list.get()) + " shares no algorithm with this client ("
                    + String.join(",", ours) + ")");
        }
    }

    private static boolean wildcardHit(String pattern, List<String> ours) {
        return (pattern.contains("*") || pattern.contains("?")) && ours.stream().anyMatch(o -> Patterns.wildcard(o, pattern));
    }

    /** The list when set explicitly (not as +, - or ^ changes of OpenSSH's default, which keeps what sshj uses). */
    private static Optional<List<String>> explicit(EffectiveConfig eff, SshdKeyword keyword) {
        if (eff.isDefault(keyword)) {
            return Optional.empty();
        }
        Optional<String> value = first(eff, keyword);
        if (value.isEmpty() || value.get().isEmpty() || "+-^".indexOf(value.get().charAt(0)) >= 0) {
            return Optional.empty();
        }
        return Optional.of(List.of(value.get().split(",")));
    }

    private static Optional<String> first(EffectiveConfig eff, SshdKeyword keyword) {
        return eff.value(keyword).map(v -> v.toLowerCase(Locale.ROOT));
    }

    private boolean userMatches(String user, String pattern) {
        int at = pattern.indexOf('@');
        String userPart = at < 0 ? pattern : pattern.substring(0, at);
        if (!Patterns.wildcard(user, userPart)) {
            return false;
        }
        if (at < 0) {
            return true;
        }
        String hostPart = pattern.substring(at + 1);
        return Patterns.addresses(connection.address(), hostPart) == Patterns.AddressMatch.MATCH
                || Patterns.wildcard(connection.host(), hostPart);
    }
}
