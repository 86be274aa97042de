/**
 * A client for SSH agents ({@code ssh-agent(1)} and compatible ones) over their Unix domain socket:
 * {@link dev.bulwark.ssh.agent.SshAgent} lists the keys an agent holds and has it sign, as
 * <a href="https://datatracker.ietf.org/doc/html/draft-miller-ssh-agent">draft-miller-ssh-agent</a>
 * (OpenSSH's PROTOCOL.agent) describes. {@link dev.bulwark.ssh.remote.ConnectOptions.Builder#agent}
 * logs in with agent keys.
 */
package dev.bulwark.ssh.agent;
