/**
 * sshd_config with OpenSSH 9.2p1's semantics (the version Debian 12 ships): parsing
 * ({@link dev.bulwark.ssh.config.SshdConfig}), the keyword table with first-wins and accumulating
 * keywords ({@link dev.bulwark.ssh.config.SshdKeyword}), the effective configuration for a connection
 * like {@code sshd -T -C} ({@link dev.bulwark.ssh.config.EffectiveConfig}), preserving edits with a
 * unified diff ({@link dev.bulwark.ssh.config.SshdChange}), the audit
 * ({@link dev.bulwark.ssh.config.SshdAudit}) and hardening ({@link dev.bulwark.ssh.config.SshdHardening}).
 *
 * <p>Implements sshd_config(5) and the {@code -T}/{@code -C} test modes of sshd(8):
 * <a href="https://man.openbsd.org/sshd_config">man.openbsd.org/sshd_config</a>.
 */
package dev.bulwark.ssh.config;
