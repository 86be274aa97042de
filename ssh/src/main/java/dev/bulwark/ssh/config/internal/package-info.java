/**
 * Implementation of sshd_config parsing, pattern matching and diffs. Not API: may change without notice.
 */
package dev.bulwark.ssh.config.internal;
