package dev.bulwark.ssh.knownhosts;

import dev.bulwark.core.ValidationException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The host field of a known_hosts line: a comma-separated {@link Patterns pattern list} or one
 * {@link Hashed hashed} name ({@code |1|salt|hash}, HMAC-SHA1 keyed with a 20-byte salt).
 */
public sealed interface HostNames {

    /**
     * Whether this field matches the host and port as OpenSSH's hostfile.c decides: a hashed name
     * must equal the HMAC of {@link HostPattern#hostKey}; a pattern list must have a positive match
     * and no negated match.
     */
    boolean matches(String host, int port);

    /** The field as written in the file. */
    String render();

    /** Parses a host field as written (a pattern list, or a {@code |1|} hashed name). */
    static HostNames parse(String field) {
        if (field.startsWith("|")) {
            return Hashed.parse(field);
        }
        List<HostPattern> patterns = new ArrayList<>();
        for (String part : field.split(",", -1)) {
            patterns.add(HostPattern.parse(part));
        }
        return new Patterns(patterns);
    }

    /**
     * A list of host patterns.
     *
     * @param patterns the patterns in order, at least one
     */
    record Patterns(List<HostPattern> patterns) implements HostNames {
        /** Validates and copies the patterns. */
        public Patterns {
            if (patterns == null || patterns.isEmpty()) {
                throw new ValidationException("host list is empty");
            }
            patterns = List.copyOf(patterns);
        }

        /**
         * The plain entry for one literal host and a port ({@code host} or {@code [host]:port}).
         *
         * @throws ValidationException when {@code host} holds a pattern character ({@code * ? [ ] ! , |}),
         *                             starts with {@code #} or {@code @}, or holds whitespace or control
         *                             characters; build patterns with {@link HostNames#parse} instead
         */
        public static Patterns of(String host, int port) {
            return new Patterns(List.of(new HostPattern(HostPattern.hostKey(LiteralHost.check(host), port), false)));
        }

        @Override
        public boolean matches(String host, int port) {
            String name = HostPattern.hostKey(host, port);
            boolean positive = false;
            for (HostPattern p : patterns) {
                if (p.matches(name)) {
                    if (p.negated()) {
                        return false;
                    }
                    positive = true;
                }
            }
            return positive;
        }

        @Override
        public String render() {
            return patterns.stream().map(HostPattern::render).collect(Collectors.joining(","));
        }
    }

    /**
     * A hashed host name, {@code |1|base64(salt)|base64(HMAC-SHA1(salt, name))}.
     *
     * @param salt the base64 of the 20-byte salt
     * @param hash the base64 of the 20-byte HMAC-SHA1
     */
    record Hashed(String salt, String hash) implements HostNames {
        private static final int SHA1_LENGTH = 20;

        /** Validates that both decode to 20 bytes. */
        public Hashed {
            decode("salt", salt);
            decode("hash", hash);
        }

        /** Parses {@code |1|salt|hash}. */
        public static Hashed parse(String field) {
            String[] parts = field.split("\\|", -1);
            if (parts.length != 4 || !parts[0].isEmpty() || !"1".equals(parts[1])) {
                throw new ValidationException("hashed host '" + HostPattern.printable(field) + "' is not |1|salt|hash");
            }
            return new Hashed(parts[2], parts[3]);
        }

        /**
         * Hashes one literal {@code host} (with {@code port}, when not 22) under a fresh salt from
         * {@code random}; {@code host} is checked as by {@link Patterns#of}.
         */
        public static Hashed of(String host, int port, SecureRandom random) {
            LiteralHost.check(host);
            byte[] salt = new byte[SHA1_LENGTH];
            random.nextBytes(salt);
            byte[] mac = hmac(salt, HostPattern.hostKey(host, port));
            Base64.Encoder b64 = Base64.getEncoder();
            return new Hashed(b64.encodeToString(salt), b64.encodeToString(mac));
        }

        @Override
        public boolean matches(String host, int port) {
            byte[] expected = hmac(decode("salt", salt), HostPattern.hostKey(host, port));
            return MessageDigest.isEqual(expected, decode("hash", hash));
        }

        @Override
        public String render() {
            return "|1|" + salt + "|" + hash;
        }

        private static byte[] decode(String what, String base64) {
            byte[] bytes;
            try {
                bytes = Base64.getDecoder().decode(base64 == null ? "" : base64);
            } catch (IllegalArgumentException e) {
                throw new ValidationException("hashed host " + what + " is not base64");
            }
            if (bytes.length != SHA1_LENGTH) {
                throw new ValidationException("hashed host " + what + " is " + bytes.length + " bytes, not 20");
            }
            return bytes;
        }

        private static byte[] hmac(byte[] salt, String name) {
            try {
                Mac mac = Mac.getInstance("HmacSHA1");
                mac.init(new SecretKeySpec(salt, "HmacSHA1"));
                return mac.doFinal(name.getBytes(StandardCharsets.UTF_8));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HmacSHA1 is missing from the JDK", e);
            }
        }
    }
}
