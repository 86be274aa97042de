/**
 * SSH keys: generate, read, write and fingerprint public keys and key pairs.
 *
 * <p>Formats follow OpenSSH: the one-line public key form of sshd(8) "AUTHORIZED_KEYS FILE FORMAT",
 * <a href="https://www.rfc-editor.org/rfc/rfc4716">RFC 4716</a> public keys, the
 * <a href="https://github.com/openssh/openssh-portable/blob/master/PROTOCOL.key">PROTOCOL.key</a>
 * {@code openssh-key-v1} private key format, and PEM (PKCS#1, SEC 1, PKCS#8, SubjectPublicKeyInfo).
 * Fingerprints are those of ssh-keygen(1) {@code -l}.
 */
package dev.bulwark.ssh.key;
