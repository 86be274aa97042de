package dev.bulwark.ssh.config.internal;

import dev.bulwark.ssh.config.SshdKeyword;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Resolves algorithm lists the way OpenSSH's {@code kex_assemble_names} does: {@code +} appends
 * to the default, {@code -} removes (wildcards allowed), {@code ^} puts in front, a plain list
 * replaces it; wildcards expand against everything OpenSSH 9.2 supports ({@code ssh -Q}),
 * duplicates keep their first place. Not API.
 */
public final class AlgorithmLists {

    static final List<String> ALL_CIPHERS = List.of("3des-cbc", "aes128-cbc", "aes192-cbc", "aes256-cbc",
            "aes128-ctr", "aes192-ctr", "aes256-ctr", "aes128-gcm@openssh.com", "aes256-gcm@openssh.com",
            "chacha20-poly1305@openssh.com");
    static final List<String> ALL_MACS = List.of("hmac-sha1", "hmac-sha1-96", "hmac-sha2-256", "hmac-sha2-512",
            "hmac-md5", "hmac-md5-96", "umac-64@openssh.com", "umac-128@openssh.com", "hmac-sha1-etm@openssh.com",
            "hmac-sha1-96-etm@openssh.com", "hmac-sha2-256-etm@openssh.com", "hmac-sha2-512-etm@openssh.com",
            "hmac-md5-etm@openssh.com", "hmac-md5-96-etm@openssh.com", "umac-64-etm@openssh.com",
            "umac-128-etm@openssh.com");
    static final List<String> ALL_KEX = List.of("diffie-hellman-group1-sha1", "diffie-hellman-group14-sha1",
            "diffie-hellman-group14-sha256", "diffie-hellman-group16-sha512", "diffie-hellman-group18-sha512",
            "diffie-hellman-group-exchange-sha1", "diffie-hellman-group-exchange-sha256", "ecdh-sha2-nistp256",
            "ecdh-sha2-nistp384", "ecdh-sha2-nistp521", "curve25519-sha256", "curve25519-sha256@libssh.org",
            "sntrup761x25519-sha512", "sntrup761x25519-sha512@openssh.com");
    static final List<String> ALL_KEYS = List.of("ssh-ed25519", "ssh-ed25519-cert-v01@openssh.com",
            "sk-ssh-ed25519@openssh.com", "sk-ssh-ed25519-cert-v01@openssh.com", "ecdsa-sha2-nistp256",
            "ecdsa-sha2-nistp256-cert-v01@openssh.com", "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp384-cert-v01@openssh.com",
            "ecdsa-sha2-nistp521", "ecdsa-sha2-nistp521-cert-v01@openssh.com", "sk-ecdsa-sha2-nistp256@openssh.com",
            "sk-ecdsa-sha2-nistp256-cert-v01@openssh.com", "webauthn-sk-ecdsa-sha2-nistp256@openssh.com", "ssh-dss",
            "ssh-dss-cert-v01@openssh.com", "ssh-rsa", "ssh-rsa-cert-v01@openssh.com", "rsa-sha2-256",
            "rsa-sha2-256-cert-v01@openssh.com", "rsa-sha2-512", "rsa-sha2-512-cert-v01@openssh.com");

    private AlgorithmLists() {
    }

    /** Everything OpenSSH 9.2 supports for the keyword ({@code ssh -Q}). */
    public static List<String> supported(SshdKeyword keyword) {
        switch (keyword) {
            case CIPHERS: return ALL_CIPHERS;
            case MACS: return ALL_MACS;
            case KEX_ALGORITHMS: return ALL_KEX;
            default: return ALL_KEYS;
        }
    }

    /** The compiled default list for an {@link SshdKeyword.Kind#ALGORITHMS} keyword. */
    public static List<String> defaults(SshdKeyword keyword) {
        return List.of(keyword.compiledDefault().orElseThrow().split(","));
    }

    /** The effective list for a configured value such as {@code +aes128-cbc} or {@code -hmac-sha1*}. */
    public static List<String> resolve(SshdKeyword keyword, String value) {
        List<String> def = defaults(keyword);
        if (value.isEmpty()) {
            return def;
        }
        char first = value.charAt(0);
        String body = value.substring(first == '+' || first == '-' || first == '^' ? 1 : 0);
        List<String> names = List.of(body.split(","));
        List<String> assembled = new ArrayList<>();
        if (first == '-') {
            for (String d : def) {
                if (names.stream().noneMatch(p -> Patterns.wildcard(d, p))) {
                    assembled.add(d);
                }
            }
            return assembled;
        }
        if (first == '+') {
            assembled.addAll(def);
            assembled.addAll(names);
        } else if (first == '^') {
            assembled.addAll(names);
            assembled.addAll(def);
        } else {
            assembled.addAll(names);
        }
        Set<String> out = new LinkedHashSet<>();
        for (String n : assembled) {
            if (n.indexOf('*') >= 0 || n.indexOf('?') >= 0) {
                for (String s : supported(keyword)) {
                    if (Patterns.wildcard(s, n)) {
                        out.add(s);
                    }
                }
            } else if (!n.isEmpty()) {
                out.add(n);
            }
        }
        return new ArrayList<>(out);
    }
}
