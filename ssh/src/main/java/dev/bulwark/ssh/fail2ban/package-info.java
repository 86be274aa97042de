/**
 * fail2ban for sshd: generating a {@code jail.local} with an {@code [sshd]} jail
 * ({@link dev.bulwark.ssh.fail2ban.SshdJail}) and reading an existing configuration
 * ({@code jail.conf}, {@code jail.d/*.conf}, {@code jail.local}, {@code jail.d/*.local}) to report
 * whether the sshd jail is on and how strict it is ({@link dev.bulwark.ssh.fail2ban.Fail2banConfig}).
 *
 * <p>Implements the file layout and semantics of jail.conf(5):
 * <a href="https://manpages.debian.org/bookworm/fail2ban/jail.conf.5.en.html">jail.conf(5)</a>
 * (fail2ban 1.0.2, Debian 12).
 */
package dev.bulwark.ssh.fail2ban;
