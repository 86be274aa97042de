/**
 * known_hosts files as typed, editable values: plain and hashed ({@code |1|salt|hash}) host
 * names, {@code [host]:port}, wildcard and negated patterns, {@code @cert-authority} and
 * {@code @revoked} markers, host key look-ups that tell a match from a mismatch, an unknown host
 * and a revoked key, host certificates checked against {@code @cert-authority} lines as ssh(1)
 * checks them, and atomic writes that record exactly the host asked for.
 *
 * @see <a href="https://man.openbsd.org/sshd#SSH_KNOWN_HOSTS_FILE_FORMAT">sshd(8) SSH_KNOWN_HOSTS FILE FORMAT</a>
 * @see <a href="https://cvsweb.openbsd.org/src/usr.bin/ssh/PROTOCOL.certkeys?rev=HEAD">PROTOCOL.certkeys</a>
 */
package dev.bulwark.ssh.knownhosts;
