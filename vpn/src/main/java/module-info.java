/**
 * Bulwark vpn.
 */
module dev.bulwark.vpn {
    requires transitive dev.bulwark.core;
    requires transitive dev.bulwark.pki;
    requires transitive dev.bulwark.firewall;
    requires org.slf4j;

    exports dev.bulwark.vpn;
}
