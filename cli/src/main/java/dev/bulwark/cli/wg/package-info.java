/** {@code bulwark wg}: WireGuard plans (the vpn module's WireGuardPlan). Not API. */
package dev.bulwark.cli.wg;
