/**
 * Remote hosts over SSH (sshj underneath, never in the API): {@link dev.bulwark.ssh.remote.RemoteHost}
 * is a core {@link dev.bulwark.core.host.Host} reached with key authentication and strictly checked
 * host keys ({@link dev.bulwark.ssh.remote.HostKeyPolicy}), keys given explicitly or held by an SSH
 * agent ({@link dev.bulwark.ssh.agent.SshAgent}), and {@code sudo -n} for privileged steps
 * ({@link dev.bulwark.ssh.remote.RemoteHost#privileged()}); on top of it, key deployment
 * ({@link dev.bulwark.ssh.remote.RemoteAuthorizedKeys}), remote audits
 * ({@link dev.bulwark.ssh.remote.RemoteAudits}), lockout-safe sshd changes
 * ({@link dev.bulwark.ssh.remote.SafeSshdApply}) and fleet runs ({@link dev.bulwark.ssh.remote.Fleet}).
 *
 * <p>Commands are argument lists quoted for the remote POSIX shell; see
 * <a href="https://man.openbsd.org/ssh">ssh(1)</a> and
 * <a href="https://man.openbsd.org/sshd_config">sshd_config(5)</a> for the server side.
 */
package dev.bulwark.ssh.remote;
