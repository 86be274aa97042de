package dev.bulwark.vpn.wireguard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.core.ParseException;
import java.security.SecureRandom;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class WireGuardKeyTest {

    // RFC 7748 section 6.1: Alice's private scalar and public key.
    private static final String RFC_PRIVATE = "77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a";
    private static final String RFC_PUBLIC = "8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a";

    @Test
    void derivesTheRfc7748PublicKey() {
        WireGuardKey key = WireGuardKey.parse(base64(RFC_PRIVATE));
        assertThat(key.publicKey().toBase64()).isEqualTo(base64(RFC_PUBLIC));
    }

    @Test
    void generatedKeysAreClampedAndRoundTrip() {
        for (int i = 0; i < 50; i++) {
            WireGuardKey key = WireGuardKey.generate();
            byte[] raw = Base64.getDecoder().decode(key.toBase64());
            assertThat(raw).hasSize(32);
            assertThat(raw[0] & 7).isZero();
            assertThat(raw[31] & 0x80).isZero();
            assertThat(raw[31] & 0x40).isEqualTo(0x40);
            assertThat(WireGuardKey.parse(key.toBase64())).isEqualTo(key);
            assertThat(WireGuardKey.parse(key.toBase64()).publicKey()).isEqualTo(key.publicKey());
        }
    }

    @Test
    void secretsNeverAppearInToStringOrErrors() {
        WireGuardKey key = WireGuardKey.generate(new SecureRandom());
        assertThat(key.toString()).doesNotContain(key.toBase64()).contains("redacted").contains(key.publicKey().toBase64());
        WireGuardPresharedKey psk = WireGuardPresharedKey.generate();
        assertThat(psk.toString()).isEqualTo("WireGuardPresharedKey[redacted]");
        String almost = key.toBase64().substring(0, 43);
        assertThatThrownBy(() -> WireGuardKey.parse(almost)).isInstanceOf(ParseException.class)
                .hasMessage("<string>:1:1: a WireGuard private key must be 44 characters of base64 (32 bytes), not 43 characters")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(almost));
    }

    @Test
    void rejectsMalformedKeysClearly() {
        assertThatThrownBy(() -> WireGuardPublicKey.parse("not a key"))
                .hasMessage("<string>:1:1: a WireGuard public key must be 44 characters of base64 (32 bytes), not 9 characters in 'not a key'");
        String bad = "A".repeat(10) + "!" + "A".repeat(32) + "=";
        assertThatThrownBy(() -> WireGuardKey.parse(bad))
                .hasMessage("<string>:1:11: a WireGuard private key holds a character that is not base64 at index 10");
        String stray = "A".repeat(42) + "B=";
        assertThatThrownBy(() -> WireGuardPresharedKey.parse(stray))
                .hasMessage("<string>:1:1: a WireGuard preshared key is not canonical base64 (the last character has stray bits)");
        assertThat(WireGuardKey.tryParse("")).isEmpty();
    }

    @Test
    void refusesFortyFourCharactersWithoutPaddingWhichAre33Bytes() {
        String unpadded = "A".repeat(44);
        String message = " must be 44 characters of base64 (32 bytes), not 33 bytes (it must end in '=')";
        assertThatThrownBy(() -> WireGuardKey.parse(unpadded)).isInstanceOf(ParseException.class)
                .hasMessage("<string>:1:44: a WireGuard private key" + message);
        assertThatThrownBy(() -> WireGuardPresharedKey.parse(unpadded)).isInstanceOf(ParseException.class)
                .hasMessage("<string>:1:44: a WireGuard preshared key" + message);
        assertThatThrownBy(() -> WireGuardPublicKey.parse(unpadded)).isInstanceOf(ParseException.class)
                .hasMessage("<string>:1:44: a WireGuard public key" + message + " in '" + unpadded + "'");
        assertThat(WireGuardPublicKey.tryParse(unpadded)).isEmpty();
    }

    @Test
    void equalityIsByValue() {
        WireGuardPresharedKey psk = WireGuardPresharedKey.generate();
        assertThat(WireGuardPresharedKey.parse(psk.toBase64())).isEqualTo(psk);
        assertThat(WireGuardPresharedKey.generate()).isNotEqualTo(psk);
        assertThat(WireGuardKey.generate()).isNotEqualTo(WireGuardKey.generate());
    }

    @Test
    void convertsToAJdkKey() {
        assertThat(WireGuardKey.generate().toPrivateKey().getAlgorithm()).isIn("XDH", "X25519");
    }

    private static String base64(String hex) {
        return Base64.getEncoder().encodeToString(java.util.HexFormat.of().parseHex(hex));
    }
}
