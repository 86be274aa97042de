/**
 * OpenVPN: server and client configs for a modern setup using the pki module's CA (TLS 1.2+, AEAD
 * data ciphers, {@code dh none}, {@code tls-crypt}), and OpenVPN static keys.
 *
 * @see <a href="https://openvpn.net/community-resources/reference-manual-for-openvpn-2-6/">OpenVPN 2.6 reference manual</a>
 */
package dev.bulwark.vpn.openvpn;
