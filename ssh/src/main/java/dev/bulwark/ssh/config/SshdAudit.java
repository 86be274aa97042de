package dev.bulwark.ssh.config;

import dev.bulwark.core.audit.Finding;
import dev.bulwark.core.audit.Severity;
import dev.bulwark.ssh.config.internal.AlgorithmLists;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The sshd_config audit. Each finding's subject is the {@code file:line} of the line that decides
 * the value, or {@code OpenSSH 9.2 default} when no line does (the message then says "implicit
 * default"); findings that hold only inside a {@code Match} block name the block.
 *
 * <p>Stable ids: {@code ssh.permit-root-login}, {@code ssh.password-authentication},
 * {@code ssh.kbd-interactive-authentication}, {@code ssh.permit-empty-passwords},
 * {@code ssh.pubkey-authentication}, {@code ssh.max-auth-tries}, {@code ssh.x11-forwarding},
 * {@code ssh.no-allow-list}, {@code ssh.login-grace-time}, {@code ssh.weak-ciphers},
 * {@code ssh.weak-macs}, {@code ssh.weak-kex}, {@code ssh.weak-host-key-algorithms},
 * {@code ssh.weak-pubkey-algorithms}, {@code ssh.protocol1-remnant}, {@code ssh.use-pam-passwords},
 * {@code ssh.overridden-setting}.
 */
public final class SshdAudit {

    /** The subject of findings about compiled defaults. */
    public static final String DEFAULT_SUBJECT = "OpenSSH 9.2 default";
    /** Above this many attempts {@code MaxAuthTries} is reported. */
    public static final int MAX_AUTH_TRIES = 4;
    /** Above this many seconds {@code LoginGraceTime} is reported. */
    public static final long MAX_LOGIN_GRACE_SECONDS = 60;

    private SshdAudit() {
    }

    /** Audits the configuration sshd applies at startup and every {@code Match} block. */
    public static List<Finding> audit(SshdConfig config) {
        List<Finding> out = new ArrayList<>();
        EffectiveConfig e = config.effective();
        Scope global = new Scope(e, "");
        authentication(global, out);
        limits(global, e, out);
        algorithms(e, out);
        pam(e, out);
        remnants(config, out);
        overrides(config, out);
        unresolvedIncludes(config, out);
        Map<MatchBlock, List<Directive>> byBlock = new IdentityHashMap<>();
        List<MatchBlock> blocks = new ArrayList<>();
        for (Directive d : config.directives()) {
            if (d.conditions().isEmpty()) {
                continue;
            }
            MatchBlock innermost = d.conditions().get(d.conditions().size() - 1);
            if (d.keyword() == SshdKeyword.MATCH) {
                blocks.add(innermost);
                byBlock.put(innermost, new ArrayList<>());
            } else {
                byBlock.computeIfAbsent(innermost, b -> new ArrayList<>())
                        .add(new Directive(d.keyword(), d.written(), d.arguments(), d.rest(), d.position(), List.of()));
            }
        }
        for (MatchBlock block : blocks) {
            Scope scope = new Scope(EffectiveConfig.of(byBlock.get(block), Optional.empty()), "Inside Match " + block.condition()
                    + " (" + block.position().source() + ":" + block.position().line() + "), only for matching connections: ");
            authentication(scope, out);
        }
        return List.copyOf(out);
    }

    private record Scope(EffectiveConfig config, String prefix) {
        boolean isBlock() {
            return !prefix.isEmpty();
        }

        /** Whether to report this keyword: in a block only when the block sets it. */
        boolean reports(SshdKeyword k) {
            return !isBlock() || !config.isDefault(k);
        }

        String value(SshdKeyword k) {
            return config.value(k).orElse("");
        }

        String subject(SshdKeyword k) {
            return config.source(k).map(Directive::location).orElse(DEFAULT_SUBJECT);
        }

        String describe(SshdKeyword k) {
            Optional<Directive> d = config.source(k);
            String text = d.map(x -> x.written() + " " + x.value()).orElse(k.wireName() + " " + value(k));
            return prefix + text + (d.isEmpty() ? " (implicit default: not set in any file)" : "");
        }

        Finding finding(String id, Severity severity, SshdKeyword k, String what, String remediation) {
            return new Finding(id, severity, subject(k), describe(k) + ": " + what, remediation);
        }
    }

    private static void authentication(Scope s, List<Finding> out) {
        SshdKeyword root = SshdKeyword.PERMIT_ROOT_LOGIN;
        if (s.reports(root) && !s.value(root).equals("no")) {
            String v = s.value(root);
            Severity sev = v.equals("yes") ? Severity.HIGH : v.equals("without-password") ? Severity.MEDIUM : Severity.LOW;
            String what = v.equals("yes") ? "root can log in, with a password too"
                    : v.equals("without-password") ? "root can log in with a key (prohibit-password)"
                    : "root can log in to run forced commands";
            out.add(s.finding("ssh.permit-root-login", sev, root, what,
                    "Set PermitRootLogin no and log in as a named user who uses sudo."));
        }
        flag(s, out, SshdKeyword.PASSWORD_AUTHENTICATION, "yes", "ssh.password-authentication", Severity.HIGH,
                "passwords can be guessed over the network",
                "Set PasswordAuthentication no once key logins work (and keep fail2ban where passwords remain).");
        flag(s, out, SshdKeyword.KBD_INTERACTIVE_AUTHENTICATION, "yes", "ssh.kbd-interactive-authentication",
                Severity.HIGH, "keyboard-interactive (ChallengeResponse) logins ask for passwords through PAM",
                "Set KbdInteractiveAuthentication no (ChallengeResponseAuthentication is its old name).");
        flag(s, out, SshdKeyword.PERMIT_EMPTY_PASSWORDS, "yes", "ssh.permit-empty-passwords", Severity.CRITICAL,
                "accounts without a password can log in", "Set PermitEmptyPasswords no.");
        flag(s, out, SshdKeyword.PUBKEY_AUTHENTICATION, "no", "ssh.pubkey-authentication", Severity.HIGH,
                "key logins are off, leaving passwords", "Set PubkeyAuthentication yes.");
        flag(s, out, SshdKeyword.X11_FORWARDING, "yes", "ssh.x11-forwarding", Severity.LOW,
                "X11 forwarding exposes the client's display to the server", "Set X11Forwarding no.");
        SshdKeyword tries = SshdKeyword.MAX_AUTH_TRIES;
        if (s.reports(tries) && Integer.parseInt(s.value(tries)) > MAX_AUTH_TRIES) {
            out.add(s.finding("ssh.max-auth-tries", Severity.LOW, tries,
                    "more than " + MAX_AUTH_TRIES + " attempts per connection", "Set MaxAuthTries 3."));
        }
    }

    private static void flag(Scope s, List<Finding> out, SshdKeyword k, String bad, String id, Severity sev,
                             String what, String remediation) {
        if (s.reports(k) && s.value(k).equals(bad)) {
            out.add(s.finding(id, sev, k, what, remediation));
        }
    }

    private static void limits(Scope s, EffectiveConfig e, List<Finding> out) {
        if (e.isDefault(SshdKeyword.ALLOW_USERS) && e.isDefault(SshdKeyword.ALLOW_GROUPS)) {
            out.add(new Finding("ssh.no-allow-list", Severity.LOW, DEFAULT_SUBJECT,
                    "Neither AllowUsers nor AllowGroups is set (implicit default): every account with a shell may log in",
                    "List the accounts that need SSH with AllowUsers or AllowGroups."));
        }
        SshdKeyword grace = SshdKeyword.LOGIN_GRACE_TIME;
        long seconds = Long.parseLong(s.value(grace));
        if (seconds == 0 || seconds > MAX_LOGIN_GRACE_SECONDS) {
            out.add(s.finding("ssh.login-grace-time", seconds == 0 ? Severity.MEDIUM : Severity.LOW, grace,
                    seconds == 0 ? "unauthenticated connections are never cut off"
                            : "unauthenticated connections may stay " + seconds + " s",
                    "Set LoginGraceTime 30."));
        }
    }

    private static void algorithms(EffectiveConfig e, List<Finding> out) {
        weak(e, out, SshdKeyword.CIPHERS, "ssh.weak-ciphers");
        weak(e, out, SshdKeyword.MACS, "ssh.weak-macs");
        weak(e, out, SshdKeyword.KEX_ALGORITHMS, "ssh.weak-kex");
        weak(e, out, SshdKeyword.HOST_KEY_ALGORITHMS, "ssh.weak-host-key-algorithms");
        weak(e, out, SshdKeyword.PUBKEY_ACCEPTED_ALGORITHMS, "ssh.weak-pubkey-algorithms");
    }

    private static void weak(EffectiveConfig e, List<Finding> out, SshdKeyword k, String id) {
        List<String> effective = AlgorithmLists.resolve(k, e.source(k).map(d -> d.arguments().get(0)).orElse(""));
        List<String> weak = effective.stream().filter(a -> WeakAlgorithms.isWeak(k, a)).collect(Collectors.toList());
        if (!weak.isEmpty()) {
            String subject = e.source(k).map(Directive::location).orElse(DEFAULT_SUBJECT);
            out.add(new Finding(id, Severity.MEDIUM, subject, k.wireName() + " enables " + String.join(",", weak)
                    + ", weak according to the " + WeakAlgorithms.SOURCE,
                    "Remove them, e.g. " + k.wireName() + " -" + String.join(",", weak) + ", or use Bulwark's hardening."));
        }
    }

    private static void pam(EffectiveConfig e, List<Finding> out) {
        boolean usePam = e.value(SshdKeyword.USE_PAM).orElse("no").equals("yes");
        if (usePam && e.value(SshdKeyword.PASSWORD_AUTHENTICATION).orElse("").equals("no")
                && e.value(SshdKeyword.KBD_INTERACTIVE_AUTHENTICATION).orElse("").equals("yes")) {
            String subject = e.source(SshdKeyword.KBD_INTERACTIVE_AUTHENTICATION).map(Directive::location)
                    .orElse(DEFAULT_SUBJECT);
            out.add(new Finding("ssh.use-pam-passwords", Severity.HIGH, subject,
                    "PasswordAuthentication is no, but UsePAM yes with KbdInteractiveAuthentication yes still lets "
                            + "PAM ask for the password", "Set KbdInteractiveAuthentication no as well."));
        }
    }

    private static void remnants(SshdConfig config, List<Finding> out) {
        for (Directive d : config.directives()) {
            if (d.keyword().isObsolete()) {
                boolean protocol1 = d.keyword() == SshdKeyword.PROTOCOL && d.value().contains("1");
                out.add(new Finding("ssh.protocol1-remnant", protocol1 ? Severity.MEDIUM : Severity.LOW, d.location(),
                        d.written() + " " + d.value() + " is " + d.keyword().multiplicity().name().toLowerCase()
                                + " in OpenSSH 9.2 and has no effect" + (protocol1 ? " (SSH protocol 1 was removed in 7.4)" : ""),
                        "Remove the line."));
            }
        }
    }

    /**
     * An {@code Include} of a {@code ~} path is read from sshd's working directory, which the audit
     * cannot know, so it is not read here: never a silent gap, it is reported and assumed to set anything.
     */
    private static void unresolvedIncludes(SshdConfig config, List<Finding> out) {
        if (config.includeRoot().isEmpty()) {
            return;
        }
        for (Directive d : config.directives(SshdKeyword.INCLUDE)) {
            for (String pattern : d.arguments()) {
                if (IncludeRoot.readsFromWorkingDirectory(pattern)) {
                    out.add(new Finding("ssh.include-unresolved", Severity.HIGH, d.location(),
                            "Include " + (pattern.length() > 80 ? pattern.substring(0, 80) + "..." : pattern) + " could not be read: sshd does not expand '~' in "
                                    + "sshd_config and reads the path relative to its working directory (/ under "
                                    + "systemd), which this audit cannot know; assumed it may set anything, "
                                    + "PermitRootLogin yes included",
                            "Write the Include with an absolute path, e.g. /etc/ssh/sshd_config.d/"
                                    + "local.conf, or remove it."));
                }
            }
        }
    }

    private static void overrides(SshdConfig config, List<Finding> out) {
        EffectiveConfig e = config.effective();
        for (SshdKeyword k : SshdKeyword.values()) {
            if (k.multiplicity() != SshdKeyword.Multiplicity.FIRST_WINS || e.isDefault(k)) {
                continue;
            }
            Directive winner = e.source(k).orElseThrow();
            for (Directive d : config.directives(k)) {
                if (d != winner && d.isGlobal() && !d.value().equalsIgnoreCase(winner.value())) {
                    out.add(new Finding("ssh.overridden-setting", Severity.MEDIUM, d.location(),
                            d.written() + " " + d.value() + " has no effect: sshd uses the first value it reads, "
                                    + winner.written() + " " + winner.value() + " at " + winner.location(),
                            "Change or remove the line at " + winner.location() + " (drop-ins are read where the "
                                    + "Include is, before the lines after it)."));
                }
            }
        }
    }
}
