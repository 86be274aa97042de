/**
 * Bulwark's firewall module: a default-deny firewall that exposes only public services.
 */
package dev.bulwark.firewall;
