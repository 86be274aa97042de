package dev.bulwark.pki.acme.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NoncesTest {

    private static SecureRandom seeded() throws NoSuchAlgorithmException {
        SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
        random.setSeed(42L);
        return random;
    }

    @Test
    void twoInstancesWithTheSameRandomButAnotherEpochNeverIssueTheSameValue() throws Exception {
        Nonces first = new Nonces(seeded(), 1_000, 7);
        Nonces second = new Nonces(seeded(), 1_000, 8);
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1_000; i++) {
            assertThat(seen.add(first.next())).isTrue();
        }
        for (int i = 0; i < 1_000; i++) {
            String nonce = second.next();
            assertThat(seen.add(nonce)).as(nonce).isTrue();
            assertThat(first.consume(nonce)).isFalse();
            assertThat(first.fromAnotherInstance(nonce)).isTrue();
        }
    }

    @Test
    void aNonceIsAcceptedOnceAndForgottenAfterTwoGenerations() throws Exception {
        Nonces nonces = new Nonces(seeded(), 10, 1);
        String nonce = nonces.next();
        assertThat(nonces.fromAnotherInstance(nonce)).isFalse();
        assertThat(nonces.consume(nonce)).isTrue();
        assertThat(nonces.consume(nonce)).isFalse();
        String old = nonces.next();
        for (int i = 0; i < 25; i++) {
            nonces.next();
        }
        assertThat(nonces.consume(old)).isFalse();
        assertThat(nonces.fromAnotherInstance("AAAAAAAAAAAAAAAAAAAAAA")).isFalse();
    }
}
