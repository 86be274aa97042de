/**
 * Bulwark firewall: a typed rule model ({@code dev.bulwark.firewall}), renderers for ufw,
 * firewalld, iptables and nftables ({@code dev.bulwark.firewall.render}), applying a policy safely
 * on a local or remote host ({@code dev.bulwark.firewall.apply}), parsers of deployed rulesets
 * ({@code dev.bulwark.firewall.parse}) and the exposure analysis of listening sockets
 * ({@code dev.bulwark.firewall.analysis}).
 */
module dev.bulwark.firewall {
    requires transitive dev.bulwark.core;
    requires java.xml;
    requires com.fasterxml.jackson.core;
    requires org.slf4j;

    exports dev.bulwark.firewall;
    exports dev.bulwark.firewall.analysis;
    exports dev.bulwark.firewall.apply;
    exports dev.bulwark.firewall.parse;
    exports dev.bulwark.firewall.render;
}
