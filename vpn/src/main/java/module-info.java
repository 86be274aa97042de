/**
 * Bulwark vpn: WireGuard and OpenVPN configuration generation (keys, address plans, per-node
 * configs, the firewall rules they need).
 */
module dev.bulwark.vpn {
    requires transitive dev.bulwark.core;
    requires transitive dev.bulwark.pki;
    requires transitive dev.bulwark.firewall;
    requires com.google.zxing;
    requires org.slf4j;

    exports dev.bulwark.vpn;
    exports dev.bulwark.vpn.wireguard;
    exports dev.bulwark.vpn.openvpn;
}
