package dev.bulwark.ssh.cert;

import dev.bulwark.core.ValidationException;
import dev.bulwark.ssh.internal.lines.Printable;
import dev.bulwark.ssh.key.KeyAlgorithm;
import dev.bulwark.ssh.key.SshPublicKey;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The field checks of {@link SshCertificateBuilder#build()}. */
final class CertificateValidation {

    private static final Set<String> CRITICAL = Set.of("force-command", "source-address", "verify-required");

    private CertificateValidation() {
    }

    static void check(SshPublicKey subject, CertificateType type, String keyId, List<String> principals,
                      Map<String, String> critical, Map<String, String> extensions) {
        if (subject.keyType() == KeyAlgorithm.OPAQUE) {
            throw new ValidationException("subject: Bulwark certifies Ed25519, ECDSA, RSA and DSA keys, not "
                    + subject.type());
        }
        if (keyId == null) {
            throw new ValidationException("keyId: required (ssh-keygen -I); sshd logs it on every login");
        }
        printable("keyId", keyId, true);
        if (principals.size() > CertificateCodec.MAX_PRINCIPALS) {
            throw new ValidationException("principals: " + principals.size() + " principals, OpenSSH accepts at most "
                    + CertificateCodec.MAX_PRINCIPALS);
        }
        Set<String> seen = new HashSet<>();
        for (String p : principals) {
            printable("principals", p, false);
            if (p.isEmpty() || p.contains(",") || p.contains(" ")) {
                throw new ValidationException("principals: '" + p + "' must be non-empty without commas or spaces");
            }
            if (!seen.add(p)) {
                throw new ValidationException("principals: '" + p + "' is given twice");
            }
        }
        if (type == CertificateType.HOST && !critical.isEmpty()) {
            throw new ValidationException("criticalOptions: host certificates take no critical options, got "
                    + critical.keySet());
        }
        if (type == CertificateType.HOST && extensions != null && !extensions.isEmpty()) {
            throw new ValidationException("extensions: host certificates take no extensions, got " + extensions.keySet());
        }
        for (Map.Entry<String, String> e : critical.entrySet()) {
            if (!CRITICAL.contains(e.getKey())) {
                throw new ValidationException("criticalOptions: unknown option '" + e.getKey() + "'");
            }
            printable(e.getKey(), e.getValue(), true);
        }
        if (critical.containsKey("force-command") && critical.get("force-command").isBlank()) {
            throw new ValidationException("forceCommand: the command is empty");
        }
        if (critical.containsKey("source-address")) {
            SshCertificateBuilder.checkSourceAddress(critical.get("source-address"));
        }
        if (extensions != null) {
            for (String name : extensions.keySet()) {
                printable("extensions", name, false);
                if (name.isEmpty() || name.contains(" ")) {
                    throw new ValidationException("extensions: '" + name + "' is not an extension name");
                }
            }
        }
    }

    private static void printable(String field, String value, boolean spaceAllowed) {
        Printable.check(field, value, false);
        for (int i = 0; i < value.length(); i++) {
            if (!spaceAllowed && Character.isWhitespace(value.charAt(i))) {
                throw new ValidationException(field + ": spaces are not allowed (character " + (i + 1) + ")");
            }
        }
    }
}
