/**
 * Line-level helpers shared by authorized_keys and known_hosts parsing, and the bounded UTF-8 file
 * reads of the key, certificate and key-list files. Internal: not API.
 */
package dev.bulwark.ssh.internal.lines;
