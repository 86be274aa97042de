/**
 * authorized_keys files as typed, editable values: the full option grammar of sshd(8)
 * "AUTHORIZED_KEYS FILE FORMAT" ({@link dev.bulwark.ssh.authorized.AuthorizedKeyOption}),
 * lines that render back byte for byte, edits that return copies, safe reads and writes with
 * sshd's StrictModes checks, and an audit that returns findings.
 *
 * @see <a href="https://man.openbsd.org/sshd#AUTHORIZED_KEYS_FILE_FORMAT">sshd(8) AUTHORIZED_KEYS FILE FORMAT</a>
 */
package dev.bulwark.ssh.authorized;
