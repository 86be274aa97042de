/**
 * Hosts: {@link dev.bulwark.core.host.Host} runs commands (argument lists, never shell strings,
 * with a timeout and captured output) and reads and writes files on a machine;
 * {@link dev.bulwark.core.host.LocalHost} is this machine. The ssh module adds a remote host, so
 * audits written against {@code Host} run locally or over SSH alike.
 */
package dev.bulwark.core.host;
