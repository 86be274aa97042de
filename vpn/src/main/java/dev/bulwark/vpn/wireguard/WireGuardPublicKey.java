package dev.bulwark.vpn.wireguard;

import dev.bulwark.core.ParseException;
import dev.bulwark.core.Position;
import java.util.Objects;
import java.util.Optional;

/**
 * A WireGuard public key: the Curve25519 point of a {@link WireGuardKey}, in the 44-character
 * base64 form {@code wg pubkey} prints. {@code toString()} gives that form.
 *
 * @param base64 the key as base64 (32 bytes)
 */
public record WireGuardPublicKey(String base64) implements Comparable<WireGuardPublicKey> {

    /** Validates the base64 form. */
    public WireGuardPublicKey {
        KeyText.decode(Objects.requireNonNull(base64, "base64"), "a WireGuard public key", Position.inString(1, 1), false);
    }

    /**
     * Parses a public key as {@code wg pubkey} prints it (surrounding whitespace ignored).
     *
     * @throws ParseException when it is not 32 bytes of canonical base64
     */
    public static WireGuardPublicKey parse(String base64) {
        return parse(base64, Position.inString(1, 1));
    }

    static WireGuardPublicKey parse(String base64, Position at) {
        Objects.requireNonNull(base64, "base64");
        String trimmed = base64.strip();
        KeyText.decode(trimmed, "a WireGuard public key", at, false);
        return new WireGuardPublicKey(trimmed);
    }

    /** Like {@link #parse(String)}, empty instead of throwing. */
    public static Optional<WireGuardPublicKey> tryParse(String base64) {
        try {
            return Optional.of(parse(base64));
        } catch (ParseException e) {
            return Optional.empty();
        }
    }

    /** The base64 form, as in {@code PublicKey = …}. */
    public String toBase64() {
        return base64;
    }

    @Override
    public int compareTo(WireGuardPublicKey other) {
        return base64.compareTo(other.base64);
    }

    @Override
    public String toString() {
        return base64;
    }
}
