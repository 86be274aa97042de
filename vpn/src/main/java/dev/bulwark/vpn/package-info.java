/**
 * Bulwark's VPN module: a private network that only your servers (and your people) can see, so
 * that only public services stay on the public network. {@link dev.bulwark.vpn.Vpn} is the front
 * door; {@link dev.bulwark.vpn.wireguard} holds WireGuard keys, plans and configs,
 * {@link dev.bulwark.vpn.openvpn} OpenVPN server and client configs and keys.
 *
 * @see <a href="https://man7.org/linux/man-pages/man8/wg.8.html">wg(8)</a>
 * @see <a href="https://man7.org/linux/man-pages/man8/wg-quick.8.html">wg-quick(8)</a>
 * @see <a href="https://manpages.debian.org/bookworm/openvpn/openvpn.8.en.html">openvpn(8)</a>
 */
package dev.bulwark.vpn;
