package dev.bulwark.benchmarks.scaling;

import dev.bulwark.pki.CertificateRequest;
import dev.bulwark.pki.Der;
import dev.bulwark.pki.Pem;
import dev.bulwark.pki.internal.IndexFormat;
import dev.bulwark.ssh.cert.KeyRevocationList;
import dev.bulwark.ssh.cert.SshCertificate;
import dev.bulwark.ssh.key.SshKeyPair;
import dev.bulwark.ssh.key.SshPublicKey;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Date;
import java.util.Map;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/**
 * The key, certificate and wire-format parsers: PEM, DER, certificates, CRLs, CSRs, SSH public and
 * private key files, SSH certificates and KRLs. Binary inputs travel as ISO-8859-1 strings (one
 * char a byte, a linear conversion). Certificates and CSRs are big, so their counts are n/50 (CRL
 * entries n/5, SSH certificate principals n/500, an SSH public key's comment n/2 characters, under the
 * 32 KiB line limit); the ratio between the two sizes stays 10.
 */
final class KeyCases {

    private static final KeyPair EC = ecKeyPair();
    private static final ContentSigner SIGNER = signer();
    private static final X500Name NAME = new X500Name("CN=Scaling");
    private static final String CERT_PEM = certificatePem();

    private KeyCases() {
    }

    static void add(Map<String, ScalingInputs.Case> cases) {
        cases.put("pem-certificates:valid", new ScalingInputs.Case(n -> CERT_PEM.repeat(Math.max(1, n / 50)),
                t -> Pem.parseCertificates(t, "bundle.pem")));
        cases.put("pem-certificates:junk-lines", new ScalingInputs.Case(n -> "junk line outside any block\n".repeat(n)
                + CERT_PEM, t -> Pem.parseCertificates(t, "bundle.pem")));
        cases.put("pem-certificate:long-body", new ScalingInputs.Case(n -> "-----BEGIN CERTIFICATE-----\n"
                + "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAuv5YRp8Vz0m0iqzZ5l1X\n".repeat(n)
                + "-----END CERTIFICATE-----\n", t -> Pem.parseCertificate(t, "cert.pem")));
        cases.put("der-certificate:deep-nesting", new ScalingInputs.Case(n -> latin1(nested(n / 5)),
                t -> Der.certificate(bytes(t))));
        cases.put("crl:valid", new ScalingInputs.Case(n -> crl(n / 5), t -> Pem.parseCrl(t, "crl.pem")));
        // a CA store's index.txt: n certificates, some revoked; and one subject of n escaped characters
        cases.put("ca-index:valid", new ScalingInputs.Case(n -> {
            StringBuilder out = new StringBuilder(IndexFormat.HEADER).append('\n');
            for (int i = 1; i <= n; i++) {
                out.append(i % 10 == 0 ? "R" : "V").append('\t').append(String.format("%08X", i))
                        .append("\t2027-01-01T00:00:00Z\t")
                        .append(i % 10 == 0 ? "2026-12-01T00:00:00Z\tkeyCompromise" : "-\t-")
                        .append("\tCN=host-").append(i).append(".example.com\n");
            }
            return out.toString();
        }, t -> IndexFormat.parse(t, "index.txt")));
        cases.put("ca-index:long-subject", new ScalingInputs.Case(n -> IndexFormat.HEADER
                + "\nV\t01\t2027-01-01T00:00:00Z\t-\t-\tCN=" + "%25a".repeat(n) + "\n", t -> IndexFormat.parse(t, "index.txt")));
        cases.put("csr:valid", new ScalingInputs.Case(n -> csr(n / 50), t -> CertificateRequest.parse(t, "req.pem")));
        cases.put("csr:long-body", new ScalingInputs.Case(n -> "-----BEGIN CERTIFICATE REQUEST-----\n"
                + "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAuv5YRp8Vz0m0iqzZ5l1X\n".repeat(n)
                + "-----END CERTIFICATE REQUEST-----\n", t -> CertificateRequest.parse(t, "req.pem")));
        SshKeyPair ed = SshKeyPair.generate();
        String blob = ed.publicKey().toOpenSsh().split(" ")[1];
        cases.put("ssh-public-key:long-comment", new ScalingInputs.Case(n -> "ssh-ed25519 " + blob + " " + "c".repeat(n / 2),
                SshPublicKey::parse));
        cases.put("ssh-public-key:long-base64", new ScalingInputs.Case(n -> "ssh-ed25519 " + "A".repeat(10 * n),
                SshPublicKey::parse));
        cases.put("ssh-private-key:long-body", new ScalingInputs.Case(n -> "-----BEGIN OPENSSH PRIVATE KEY-----\n"
                + "b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW\n".repeat(n)
                + "-----END OPENSSH PRIVATE KEY-----\n", t -> SshKeyPair.parse(t, null)));
        cases.put("ssh-private-key:junk-lines", new ScalingInputs.Case(n -> "junk\n".repeat(n) + ed.toOpenSsh(null),
                t -> SshKeyPair.parse(t, null)));
        cases.put("ssh-certificate:principals", new ScalingInputs.Case(n -> {
            String[] principals = new String[Math.max(1, n / 500)]; // OpenSSH allows 256; key lines are at most 32 KiB
            for (int i = 0; i < principals.length; i++) {
                principals[i] = "user" + i;
            }
            return SshCertificate.builder(ed, ed.publicKey()).keyId("scaling").principals(principals).build().toOpenSsh();
        }, SshCertificate::parse));
        cases.put("ssh-certificate:long-base64", new ScalingInputs.Case(
                n -> "ssh-ed25519-cert-v01@openssh.com " + "A".repeat(10 * n), SshCertificate::parse));
        cases.put("krl:serials", new ScalingInputs.Case(n -> {
            var b = KeyRevocationList.builder();
            for (int i = 0; i < n; i++) {
                b.revokeSerial(ed.publicKey(), 3L * i + 1);
            }
            return latin1(b.build().toBytes());
        }, t -> KeyRevocationList.parse(ByteBuffer.wrap(bytes(t)), "krl")));
        cases.put("krl:key-ids", new ScalingInputs.Case(n -> {
            var b = KeyRevocationList.builder();
            for (int i = 0; i < n; i++) {
                b.revokeKeyId(ed.publicKey(), "id" + i);
            }
            return latin1(b.build().toBytes());
        }, t -> KeyRevocationList.parse(ByteBuffer.wrap(bytes(t)), "krl")));
        cases.put("krl:repeated-sections", new ScalingInputs.Case(n -> {
            ByteBuffer one = KeyRevocationList.builder().revokeSerial(ed.publicKey(), 7).build().toBytes();
            byte[] all = new byte[one.remaining()];
            one.get(all);
            int header = 44; // magic 8, format 4, version 8, date 8, flags 8, empty reserved 4, empty comment 4
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write(all, 0, header);
            for (int i = 0; i < n; i++) {
                out.write(all, header, all.length - header);
            }
            return latin1(ByteBuffer.wrap(out.toByteArray()));
        }, t -> KeyRevocationList.parse(ByteBuffer.wrap(bytes(t)), "krl")));
    }

