/**
 * Bulwark's SSH module: the first measure of the baseline, SSH keys instead of passwords.
 */
package dev.bulwark.ssh;
