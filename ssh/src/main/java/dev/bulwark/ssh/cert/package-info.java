/**
 * OpenSSH certificates: sign user and host certificates as {@code ssh-keygen -s} does, read
 * {@code *-cert.pub} files, list their fields as {@code ssh-keygen -L} does, and verify them as sshd
 * does. The format is
 * <a href="https://github.com/openssh/openssh-portable/blob/master/PROTOCOL.certkeys">PROTOCOL.certkeys</a>;
 * the options are those of ssh-keygen(1) "CERTIFICATES". Key revocation lists
 * ({@link dev.bulwark.ssh.cert.KeyRevocationList}, {@code ssh-keygen -k}) follow
 * <a href="https://github.com/openssh/openssh-portable/blob/master/PROTOCOL.krl">PROTOCOL.krl</a>.
 *
 * @see <a href="https://man.openbsd.org/ssh-keygen#CERTIFICATES">ssh-keygen(1) CERTIFICATES</a>
 */
package dev.bulwark.ssh.cert;