    private static String latin1(ByteBuffer b) {
        byte[] a = new byte[b.remaining()];
        b.duplicate().get(a);
        return latin1(a);
    }

    private static String latin1(byte[] a) {
        return new String(a, StandardCharsets.ISO_8859_1);
    }

    private static byte[] bytes(String t) {
        return t.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** {@code depth} nested DER SEQUENCEs. */
    private static byte[] nested(int depth) {
        byte[] inner = new byte[0];
        for (int i = 0; i < depth; i++) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write(0x30);
            int len = inner.length;
            if (len < 128) {
                out.write(len);
            } else if (len < 256) {
                out.write(0x81);
                out.write(len);
            } else if (len < 65536) {
                out.write(0x82);
                out.write(len >>> 8);
                out.write(len & 255);
            } else {
                out.write(0x83);
                out.write(len >>> 16);
                out.write(len >>> 8 & 255);
                out.write(len & 255);
            }
            out.writeBytes(inner);
            inner = out.toByteArray();
        }
        return inner;
    }

    private static KeyPair ecKeyPair() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(256);
            return g.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ContentSigner signer() {
        try {
            return new JcaContentSignerBuilder("SHA256withECDSA").build(EC.getPrivate());
        } catch (OperatorCreationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String certificatePem() {
        Date now = new Date();
        X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(NAME, BigInteger.ONE, now,
                new Date(now.getTime() + 86_400_000L), NAME, EC.getPublic());
        return pem("CERTIFICATE", encoded(() -> b.build(SIGNER).getEncoded()));
    }

    private static String crl(int entries) {
        Date now = new Date();
        X509v2CRLBuilder b = new X509v2CRLBuilder(NAME, now);
        b.setNextUpdate(new Date(now.getTime() + 86_400_000L));
        for (int i = 0; i < entries; i++) {
            b.addCRLEntry(BigInteger.valueOf(1000L + i), now, 1);
        }
        return pem("X509 CRL", encoded(() -> b.build(SIGNER).getEncoded()));
    }

    private static String csr(int names) {
        GeneralName[] sans = new GeneralName[Math.max(1, names)];
        for (int i = 0; i < sans.length; i++) {
            sans[i] = new GeneralName(GeneralName.dNSName, "host" + i + ".example.com");
        }
        return pem("CERTIFICATE REQUEST", encoded(() -> {
            ExtensionsGenerator ext = new ExtensionsGenerator();
            ext.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(sans));
            return new JcaPKCS10CertificationRequestBuilder(new X500Name("CN=host0.example.com"), EC.getPublic())
                    .addAttribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, ext.generate())
                    .build(SIGNER).getEncoded();
        }));
    }

    private interface Encoder {
        byte[] encode() throws IOException;
    }

    private static byte[] encoded(Encoder e) {
        try {
            return e.encode();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
