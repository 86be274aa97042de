package dev.bulwark.vpn;

import dev.bulwark.pki.CertificateAuthority;
import dev.bulwark.pki.IssuedCertificate;
import dev.bulwark.vpn.openvpn.OpenVpnClientConfig;
import dev.bulwark.vpn.openvpn.OpenVpnServerConfig;
import dev.bulwark.vpn.openvpn.OpenVpnStaticKey;
import dev.bulwark.vpn.openvpn.OpenVpnTlsCryptV2Key;
import dev.bulwark.vpn.wireguard.WireGuardConfig;
import dev.bulwark.vpn.wireguard.WireGuardEndpoint;
import dev.bulwark.vpn.wireguard.WireGuardKey;
import dev.bulwark.vpn.wireguard.WireGuardPlan;
import dev.bulwark.vpn.wireguard.WireGuardPlanBuilder;
import dev.bulwark.vpn.wireguard.WireGuardPresharedKey;

/**
 * The front door of Bulwark's vpn module: static methods that lead to the rest (WireGuard and OpenVPN configurations).
 * Type {@code Vpn.} and press Tab in JShell to see what you can do.
 *
 * <pre>{@code
 * Map<String, String> configs = Vpn.hubAndSpoke("gw", "203.0.113.1:51820")
 *         .network(IpNetwork.parse("10.8.0.0/24")).client("laptop").build().render();
 * String ovpn = Vpn.openVpnClient(ca, alice, tlsCrypt).remote("vpn.example.com", 1194)
 *         .serverName("vpn.example.com").build().render();
 * }</pre>
 */
public final class Vpn {

    private Vpn() {
    }

    /** A new WireGuard private key, like {@code wg genkey}. */
    public static WireGuardKey wireGuardKey() {
        return WireGuardKey.generate();
    }

    /** A new WireGuard preshared key, like {@code wg genpsk}. */
    public static WireGuardPresharedKey wireGuardPresharedKey() {
        return WireGuardPresharedKey.generate();
    }

    /** A hub-and-spoke WireGuard plan; {@code hubEndpoint} is {@code host:port}. */
    public static WireGuardPlanBuilder hubAndSpoke(String hub, String hubEndpoint) {
        return WireGuardPlan.hubAndSpoke(hub, WireGuardEndpoint.parse(hubEndpoint));
    }

    /** A full-mesh WireGuard plan among servers. */
    public static WireGuardPlanBuilder mesh() {
        return WireGuardPlan.mesh();
    }

    /** A site-to-site WireGuard plan. */
    public static WireGuardPlanBuilder siteToSite() {
        return WireGuardPlan.siteToSite();
    }

    /** Parses a wg-quick file's text. */
    public static WireGuardConfig parseWireGuard(String text, String source) {
        return WireGuardConfig.parse(text, source);
    }

    /** A new OpenVPN static key for {@code tls-crypt}. */
    public static OpenVpnStaticKey openVpnStaticKey() {
        return OpenVpnStaticKey.generate();
    }

    /** A new tls-crypt-v2 server key; it wraps one client key per client. */
    public static OpenVpnTlsCryptV2Key openVpnTlsCryptV2Key() {
        return OpenVpnTlsCryptV2Key.generate();
    }

    /** An OpenVPN server config builder. */
    public static OpenVpnServerConfig.Builder openVpnServer(CertificateAuthority ca, IssuedCertificate server,
                                                            OpenVpnStaticKey tlsCrypt) {
        return OpenVpnServerConfig.builder(ca, server, tlsCrypt);
    }

    /** An OpenVPN client ({@code .ovpn}) builder. */
    public static OpenVpnClientConfig.Builder openVpnClient(CertificateAuthority ca, IssuedCertificate client,
                                                            OpenVpnStaticKey tlsCrypt) {
        return OpenVpnClientConfig.builder(ca, client, tlsCrypt);
    }
}
