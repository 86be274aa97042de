/**
 * Helpers shared by the WireGuard and OpenVPN renderers. Not API: {@code module-info.java} does
 * not export this package.
 */
package dev.bulwark.vpn.internal;
