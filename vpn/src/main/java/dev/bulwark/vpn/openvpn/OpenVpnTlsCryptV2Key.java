package dev.bulwark.vpn.openvpn;

import dev.bulwark.core.ParseException;
import dev.bulwark.core.Position;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * A tls-crypt-v2 server key (OpenVPN 2.5+): the server's secret that wraps a distinct
 * control-channel key for every client ({@link #newClientKey}), so that one leaked client file
 * does not expose the others. PEM label {@code OpenVPN tls-crypt-v2 server key}, 128 bytes
 * (an AES-256-CTR key and an HMAC-SHA256 key, each in a 64-byte slot), as
 * {@code openvpn --genkey tls-crypt-v2-server} writes it. A secret: {@code toString()} is redacted.
 *
 * <pre>{@code
 * OpenVpnTlsCryptV2Key serverKey = OpenVpnTlsCryptV2Key.generate();
 * OpenVpnTlsCryptV2Key.ClientKey alice = serverKey.newClientKey(Instant.now(), new SecureRandom());
 * }</pre>
 */
public final class OpenVpnTlsCryptV2Key {

    static final String SERVER_LABEL = "OpenVPN tls-crypt-v2 server key";
    static final String CLIENT_LABEL = "OpenVPN tls-crypt-v2 client key";
    private static final int SERVER_BYTES = 128;
    private static final int CLIENT_KEY_BYTES = 256;
    private static final int TAG_BYTES = 32;
    private static final byte METADATA_TIMESTAMP = 0x01;

    private final byte[] key;

    private OpenVpnTlsCryptV2Key(byte[] key) {
        this.key = key;
    }

    /** A new server key from a strong {@link SecureRandom}. */
    public static OpenVpnTlsCryptV2Key generate() {
        return generate(new SecureRandom());
    }

    /** A new server key from {@code random}. */
    public static OpenVpnTlsCryptV2Key generate(SecureRandom random) {
        byte[] b = new byte[SERVER_BYTES];
        random.nextBytes(b);
        return new OpenVpnTlsCryptV2Key(b);
    }

    /**
     * Parses a server key file.
     *
     * @throws ParseException when it is not a 128-byte {@code OpenVPN tls-crypt-v2 server key} block
     */
    public static OpenVpnTlsCryptV2Key parse(String text, String source) {
        byte[] b = PemText.decode(Objects.requireNonNull(text, "text"), SERVER_LABEL, source);
        if (b.length != SERVER_BYTES) {
            throw new ParseException(Position.of(source, 1), "a tls-crypt-v2 server key has 128 bytes, not " + b.length);
        }
        return new OpenVpnTlsCryptV2Key(b);
    }

    /** Parses text given directly; see {@link #parse(String, String)}. */
    public static OpenVpnTlsCryptV2Key parse(String text) {
        return parse(text, Position.STRING_SOURCE);
    }

    /** Like {@link #parse(String)}, empty instead of throwing. */
    public static Optional<OpenVpnTlsCryptV2Key> tryParse(String text) {
        try {
            return Optional.of(parse(text));
        } catch (ParseException e) {
            return Optional.empty();
        }
    }

    /** The PEM text (the secret). */
    public String render() {
        return PemText.encode(SERVER_LABEL, key);
    }

    /**
     * A new client key wrapped with this server key, its metadata the creation time (as
     * {@code openvpn --genkey tls-crypt-v2-client} does without metadata): the client's random
     * 2048-bit key Kc, then WKc = tag || AES-256-CTR(Ke, IV = tag[0..16], Kc || metadata) || length,
     * where tag = HMAC-SHA256(Ka, length || Kc || metadata).
     */
    public ClientKey newClientKey(Instant created, SecureRandom random) {
        byte[] kc = new byte[CLIENT_KEY_BYTES];
        random.nextBytes(kc);
        byte[] metadata = ByteBuffer.allocate(9).put(METADATA_TIMESTAMP).putLong(created.getEpochSecond()).array();
        int wrappedLength = CLIENT_KEY_BYTES + metadata.length + TAG_BYTES + 2;
        byte[] length = {(byte) (wrappedLength >>> 8), (byte) wrappedLength};
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, 64, 32, "HmacSHA256"));
            mac.update(length);
            mac.update(kc);
            mac.update(metadata);
            byte[] tag = mac.doFinal();
            Cipher ctr = Cipher.getInstance("AES/CTR/NoPadding");
            ctr.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, 0, 32, "AES"), new IvParameterSpec(tag, 0, 16));
            byte[] plain = ByteBuffer.allocate(kc.length + metadata.length).put(kc).put(metadata).array();
            byte[] encrypted = ctr.doFinal(plain);
            Arrays.fill(plain, (byte) 0);
            byte[] file = ByteBuffer.allocate(kc.length + wrappedLength).put(kc).put(tag).put(encrypted).put(length).array();
            Arrays.fill(kc, (byte) 0);
            return new ClientKey(file);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has HmacSHA256 and AES/CTR", e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OpenVpnTlsCryptV2Key && MessageDigest.isEqual(key, ((OpenVpnTlsCryptV2Key) o).key);
    }

    @Override
    public int hashCode() {
        return 1;
    }

    @Override
    public String toString() {
        return "OpenVpnTlsCryptV2Key[redacted]";
    }

    /** A client's tls-crypt-v2 key (its key and the server-wrapped copy), a secret; {@code toString()} is redacted. */
    public static final class ClientKey {
        private final byte[] data;

        private ClientKey(byte[] data) {
            this.data = data;
        }

        /** The PEM text ({@code OpenVPN tls-crypt-v2 client key}), for {@code <tls-crypt-v2>}. */
        public String render() {
            return PemText.encode(CLIENT_LABEL, data);
        }

        @Override
        public String toString() {
            return "OpenVpnTlsCryptV2Key.ClientKey[redacted]";
        }
    }
}
