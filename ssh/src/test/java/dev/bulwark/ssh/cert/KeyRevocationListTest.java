package dev.bulwark.ssh.cert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.core.ParseException;
import dev.bulwark.core.ValidationException;
import dev.bulwark.ssh.key.SshKeyPair;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class KeyRevocationListTest {

    private static final SshKeyPair CA = SshKeyPair.generate();
    private static final KeyRevocationList KRL = KeyRevocationList.builder()
            .clock(Clock.fixed(Instant.parse("2026-11-25T00:00:00Z"), ZoneOffset.UTC))
            .revokeKey(SshKeyPair.generate().publicKey()).revokeSerials(CA.publicKey(), 10, 20)
            .revokeKeyId(null, "x").build();

    @Test
    void roundTripsAndDefaultsTheVersionToTheCreationTime() {
        KeyRevocationList back = KeyRevocationList.parse(KRL.toBytes(), "krl");
        assertThat(back.version()).isEqualTo(Instant.parse("2026-11-25T00:00:00Z").getEpochSecond());
        assertThat(back.generated()).isEqualTo(Instant.parse("2026-11-25T00:00:00Z"));
        assertThat(back.revokedKeys()).isEqualTo(KRL.revokedKeys());
        assertThat(back.certificateRevocations()).hasSize(2);
        assertThat(back.toString()).isEqualTo("KeyRevocationList[version 1795564800, 1 keys, 0 fingerprints,"
                + " 2 CA sections]");
    }

    @Test
    void refusesSerialZeroAndBackwardRanges() {
        assertThatThrownBy(() -> KeyRevocationList.builder().revokeSerial(CA.publicKey(), 0))
                .isInstanceOf(ValidationException.class)
                .hasMessage("serials: range 0-0 must start above 0 and not end before it starts");
        assertThatThrownBy(() -> KeyRevocationList.builder().revokeSerials(CA.publicKey(), 9, 3))
                .hasMessage("serials: range 9-3 must start above 0 and not end before it starts");
    }

    @Test
    void reportsNonKrlData() {
        assertThatThrownBy(() -> KeyRevocationList.parse(ByteBuffer.wrap("hello world".getBytes()), "krl"))
                .isInstanceOf(ParseException.class)
                .hasMessage("krl:1:1: not an OpenSSH key revocation list (wrong magic)");
    }

    @Test
    void readsSectionsLongerThanOneMebibyteAndRefusesKrlsOverSixteen() {
        // 200,000 key ids make a certificate section of about 2.3 MB: a section is bounded by the KRL's size, not a string's
        var builder = KeyRevocationList.builder();
        for (int i = 0; i < 200_000; i++) {
            builder.revokeKeyId(CA.publicKey(), "id" + i);
        }
        ByteBuffer bytes = builder.build().toBytes();
        assertThat(bytes.remaining()).isGreaterThan(2 << 20);
        KeyRevocationList back = KeyRevocationList.parse(bytes, "krl");
        assertThat(back.certificateRevocations()).singleElement()
                .satisfies(c -> assertThat(c.keyIds()).hasSize(200_000).contains("id0", "id199999"));
        assertThatThrownBy(() -> KeyRevocationList.parse(ByteBuffer.allocate(16 * 1024 * 1024 + 1), "big.krl"))
                .isInstanceOf(ParseException.class)
                .hasMessage("big.krl:1:1: key revocation list is larger than 16777216 bytes");
    }

    @Property(tries = 300)
    void parserYieldsAListOrAPositionedParseException(@ForAll("mutated") byte[] data) {
        try {
            KeyRevocationList krl = KeyRevocationList.parse(ByteBuffer.wrap(data), "krl");
            assertThat(krl.toString()).startsWith("KeyRevocationList[");
        } catch (ParseException e) {
            assertThat(e.getMessage()).startsWith("krl:1:1: ");
        }
    }

    @Provide
    Arbitrary<byte[]> mutated() {
        byte[] good = new byte[KRL.toBytes().remaining()];
        KRL.toBytes().get(good);
        return Arbitraries.oneOf(
                Arbitraries.integers().between(0, good.length - 1).flatMap(i -> Arbitraries.integers().between(0, 255)
                        .map(v -> {
                            byte[] copy = good.clone();
                            copy[i] = (byte) (int) v;
                            return copy;
                        })),
                Arbitraries.integers().between(0, good.length).map(n -> java.util.Arrays.copyOf(good, n)),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(300));
    }
}
