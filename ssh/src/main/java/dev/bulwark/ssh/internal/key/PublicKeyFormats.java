package dev.bulwark.ssh.internal.key;

import dev.bulwark.core.ParseException;
import dev.bulwark.core.Position;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Map;
import org.bouncycastle.asn1.pkcs.RSAPublicKey;

/** RFC 4716 and PEM public key forms. Not API. */
public final class PublicKeyFormats {

    private static final String[] SPKI_ALGORITHMS = {"Ed25519", "EC", "RSA", "DSA"};

    private PublicKeyFormats() {
    }

    /** The {@code Comment} header of RFC 4716 armor, unquoted; empty when absent. */
    public static String rfc4716Comment(Pem pem) {
        String comment = pem.headers().entrySet().stream()
                .filter(e -> e.getKey().equalsIgnoreCase("Comment"))
                .map(Map.Entry::getValue).findFirst().orElse("");
        if (comment.length() >= 2 && comment.startsWith("\"") && comment.endsWith("\"")) {
            // a quoted value escapes '"' and '\\' with a backslash (as PuTTY and toRfc4716 write it)
            String quoted = comment.substring(1, comment.length() - 1);
            StringBuilder plain = new StringBuilder(quoted.length());
            for (int i = 0; i < quoted.length(); i++) {
                char c = quoted.charAt(i);
                if (c == '\\' && i + 1 < quoted.length()) {
                    c = quoted.charAt(++i);
                }
                plain.append(c);
            }
            comment = plain.toString();
        }
        return comment.replace('\0', ' ');
    }

    /** The JDK key of a {@code PUBLIC KEY} or {@code RSA PUBLIC KEY} PEM block. */
    public static PublicKey pemPublicKey(Pem pem, String source) {
        Position at = Position.of(source, pem.line());
        if (pem.label().equals("RSA PUBLIC KEY")) {
            try {
                RSAPublicKey rsa = RSAPublicKey.getInstance(pem.body());
                return KeyFactory.getInstance("RSA").generatePublic(
                        new RSAPublicKeySpec(rsa.getModulus(), rsa.getPublicExponent()));
            } catch (RuntimeException | GeneralSecurityException e) {
                throw new ParseException(at, "invalid PKCS#1 RSA public key");
            }
        }
        if (!pem.label().equals("PUBLIC KEY")) {
            throw new ParseException(at, "expected a public key, found a PEM block labelled '" + pem.label() + "'");
        }
        for (String algorithm : SPKI_ALGORITHMS) {
            try {
                return KeyFactory.getInstance(algorithm).generatePublic(new X509EncodedKeySpec(pem.body()));
            } catch (RuntimeException | GeneralSecurityException e) {
                // try the next algorithm
            }
        }
        throw new ParseException(at, "not an Ed25519, EC, RSA or DSA SubjectPublicKeyInfo");
    }

    /** The RFC 4716 text, lines wrapped at 70 characters as {@code ssh-keygen -e} does. */
    public static String toRfc4716(byte[] blob, String comment) {
        StringBuilder out = new StringBuilder("---- BEGIN SSH2 PUBLIC KEY ----\n");
        if (!comment.isEmpty()) {
            String header = "Comment: \"" + comment.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
            int width = 70;
            while (header.length() > width) {
                out.append(header, 0, width - 1).append("\\\n");
                header = header.substring(width - 1);
            }
            out.append(header).append('\n');
        }
        Pem.wrap(out, Base64.getEncoder().encodeToString(blob), 70);
        return out.append("---- END SSH2 PUBLIC KEY ----\n").toString();
    }

    /** The short type name OpenSSH puts in the randomart frame ({@code ED25519}, {@code RSA}, …). */
    public static String shortTypeName(String type) {
        switch (type) {
            case "ssh-ed25519":
                return "ED25519";
            case "ssh-rsa":
                return "RSA";
            case "ssh-dss":
                return "DSA";
            case "sk-ssh-ed25519@openssh.com":
                return "ED25519-SK";
            case "sk-ecdsa-sha2-nistp256@openssh.com":
                return "ECDSA-SK";
            default:
                return type.startsWith("ecdsa-sha2-") ? "ECDSA" : type;
        }
    }
}
