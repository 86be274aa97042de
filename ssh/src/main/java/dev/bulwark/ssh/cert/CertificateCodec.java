package dev.bulwark.ssh.cert;

import dev.bulwark.core.ParseException;
import dev.bulwark.core.Position;
import dev.bulwark.ssh.internal.key.PublicKeyCodec;
import dev.bulwark.ssh.internal.wire.WireException;
import dev.bulwark.ssh.internal.wire.WireReader;
import dev.bulwark.ssh.internal.wire.WireWriter;
import dev.bulwark.ssh.key.KeyAlgorithm;
import dev.bulwark.ssh.key.SshPublicKey;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Decodes and encodes the certificate blob of PROTOCOL.certkeys. */
final class CertificateCodec {

    static final String SUFFIX = "-cert-v01@openssh.com";
    /** OpenSSH's limit on principals in one certificate. */
    static final int MAX_PRINCIPALS = 256;

    private CertificateCodec() {
    }

    /** The plain key type of a certificate type, e.g. {@code ssh-ed25519} for {@code ssh-ed25519-cert-v01@openssh.com}. */
    static String plainType(String certType) {
        if (certType.startsWith("sk-")) {
            return certType.replace(SUFFIX, "@openssh.com");
        }
        return certType.substring(0, certType.length() - SUFFIX.length());
    }

    static SshCertificate decode(byte[] blob, String comment, Position at) {
        try {
            WireReader r = new WireReader(blob);
            String certType = r.readUtf8("certificate type");
            if (!certType.endsWith(SUFFIX)) {
                throw new ParseException(at, "not a certificate type", certType);
            }
            String plain = plainType(certType);
            byte[] nonce = r.readString("nonce");
            int fieldsStart = r.position();
            KeyAlgorithm algorithm = KeyAlgorithm.fromWireName(plain);
            if (algorithm != KeyAlgorithm.OPAQUE) {
                PublicKeyCodec.readFields(r, algorithm);
            } else if (plain.equals("sk-ssh-ed25519@openssh.com")) {
                r.readString("public key");
                r.readString("application");
            } else if (plain.equals("sk-ecdsa-sha2-nistp256@openssh.com")) {
                r.readString("curve");
                r.readString("public point");
                r.readString("application");
            } else {
                throw new ParseException(at, "unsupported certificate type", certType);
            }
            byte[] plainBlob = new WireWriter().writeUtf8(plain)
                    .writeRaw(Arrays.copyOfRange(blob, fieldsStart, r.position())).toByteArray();
            SshPublicKey subject = SshPublicKey.ofBlob(ByteBuffer.wrap(plainBlob), "");
            long serial = r.readUint64("serial");
            long typeCode = r.readUint32("certificate type code");
            CertificateType type = CertificateType.ofCode(typeCode).orElseThrow(
                    () -> new ParseException(at, "unknown certificate type code " + typeCode));
            String keyId = r.readUtf8("key id");
            List<String> principals = new ArrayList<>();
            WireReader pr = r.readNested("principals");
            while (!pr.atEnd()) {
                if (principals.size() == MAX_PRINCIPALS) {
                    throw new ParseException(at, "more than " + MAX_PRINCIPALS + " principals");
                }
                principals.add(pr.readUtf8("principal"));
            }
            long validAfter = r.readUint64("valid after");
            long validBefore = r.readUint64("valid before");
            Map<String, String> critical = options(r.readString("critical options"), at);
            Map<String, String> extensions = options(r.readString("extensions"), at);
            r.readString("reserved");
            byte[] caBlob = r.readString("signature key");
            SshPublicKey ca = SshPublicKey.ofBlob(ByteBuffer.wrap(caBlob), "");
            if (ca.type().endsWith(SUFFIX)) {
                throw new ParseException(at, "the signing key is itself a certificate");
            }
            int signedLength = r.position();
            byte[] signature = r.readString("signature");
            r.expectEnd("the certificate");
            new WireReader(signature).readUtf8("signature algorithm");
            return new SshCertificate(new SshCertificate.Fields(certType, blob, comment, nonce, subject, serial, type,
                    keyId, principals, validAfter, validBefore, critical, extensions, ca, signedLength, signature));
        } catch (WireException e) {
            throw new ParseException(at, "malformed certificate: " + e.getMessage());
        } catch (ParseException e) {
            if (e.position().equals(Position.inString(1, 1)) && !at.equals(e.position())) {
                throw new ParseException(at, e.reason());
            }
            throw e;
        }
    }

    private static Map<String, String> options(byte[] packed, Position at) {
        Map<String, String> out = new LinkedHashMap<>();
        WireReader r = new WireReader(packed);
        while (!r.atEnd()) {
            String name = r.readUtf8("option name");
            byte[] data = r.readString("option data");
            String value = "";
            if (data.length > 0) {
                WireReader d = new WireReader(data);
                value = d.readUtf8("option value");
                d.expectEnd("the option value");
            }
            if (out.put(name, value) != null) {
                throw new ParseException(at, "option '" + name + "' appears twice");
            }
        }
        return Collections.unmodifiableMap(out);
    }

    /** Packs options (sorted by the caller) as name/data pairs; empty values are flags. */
    static byte[] packOptions(Map<String, String> options) {
        WireWriter w = new WireWriter();
        for (Map.Entry<String, String> e : options.entrySet()) {
            w.writeUtf8(e.getKey());
            w.writeString(e.getValue().isEmpty() ? new byte[0]
                    : new WireWriter().writeUtf8(e.getValue()).toByteArray());
        }
        return w.toByteArray();
    }

    static byte[] packPrincipals(List<String> principals) {
        WireWriter w = new WireWriter();
        principals.forEach(p -> w.writeString(p.getBytes(StandardCharsets.UTF_8)));
        return w.toByteArray();
    }
}
