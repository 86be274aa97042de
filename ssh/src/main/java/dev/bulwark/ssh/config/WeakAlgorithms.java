package dev.bulwark.ssh.config;

import java.util.List;
import java.util.Set;

/**
 * Which algorithms the audit calls weak, and the modern lists hardening writes, with their sources:
 * <ul>
 *   <li>ssh-audit's policy (github.com/jtesta/ssh-audit, "fail"/"warn" entries: SHA-1, MD5, CBC
 *       mode, 3DES, 64-bit MAC tags, every encrypt-and-MAC (non-etm) MAC, 1024/2048-bit-SHA-1 groups, DSA) and its
 *       hardening guide for Debian 12 / OpenSSH 9.2 (the modern lists);</li>
 *   <li>Mozilla's OpenSSH guideline (infosec.mozilla.org/guidelines/openssh, "Modern" OpenSSH 6.7+),
 *       which lists the same ciphers and the etm MACs first.</li>
 * </ul>
 */
public final class WeakAlgorithms {

    /** Where the lists come from, quoted in finding messages. */
    public static final String SOURCE = "ssh-audit policy and Mozilla OpenSSH guideline (Modern)";

    /** Ciphers: CBC mode and 3DES (ssh-audit: fail/warn; absent from Mozilla Modern). */
    public static final Set<String> CIPHERS = Set.of("3des-cbc", "aes128-cbc", "aes192-cbc", "aes256-cbc",
            "blowfish-cbc", "cast128-cbc", "arcfour", "arcfour128", "arcfour256", "rijndael-cbc@lysator.liu.se");
    /**
     * MACs: MD5, SHA-1, RIPEMD-160, 64-bit tags, and every encrypt-and-MAC (non-etm) MAC, which MACs
     * the plaintext (ssh-audit warns "using encrypt-and-MAC mode" even for {@code hmac-sha2-256}).
     * The audit also treats any MAC name not ending in {@code -etm@openssh.com} as encrypt-and-MAC.
     */
    public static final Set<String> MACS = Set.of("hmac-md5", "hmac-md5-96", "hmac-md5-etm@openssh.com",
            "hmac-md5-96-etm@openssh.com", "hmac-sha1", "hmac-sha1-96", "hmac-sha1-etm@openssh.com",
            "hmac-sha1-96-etm@openssh.com", "umac-64@openssh.com", "umac-64-etm@openssh.com", "hmac-ripemd160",
            "hmac-ripemd160@openssh.com", "hmac-ripemd160-etm@openssh.com", "umac-128@openssh.com", "hmac-sha2-256",
            "hmac-sha2-512");
    /** Key exchange: SHA-1 based and the 1024-bit group. */
    public static final Set<String> KEX = Set.of("diffie-hellman-group1-sha1", "diffie-hellman-group14-sha1",
            "diffie-hellman-group-exchange-sha1", "gss-group1-sha1-", "gss-gex-sha1-", "gss-group14-sha1-");
    /** Host key and public key algorithms: SHA-1 RSA signatures and DSA. */
    public static final Set<String> KEYS = Set.of("ssh-rsa", "ssh-dss", "ssh-rsa-cert-v01@openssh.com",
            "ssh-dss-cert-v01@openssh.com");

    /** Modern ciphers (ssh-audit's Debian 12 guide; Mozilla Modern). */
    public static final List<String> MODERN_CIPHERS = List.of("chacha20-poly1305@openssh.com",
            "aes256-gcm@openssh.com", "aes128-gcm@openssh.com", "aes256-ctr", "aes192-ctr", "aes128-ctr");
    /** Modern MACs: encrypt-then-MAC with SHA-2 or 128-bit UMAC. */
    public static final List<String> MODERN_MACS = List.of("hmac-sha2-256-etm@openssh.com",
            "hmac-sha2-512-etm@openssh.com", "umac-128-etm@openssh.com");
    /** Modern key exchange: post-quantum hybrid, curve25519, large groups. */
    public static final List<String> MODERN_KEX = List.of("sntrup761x25519-sha512@openssh.com", "curve25519-sha256",
            "curve25519-sha256@libssh.org", "diffie-hellman-group16-sha512", "diffie-hellman-group18-sha512",
            "diffie-hellman-group-exchange-sha256");
    /** Modern host key algorithms: Ed25519 and RSA with SHA-2. */
    public static final List<String> MODERN_HOST_KEYS = List.of("ssh-ed25519", "ssh-ed25519-cert-v01@openssh.com",
            "sk-ssh-ed25519@openssh.com", "sk-ssh-ed25519-cert-v01@openssh.com", "rsa-sha2-512",
            "rsa-sha2-512-cert-v01@openssh.com", "rsa-sha2-256", "rsa-sha2-256-cert-v01@openssh.com");

    private static final String ETM = "-etm@openssh.com";

    private WeakAlgorithms() {
    }

    /** Whether {@code algorithm}, a value of {@code keyword}, is weak. */
    static boolean isWeak(SshdKeyword keyword, String algorithm) {
        switch (keyword) {
            case CIPHERS: return CIPHERS.contains(algorithm);
            case MACS: return MACS.contains(algorithm) || !algorithm.endsWith(ETM);
            case KEX_ALGORITHMS: return KEX.contains(algorithm);
            default: return KEYS.contains(algorithm);
        }
    }
}
