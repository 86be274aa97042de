/** {@code bulwark kit}: the secure-baseline kit for a new server (the examples module's SecureBaseline). Not API. */
package dev.bulwark.cli.kit;
