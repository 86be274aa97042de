/**
 * OpenSSH certificates: sign user and host certificates as {@code ssh-keygen -s} does, read
 * {@code *-cert.pub} files, list their fields as {@code ssh-keygen -L} does, and verify them as sshd
 * does. The format is
 * <a href="https://github.com/openssh/openssh-portable/blob/master/PROTOCOL.certkeys">PROTOCOL.certkeys</a>;
 * the options are those of ssh-keygen(1) "CERTIFICATES".
 */
package dev.bulwark.ssh.cert;
