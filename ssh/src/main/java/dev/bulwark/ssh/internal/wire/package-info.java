/** The SSH binary wire encoding (RFC 4251 section 5). Internal: not API. */
package dev.bulwark.ssh.internal.wire;
