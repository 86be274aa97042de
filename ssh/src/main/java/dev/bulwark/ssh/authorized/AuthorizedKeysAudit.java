package dev.bulwark.ssh.authorized;

import dev.bulwark.core.audit.Finding;
import dev.bulwark.core.audit.Severity;
import dev.bulwark.ssh.key.KeyAlgorithm;
import dev.bulwark.ssh.key.SshPublicKey;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The checks behind {@link AuthorizedKeys#audit(AuthorizedKeysPolicy)}. */
final class AuthorizedKeysAudit {

    /** The line length sshd(8) documents for authorized_keys ("up to a limit of 8 kilobytes"). */
    static final int DOCUMENTED_LINE_LIMIT = 8192;

    private AuthorizedKeysAudit() {
    }

    static List<Finding> audit(AuthorizedKeys file, AuthorizedKeysPolicy policy, Clock clock) {
        List<Finding> findings = new ArrayList<>();
        Map<SshPublicKey, Integer> firstLine = new HashMap<>();
        List<AuthorizedKeysLine> lines = file.lines();
        for (int i = 0; i < lines.size(); i++) {
            AuthorizedKeysLine line = lines.get(i);
            String subject = file.source() + ":" + (i + 1);
            int bytes = line.text().getBytes(StandardCharsets.UTF_8).length;
            if (bytes > DOCUMENTED_LINE_LIMIT) {
                findings.add(new Finding("ssh.authorized-keys.long-line", Severity.LOW, subject,
                        "line is " + bytes + " bytes, over the 8192 bytes sshd(8) documents; OpenSSH releases that"
                                + " read authorized_keys into a fixed 8 KiB buffer skip it",
                        "use a shorter key (an Ed25519 key line is under 100 bytes) or shorter options"));
            }
            if (line instanceof AuthorizedKeysLine.Invalid) {
                findings.add(new Finding("ssh.authorized-keys.malformed-line", Severity.MEDIUM, subject,
                        "sshd skips this line: " + ((AuthorizedKeysLine.Invalid) line).reason(),
                        "fix or delete the line"));
            } else if (line instanceof AuthorizedKey) {
                AuthorizedKey entry = (AuthorizedKey) line;
                // A line sshd skips (unknown option) neither authorizes nor shadows a later line for the key.
                Integer earlier = entry.isIgnoredBySshd() ? null : firstLine.putIfAbsent(entry.key(), i + 1);
                if (earlier != null) {
                    findings.add(new Finding("ssh.authorized-keys.duplicate-key", Severity.LOW, subject,
                            "key " + entry.key().fingerprintSha256() + " is already on line " + earlier
                                    + "; sshd uses the first line that matches, so this line's options never apply",
                            "delete one of the two lines"));
                }
                keyFindings(entry, subject, policy, findings);
                optionFindings(entry, subject, clock, findings);
            }
        }
        return List.copyOf(findings);
    }

    private static void keyFindings(AuthorizedKey entry, String subject, AuthorizedKeysPolicy policy,
                                    List<Finding> findings) {
        SshPublicKey key = entry.key();
        KeyAlgorithm algorithm = key.keyType();
        String described = key.type() + " " + key.fingerprintSha256();
        if (algorithm == KeyAlgorithm.DSA) {
            findings.add(weak(subject, "DSA key " + described + " is weak (1024-bit DSA, disabled by default since"
                    + " OpenSSH 7.0)", Severity.HIGH));
        } else if (algorithm == KeyAlgorithm.RSA && key.bits() < policy.minimumRsaBits()) {
            findings.add(weak(subject, "RSA key " + described + " has " + key.bits() + " bits, fewer than "
                    + policy.minimumRsaBits(), Severity.HIGH));
        } else if (!policy.ecdsaAllowed() && (algorithm == KeyAlgorithm.ECDSA_P256
                || algorithm == KeyAlgorithm.ECDSA_P384 || algorithm == KeyAlgorithm.ECDSA_P521)) {
            findings.add(weak(subject, "ECDSA key " + described + " is not allowed by the policy", Severity.MEDIUM));
        }
        if (policy.sourceRestrictionRequired() && entry.options().from().isEmpty()) {
            findings.add(new Finding("ssh.authorized-keys.no-source-restriction", Severity.MEDIUM, subject,
                    "key " + described + " may be used from any address",
                    "add from=\"<networks>\" listing the addresses this key is used from"));
        }
    }

    private static void optionFindings(AuthorizedKey entry, String subject, Clock clock, List<Finding> findings) {
        String described = entry.key().type() + " " + entry.key().fingerprintSha256();
        AuthorizedKeyOptions options = entry.options();
        if (options.principals().isPresent() && !options.has(KeyFlag.CERT_AUTHORITY)) {
            findings.add(new Finding("ssh.authorized-keys.principals-without-cert-authority", Severity.MEDIUM, subject,
                    "sshd denies key " + described + ": principals= is only allowed on a cert-authority line",
                    "remove principals=, or add cert-authority if the key is a user CA"));
        }
        for (AuthorizedKeyOption option : options.asList()) {
            if (option instanceof AuthorizedKeyOption.ExpiryTime) {
                AuthorizedKeyOption.ExpiryTime expiry = (AuthorizedKeyOption.ExpiryTime) option;
                Instant at = expiry.toInstant(clock.getZone());
                if (!clock.instant().isBefore(at)) {
                    findings.add(new Finding("ssh.authorized-keys.expired", Severity.LOW, subject,
                            "key " + described + " expired at " + at + " (expiry-time=\"" + expiry.timespec()
                                    + "\"); sshd refuses it",
                            "remove the line, or set a later expiry-time if the key is still needed"));
                }
            }
        }
        if (!options.unknown().isEmpty()) {
            String names = options.unknown().stream().map(AuthorizedKeyOption::keyword)
                    .collect(Collectors.joining("', '", "'", "'"));
            findings.add(new Finding("ssh.authorized-keys.unknown-option", Severity.MEDIUM, subject,
                    "sshd does not know option " + names + " and ignores the whole line (key " + described + ")",
                    "remove or correct the option; sshd(8) AUTHORIZED_KEYS FILE FORMAT lists the valid ones"));
        }
    }

    private static Finding weak(String subject, String message, Severity severity) {
        return new Finding("ssh.authorized-keys.weak-key", severity, subject, message,
                "replace it with an Ed25519 key (ssh-keygen -t ed25519) and remove this line");
    }
}
