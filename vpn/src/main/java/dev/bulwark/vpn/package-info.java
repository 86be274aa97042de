/**
 * Bulwark's VPN module: private networking for everything internal.
 */
package dev.bulwark.vpn;
