/** Key encodings and crypto helpers behind {@code dev.bulwark.ssh.key}. Internal: not API. */
package dev.bulwark.ssh.internal.key;
