package dev.bulwark.vpn.wireguard;

import dev.bulwark.core.ParseException;
import dev.bulwark.core.Position;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Objects;

/**
 * A WireGuard preshared key (32 random bytes, like {@code wg genpsk}): a secret mixed into the
 * handshake of one pair of peers. {@code toString()} is redacted; the secret leaves only through
 * {@link #toBase64()}; equality is constant-time.
 */
public final class WireGuardPresharedKey {

    private final byte[] bytes;

    private WireGuardPresharedKey(byte[] bytes) {
        this.bytes = bytes;
    }

    /** 32 bytes from a strong {@link SecureRandom}. */
    public static WireGuardPresharedKey generate() {
        return generate(new SecureRandom());
    }

    /** 32 bytes from {@code random}. */
    public static WireGuardPresharedKey generate(SecureRandom random) {
        byte[] b = new byte[KeyText.KEY_BYTES];
        random.nextBytes(b);
        return new WireGuardPresharedKey(b);
    }

    /**
     * Parses the base64 form; the key is never quoted in the error.
     *
     * @throws ParseException when it is not 32 bytes of canonical base64
     */
    public static WireGuardPresharedKey parse(String base64) {
        return parse(base64, Position.inString(1, 1));
    }

    static WireGuardPresharedKey parse(String base64, Position at) {
        Objects.requireNonNull(base64, "base64");
        return new WireGuardPresharedKey(KeyText.decode(base64.strip(), "a WireGuard preshared key", at, true));
    }

    /** The secret as base64, the form {@code PresharedKey = …} uses. */
    public String toBase64() {
        return KeyText.encode(bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WireGuardPresharedKey && MessageDigest.isEqual(bytes, ((WireGuardPresharedKey) o).bytes);
    }

    @Override
    public int hashCode() {
        return 1;
    }

    @Override
    public String toString() {
        return "WireGuardPresharedKey[redacted]";
    }
}
