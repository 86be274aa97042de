/** Line-level helpers shared by authorized_keys and known_hosts parsing. Internal: not API. */
package dev.bulwark.ssh.internal.lines;
