/**
 * INI reading and duration parsing for fail2ban files. Not API: may change without notice.
 */
package dev.bulwark.ssh.fail2ban.internal;
