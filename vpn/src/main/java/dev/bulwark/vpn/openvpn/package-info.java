/**
 * OpenVPN: server and client configs for a modern setup using the pki module's CA (TLS 1.2+, AEAD
 * data ciphers, {@code dh none}, {@code tls-crypt} or {@code tls-crypt-v2}), OpenVPN static keys and tls-crypt-v2 keys.
 *
 * @see <a href="https://manpages.debian.org/bookworm/openvpn/openvpn.8.en.html">openvpn(8)</a>
 * @see <a href="https://openvpn.net/community-resources/reference-manual-for-openvpn-2-6/">OpenVPN 2.6 reference manual</a>
 * @see <a href="https://github.com/OpenVPN/openvpn/blob/master/doc/tls-crypt-v2.txt">tls-crypt-v2 specification</a>
 */
package dev.bulwark.vpn.openvpn;
