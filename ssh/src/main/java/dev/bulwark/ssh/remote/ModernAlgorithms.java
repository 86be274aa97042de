package dev.bulwark.ssh.remote;

import com.hierynomus.sshj.key.KeyAlgorithm;
import com.hierynomus.sshj.key.KeyAlgorithms;
import java.util.ArrayList;
import java.util.List;
import net.schmizz.sshj.DefaultConfig;
import net.schmizz.sshj.common.Factory;
import net.schmizz.sshj.common.KeyType;
import net.schmizz.sshj.signature.SignatureRSA;

/**
 * The algorithms Bulwark's SSH client offers, most preferred first: OpenSSH 9's client defaults
 * that sshj implements, without SHA-1 signatures ({@code ssh-rsa}), DSA, SHA-1 key exchange, SHA-1
 * and MD5 MACs, and the CBC, arcfour, 3DES and other legacy ciphers sshj also knows. sshj offers
 * all of those by default, so a server that still accepts one could be made to use it. Not API.
 */
final class ModernAlgorithms {

    static final List<String> KEY_EXCHANGE = List.of("curve25519-sha256", "curve25519-sha256@libssh.org",
            "ecdh-sha2-nistp256", "ecdh-sha2-nistp384", "ecdh-sha2-nistp521", "diffie-hellman-group-exchange-sha256",
            "diffie-hellman-group16-sha512", "diffie-hellman-group18-sha512", "diffie-hellman-group14-sha256",
            "ext-info-c");
    static final List<String> SIGNATURES = List.of("ssh-ed25519-cert-v01@openssh.com", "ssh-ed25519",
            "ecdsa-sha2-nistp256-cert-v01@openssh.com", "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384-cert-v01@openssh.com",
            "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521-cert-v01@openssh.com", "ecdsa-sha2-nistp521",
            "rsa-sha2-512-cert-v01@openssh.com", "rsa-sha2-256-cert-v01@openssh.com", "rsa-sha2-512", "rsa-sha2-256");
    static final List<String> CIPHERS = List.of("chacha20-poly1305@openssh.com", "aes128-gcm@openssh.com",
            "aes256-gcm@openssh.com", "aes128-ctr", "aes192-ctr", "aes256-ctr");
    static final List<String> MACS = List.of("hmac-sha2-256-etm@openssh.com", "hmac-sha2-512-etm@openssh.com",
            "hmac-sha2-256", "hmac-sha2-512");

    private static final String CERT_SUFFIX = "-cert-v01@openssh.com";

    private ModernAlgorithms() {
    }

    /** Leaves only these algorithms, in this order, in the configuration. */
    static void restrict(DefaultConfig config) {
        config.setKeyExchangeFactories(only(config.getKeyExchangeFactories(), KEY_EXCHANGE));
        List<Factory.Named<KeyAlgorithm>> keyAlgorithms = new ArrayList<>(config.getKeyAlgorithms());
        // sshj knows RSA certificates only with SHA-1 signatures (ssh-rsa-cert-v01); OpenSSH offers
        // them with SHA-2 under these names, signing with the certified RSA key as rsa-sha2-512/256.
        keyAlgorithms.add(new KeyAlgorithms.Factory("rsa-sha2-512-cert-v01@openssh.com",
                new SignatureRSA.FactoryRSASHA512(), KeyType.RSA_CERT));
        keyAlgorithms.add(new KeyAlgorithms.Factory("rsa-sha2-256-cert-v01@openssh.com",
                new SignatureRSA.FactoryRSASHA256(), KeyType.RSA_CERT));
        config.setKeyAlgorithms(only(keyAlgorithms, SIGNATURES));
        config.setCipherFactories(only(config.getCipherFactories(), CIPHERS));
        config.setMACFactories(only(config.getMACFactories(), MACS));
    }

    /** The factories named, in the order of {@code names}; every name must be one sshj implements. */
    private static <T> List<Factory.Named<T>> only(List<Factory.Named<T>> available, List<String> names) {
        List<Factory.Named<T>> kept = new ArrayList<>();
        for (String name : names) {
            kept.add(available.stream().filter(f -> f.getName().equals(name)).findFirst()
                    .orElseThrow(() -> new IllegalStateException("sshj does not implement " + name)));
        }
        return kept;
    }

    /**
     * The signature algorithms a key of this type ({@code ssh-ed25519}, {@code ssh-rsa}, …) is
     * used with, most preferred first: RSA keys with SHA-2 only, never {@code ssh-rsa}.
     */
    static List<String> signaturesFor(String keyType) {
        return keyType.equals("ssh-rsa") ? List.of("rsa-sha2-512", "rsa-sha2-256") : List.of(keyType);
    }

    /** Whether a host key algorithm is a certificate one ({@code …-cert-v01@openssh.com}). */
    static boolean isCertificate(String algorithm) {
        return algorithm.endsWith(CERT_SUFFIX);
    }

    /**
     * The plain key type a host key algorithm uses: {@code ssh-ed25519} for itself and
     * {@code ssh-ed25519-cert-v01@openssh.com}, {@code ssh-rsa} for {@code rsa-sha2-512}.
     */
    static String keyTypeOf(String algorithm) {
        String plain = isCertificate(algorithm) ? algorithm.substring(0, algorithm.length() - CERT_SUFFIX.length())
                : algorithm;
        return plain.startsWith("rsa-sha2-") ? "ssh-rsa" : plain;
    }

    /** What a failed negotiation means, for the handshake's error message. */
    static String refusedLegacy() {
        return "Bulwark's client offers only modern algorithms (key exchange " + String.join(",", KEY_EXCHANGE.subList(0, 3))
                + ",…; host keys ssh-ed25519, ecdsa-sha2-*, rsa-sha2-512/256; ciphers chacha20-poly1305, aes-gcm, aes-ctr;"
                + " MACs hmac-sha2-*) and never SHA-1 or DSA signatures, SHA-1 key exchange, CBC or legacy ciphers,"
                + " or SHA-1/MD5 MACs: enable one of those on the server";
    }
}
