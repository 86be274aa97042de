package dev.bulwark.ssh.key;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.core.ParseException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.StringLength;

/** Hostile input only ever yields a value or a positioned ParseException, and never leaks secrets. */
class KeyParserPropertiesTest {

    private static final char[] PASSPHRASE = "sw0rdf1sh-PASSPHRASE".toCharArray();
    private static final SshKeyPair PAIR = SshKeyPair.generate(SshKeyType.ECDSA_P256, new SecureRandom());
    private static final String PLAIN = PAIR.toOpenSsh(null);
    private static final String ENCRYPTED = PAIR.toOpenSsh(PASSPHRASE, 1, new SecureRandom());
    private static final String PKCS8 = PAIR.toPkcs8(null);
    private static final String PUBLIC = PAIR.publicKey().withComment("alice").toOpenSsh();

    @Property(tries = 300)
    void publicKeyParserYieldsAValueOrAPositionedParseException(@ForAll("hostile") String text) {
        checkPublic(text);
    }

    @Property(tries = 300)
    void publicKeyParserSurvivesMutatedKeys(@ForAll("mutatedPublic") String text) {
        checkPublic(text);
    }

    @Property(tries = 200)
    void privateKeyParserYieldsAValueOrAPositionedParseException(@ForAll("hostile") String text) {
        checkPrivate(text);
    }

    @Property(tries = 400)
    void privateKeyParserSurvivesMutatedKeyFiles(@ForAll("mutatedPrivate") String text) {
        checkPrivate(text);
    }

    @Property(tries = 50)
    void publicKeysRoundTripThroughEveryTextForm(@ForAll @StringLength(max = 40) String comment) {
        String stripped = comment.strip();
        if (dev.bulwark.ssh.internal.lines.Printable.firstRefused(stripped, true) >= 0) {
            // a control character, a line separator or a lone surrogate: refused, never written
            assertThatThrownBy(() -> PAIR.publicKey().withComment(stripped).toOpenSsh())
                    .isInstanceOf(dev.bulwark.core.ValidationException.class);
            return;
        }
        String clean = stripped;
        SshPublicKey key = PAIR.publicKey().withComment(clean);
        assertThat(SshPublicKey.parse(key.toOpenSsh()).comment()).isEqualTo(clean.replaceAll("\\s+$", ""));
        assertThat(SshPublicKey.parse(key.toRfc4716())).isEqualTo(key);
        assertThat(SshPublicKey.parse(key.toPem())).isEqualTo(key);
    }

    private static void checkPublic(String text) {
        try {
            SshPublicKey key = SshPublicKey.parse(text);
            assertThat(key.fingerprintSha256()).startsWith("SHA256:");
        } catch (ParseException e) {
            assertThat(e.position().line()).isPositive();
            assertThat(e.getMessage()).startsWith(e.position().toString() + ": ");
        }
    }

    private static void checkPrivate(String text) {
        try {
            SshKeyPair pair = SshKeyPair.parse(text, PASSPHRASE.clone());
            assertThat(pair.publicKey()).isNotNull();
            assertThat(pair.publicKey().fingerprintSha256()).startsWith("SHA256:");
            assertThat(pair.toString()).contains("[redacted]");
        } catch (ParseException e) {
            assertThat(e.getMessage()).startsWith(e.position().toString() + ": ");
            assertNoSecretIn(e.getMessage());
        }
    }

    /** No passphrase, no private scalar and no line of any private key file body in the text. */
    static void assertNoSecretIn(String text) {
        assertThat(text).doesNotContain(new String(PASSPHRASE));
        for (String secret : secrets()) {
            assertThat(text).doesNotContain(secret);
        }
    }

    private static List<String> secrets() {
        List<String> out = new ArrayList<>();
        java.security.interfaces.ECPrivateKey ec = (java.security.interfaces.ECPrivateKey)
                PAIR.privateKey().revealPrivateKey().orElseThrow();
        out.add(ec.getS().toString(16));
        out.add(ec.getS().toString());
        out.add(Base64.getEncoder().encodeToString(ec.getS().toByteArray()));
        out.add(HexFormat.of().formatHex(ec.getS().toByteArray()));
        for (String file : List.of(PLAIN, ENCRYPTED, PKCS8)) {
            for (String line : file.split("\n")) {
                if (!line.startsWith("-----") && line.length() > 20) {
                    out.add(line.substring(0, 20));
                }
            }
        }
        return out;
    }

    @Property(tries = 1)
    void keyObjectsNeverPrintSecrets() {
        assertNoSecretIn(PAIR.toString());
        assertNoSecretIn(PAIR.privateKey().toString());
        assertNoSecretIn(PAIR.publicKey().toString());
    }

    @Provide
    Arbitrary<String> hostile() {
        return Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(300),
                Arbitraries.strings().withCharRange('\0', '\u00ff').ofMaxLength(300),
                Arbitraries.strings().withChars("-BEGIN OPENSSH PRIVATE KEY RSA EC\n:=/+AZaz09,").ofMaxLength(400),
                Arbitraries.strings().withChars("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5\t\r\n\0").ofMaxLength(200),
                Arbitraries.strings().withChars("ab ").ofMinLength(9000).ofMaxLength(40000));
    }

    @Provide
    Arbitrary<String> mutatedPublic() {
        return mutations(PUBLIC + "\n", false).injectDuplicates(0.01);
    }

    @Provide
    Arbitrary<String> mutatedPrivate() {
        return Arbitraries.oneOf(mutations(PLAIN, true), mutations(ENCRYPTED, true), mutations(PKCS8, true),
                mutations(SshPublicKey.parse(PUBLIC).toRfc4716(), true));
    }

    /** The text with one byte of its decoded body (or one character of the text) changed. */
    private static Arbitrary<String> mutations(String text, boolean armored) {
        return Arbitraries.integers().between(0, 1 << 20).flatMap(position ->
                Arbitraries.integers().between(0, 255).map(value -> mutate(text, armored, position, value)));
    }

    private static String mutate(String text, boolean armored, int position, int value) {
        if (armored && text.startsWith("-----") && position % 2 == 0) {
            String[] lines = text.split("\n");
            String body = String.join("", java.util.Arrays.copyOfRange(lines, 1, lines.length - 1));
            byte[] bytes = Base64.getDecoder().decode(body);
            bytes[position % bytes.length] = (byte) value;
            if (position % 4 == 0) {
                bytes = java.util.Arrays.copyOf(bytes, position % bytes.length);
            }
            return lines[0] + "\n" + Base64.getMimeEncoder(70, "\n".getBytes(StandardCharsets.US_ASCII))
                    .encodeToString(bytes) + "\n" + lines[lines.length - 1] + "\n";
        }
        StringBuilder b = new StringBuilder(text);
        b.setCharAt(position % text.length(), (char) value);
        return b.toString();
    }

    @Property(tries = 20)
    void truncatedFilesFailWithAPosition(@ForAll @IntRange(min = 0, max = 400) int length) {
        checkPrivate(PLAIN.substring(0, Math.min(length, PLAIN.length())));
    }
}
