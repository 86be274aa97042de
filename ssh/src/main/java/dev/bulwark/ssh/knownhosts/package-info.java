/**
 * known_hosts files as typed, editable values: plain and hashed ({@code |1|salt|hash}) host
 * names, {@code [host]:port}, wildcard and negated patterns, {@code @cert-authority} and
 * {@code @revoked} markers, host key look-ups that tell a match from a mismatch, an unknown host
 * and a revoked key, and atomic writes.
 *
 * @see <a href="https://man.openbsd.org/sshd#SSH_KNOWN_HOSTS_FILE_FORMAT">sshd(8) SSH_KNOWN_HOSTS FILE FORMAT</a>
 */
package dev.bulwark.ssh.knownhosts;
