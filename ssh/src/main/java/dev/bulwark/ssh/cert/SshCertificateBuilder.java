package dev.bulwark.ssh.cert;

import dev.bulwark.core.ParseException;
import dev.bulwark.core.Position;
import dev.bulwark.core.ValidationException;
import dev.bulwark.core.net.IpNetwork;
import dev.bulwark.ssh.internal.key.Signatures;
import dev.bulwark.ssh.internal.lines.Printable;
import dev.bulwark.ssh.internal.wire.WireReader;
import dev.bulwark.ssh.internal.wire.WireWriter;
import dev.bulwark.ssh.key.SshKeyPair;
import dev.bulwark.ssh.key.SshPublicKey;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Signs an OpenSSH certificate, as {@code ssh-keygen -s ca -I id -n principals -V validity} does.
 * Every setter states its default; {@link #build()} validates the combination and signs with
 * ssh-ed25519, ecdsa-sha2-* or rsa-sha2-512 (never SHA-1).
 */
public final class SshCertificateBuilder {

    /** The extensions ssh-keygen puts in user certificates by default. */
    public static final List<String> DEFAULT_USER_EXTENSIONS = List.of("permit-X11-forwarding",
            "permit-agent-forwarding", "permit-port-forwarding", "permit-pty", "permit-user-rc");
    /** How far back the default validity starts, to absorb clock skew between CA and servers. */
    public static final Duration DEFAULT_BACKDATE = Duration.ofMinutes(5);
    /** The default validity length. */
    public static final Duration DEFAULT_VALIDITY = Duration.ofHours(24);

    private final SshKeyPair ca;
    private final SshPublicKey subject;
    private CertificateType type = CertificateType.USER;
    private String keyId;
    private long serial;
    private final List<String> principals = new ArrayList<>();
    private Instant validAfter;
    private Instant validBefore;
    private Duration validFor = DEFAULT_VALIDITY;
    private boolean forever;
    private Clock clock = Clock.systemUTC();
    private final Map<String, String> critical = new TreeMap<>();
    private final TreeMap<String, String> extensions = new TreeMap<>();
    private boolean extensionsSet;
    private SecureRandom random;
    private String comment = "";

    SshCertificateBuilder(SshKeyPair ca, SshPublicKey subject) {
        this.ca = Objects.requireNonNull(ca, "ca");
        this.subject = Objects.requireNonNull(subject, "subject");
    }

    /** User or host certificate. Default {@link CertificateType#USER}. */
    public SshCertificateBuilder type(CertificateType type) {
        this.type = Objects.requireNonNull(type, "type");
        return this;
    }

    /** The key id sshd logs (ssh-keygen {@code -I}). Required; printable, no control characters. */
    public SshCertificateBuilder keyId(String keyId) {
        this.keyId = Objects.requireNonNull(keyId, "keyId");
        return this;
    }

    /** The serial number, unsigned (ssh-keygen {@code -z}). Default 0. */
    public SshCertificateBuilder serial(long serial) {
        this.serial = serial;
        return this;
    }

    /** Adds principals, user or host names (ssh-keygen {@code -n}). Default none, which sshd refuses for user logins. */
    public SshCertificateBuilder principals(String... names) {
        principals.addAll(Arrays.asList(names));
        return this;
    }

    /** The validity window; {@code validBefore} must be after {@code validAfter}. Default: see {@link #validFor}. */
    public SshCertificateBuilder validBetween(Instant validAfter, Instant validBefore) {
        this.validAfter = Objects.requireNonNull(validAfter, "validAfter");
        this.validBefore = Objects.requireNonNull(validBefore, "validBefore");
        this.forever = false;
        return this;
    }

    /**
     * Valid from {@link #DEFAULT_BACKDATE} before the clock's now until {@code duration} after it.
     * This is the default, with {@link #DEFAULT_VALIDITY} (24 hours).
     */
    public SshCertificateBuilder validFor(Duration duration) {
        this.validFor = Objects.requireNonNull(duration, "duration");
        this.validAfter = null;
        this.validBefore = null;
        this.forever = false;
        return this;
    }

    /** No validity window at all (ssh-keygen's default, not Bulwark's). */
    public SshCertificateBuilder validForever() {
        this.forever = true;
        return this;
    }

    /** The clock for the default validity window. Default {@link Clock#systemUTC()}. */
    public SshCertificateBuilder clock(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        return this;
    }

    /** The {@code force-command} critical option (user certificates only). Default none. */
    public SshCertificateBuilder forceCommand(String command) {
        critical.put("force-command", Objects.requireNonNull(command, "command"));
        return this;
    }

    /** The {@code source-address} critical option: addresses or CIDR networks (user certificates only). Default none. */
    public SshCertificateBuilder sourceAddress(String... networks) {
        critical.put("source-address", String.join(",", networks));
        return this;
    }

    /** The {@code verify-required} critical option for FIDO keys (user certificates only). Default off. */
    public SshCertificateBuilder verifyRequired() {
        critical.put("verify-required", "");
        return this;
    }

    /**
     * Adds an extension such as {@code permit-pty}. Default for user certificates:
     * {@link #DEFAULT_USER_EXTENSIONS}; calling this or {@link #clearExtensions()} replaces the default.
     * Host certificates carry none.
     */
    public SshCertificateBuilder extension(String name) {
        if (!extensionsSet) {
            extensions.clear();
            extensionsSet = true;
        }
        extensions.put(Objects.requireNonNull(name, "name"), "");
        return this;
    }

    /** Removes every extension (ssh-keygen {@code -O clear}), e.g. before adding chosen ones. */
    public SshCertificateBuilder clearExtensions() {
        extensions.clear();
        extensionsSet = true;
        return this;
    }

    /** The source of the nonce and signature randomness. Default a new {@link SecureRandom}. */
    public SshCertificateBuilder random(SecureRandom random) {
        this.random = Objects.requireNonNull(random, "random");
        return this;
    }

    /** The comment after the base64 in the one-line form; printable, no control characters but tab. Default none. */
    public SshCertificateBuilder comment(String comment) {
        this.comment = Objects.requireNonNull(comment, "comment");
        return this;
    }

    /**
     * Validates and signs.
     *
     * @throws ValidationException naming the field at fault, or when the CA key cannot sign (DSA, opaque)
     */
    public SshCertificate build() {
        CertificateValidation.check(subject, type, keyId, principals, critical, extensionsSet ? extensions : null);
        Printable.check("comment", comment, true);
        String algorithm = Signatures.algorithmFor(ca.publicKey().keyType());
        PrivateKey caKey = ca.privateKey().revealPrivateKey().orElseThrow(() ->
                new ValidationException("ca: an opaque key cannot sign; use an Ed25519 key"));
        long after;
        long before;
        if (forever) {
            after = 0;
            before = SshCertificate.FOREVER;
        } else if (validAfter != null) {
            after = validAfter.getEpochSecond();
            before = validBefore.getEpochSecond();
        } else {
            Instant now = clock.instant();
            after = now.minus(DEFAULT_BACKDATE).getEpochSecond();
            before = now.plus(validFor).getEpochSecond();
        }
        if (!forever && (after < 0 || before <= after)) {
            throw new ValidationException("validity: validBefore " + SshCertificate.toInstant(before)
                    + " must be after validAfter " + SshCertificate.toInstant(after));
        }
        Map<String, String> ext = extensionsSet ? extensions : new TreeMap<>();
        if (!extensionsSet && type == CertificateType.USER) {
            DEFAULT_USER_EXTENSIONS.forEach(e -> ext.put(e, ""));
        }
        SecureRandom rng = random == null ? new SecureRandom() : random;
        byte[] nonce = new byte[32];
        rng.nextBytes(nonce);
        byte[] plain = subject.blobBytes();
        WireReader r = new WireReader(plain);
        String plainType = r.readUtf8("type");
        String certType = plainType + CertificateCodec.SUFFIX;
        WireWriter w = new WireWriter().writeUtf8(certType).writeString(nonce)
                .writeRaw(Arrays.copyOfRange(plain, r.position(), plain.length))
                .writeUint64(serial).writeUint32(type.code()).writeUtf8(keyId)
                .writeString(CertificateCodec.packPrincipals(principals))
                .writeUint64(after).writeUint64(before)
                .writeString(CertificateCodec.packOptions(new TreeMap<>(critical)))
                .writeString(CertificateCodec.packOptions(new TreeMap<>(ext)))
                .writeString(new byte[0]).writeString(ca.publicKey().blobBytes());
        byte[] signed = w.toByteArray();
        byte[] signature = Signatures.sign(ca.publicKey().keyType(), caKey, signed, rng);
        if (!Signatures.algorithmOf(signature).equals(algorithm)) {
            throw new IllegalStateException("signed with an unexpected algorithm");
        }
        byte[] blob = w.writeString(signature).toByteArray();
        try {
            return CertificateCodec.decode(blob, comment, Position.inString(1, 1));
        } catch (ParseException e) {
            throw new ValidationException("the certificate cannot be encoded: " + e.reason(), e);
        }
    }

    static void checkSourceAddress(String list) {
        for (String entry : list.split(",", -1)) {
            if (IpNetwork.tryParse(entry).isEmpty()) {
                throw new ValidationException("sourceAddress: '" + entry + "' is not an address or CIDR network"
                        + " such as 192.0.2.0/24");
            }
        }
    }
}
