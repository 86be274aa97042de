/**
 * WireGuard: Curve25519 keys identical to {@code wg genkey}/{@code wg pubkey}/{@code wg genpsk}
 * ({@link dev.bulwark.vpn.wireguard.WireGuardKey}), network plans (hub-and-spoke, mesh,
 * site-to-site) with stable address allocation ({@link dev.bulwark.vpn.wireguard.WireGuardPlan}),
 * wg-quick and {@code wg setconf} configs rendered and parsed back
 * ({@link dev.bulwark.vpn.wireguard.WireGuardConfig}), the firewall rules each node needs, and
 * QR codes of client configs.
 *
 * @see <a href="https://man7.org/linux/man-pages/man8/wg.8.html">wg(8)</a>
 * @see <a href="https://man7.org/linux/man-pages/man8/wg-quick.8.html">wg-quick(8)</a>
 * @see <a href="https://www.wireguard.com/papers/wireguard.pdf">WireGuard whitepaper</a>
 */
package dev.bulwark.vpn.wireguard;
