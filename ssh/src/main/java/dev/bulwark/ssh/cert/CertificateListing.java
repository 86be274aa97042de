package dev.bulwark.ssh.cert;

import dev.bulwark.ssh.internal.key.PublicKeyFormats;
import dev.bulwark.ssh.internal.wire.WireWriter;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;

/** Renders a certificate as {@code ssh-keygen -L} lists it (ssh-keygen.c do_show_cert). */
final class CertificateListing {

    private static final String INDENT = "        ";
    private static final Set<String> FLAGS = Set.of("permit-X11-forwarding", "permit-agent-forwarding",
            "permit-port-forwarding", "permit-pty", "permit-user-rc", "no-touch-required");
    private static final Set<String> CRITICAL_WITH_VALUE = Set.of("force-command", "source-address");
    private static final long LAST_SECOND = 253402300799L;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss");

    private CertificateListing() {
    }

    static String render(SshCertificate cert, SshCertificate.Fields f, ZoneId zone) {
        StringBuilder out = new StringBuilder();
        out.append(INDENT).append("Type: ").append(f.certType).append(' ').append(f.type.wireName())
                .append(" certificate\n");
        out.append(INDENT).append("Public key: ").append(PublicKeyFormats.shortTypeName(f.subject.type()))
                .append("-CERT ").append(f.subject.fingerprintSha256()).append('\n');
        out.append(INDENT).append("Signing CA: ").append(PublicKeyFormats.shortTypeName(f.ca.type())).append(' ')
                .append(f.ca.fingerprintSha256()).append(" (using ").append(cert.signatureAlgorithm()).append(")\n");
        out.append(INDENT).append("Key ID: \"").append(f.keyId).append("\"\n");
        out.append(INDENT).append("Serial: ").append(Long.toUnsignedString(f.serial)).append('\n');
        out.append(INDENT).append("Valid: ").append(validity(f, zone)).append('\n');
        out.append(INDENT).append("Principals: ");
        if (f.principals.isEmpty()) {
            out.append("(none)\n");
        } else {
            f.principals.forEach(p -> out.append('\n').append(INDENT).append(INDENT).append(p));
            out.append('\n');
        }
        options(out, "Critical Options: ", f.critical, true);
        options(out, "Extensions: ", f.extensions, false);
        return out.toString();
    }

    private static void options(StringBuilder out, String title, Map<String, String> options, boolean critical) {
        out.append(INDENT).append(title);
        if (options.isEmpty()) {
            out.append("(none)\n");
            return;
        }
        out.append('\n');
        options.forEach((name, value) -> {
            out.append(INDENT).append(INDENT).append(name);
            if (critical && CRITICAL_WITH_VALUE.contains(name)) {
                out.append(' ').append(value);
            } else if (!(critical ? name.equals("verify-required") : FLAGS.contains(name))) {
                if (value.isEmpty()) {
                    out.append(" UNKNOWN FLAG OPTION");
                } else {
                    byte[] data = new WireWriter().writeUtf8(value).toByteArray();
                    out.append(" UNKNOWN OPTION: ").append(HexFormat.of().formatHex(data))
                            .append(" (len ").append(data.length).append(')');
                }
            }
            out.append('\n');
        });
    }

    private static String validity(SshCertificate.Fields f, ZoneId zone) {
        boolean noStart = f.validAfter == 0;
        boolean noEnd = f.validBefore == SshCertificate.FOREVER;
        if (noStart && noEnd) {
            return "forever";
        }
        if (noStart) {
            return "before " + time(f.validBefore, zone);
        }
        if (noEnd) {
            return "after " + time(f.validAfter, zone);
        }
        return "from " + time(f.validAfter, zone) + " to " + time(f.validBefore, zone);
    }

    /** Times past the year 9999 (on the wire they go up to 2^64 - 1 seconds) are shown as its last second. */
    private static String time(long seconds, ZoneId zone) {
        long shown = seconds < 0 || seconds > LAST_SECOND ? LAST_SECOND : seconds;
        return LocalDateTime.ofInstant(SshCertificate.toInstant(shown), zone).format(TIME);
    }
}
