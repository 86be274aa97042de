/**
 * Bulwark firewall: a typed rule model and renderers, parsers of deployed rulesets
 * ({@code dev.bulwark.firewall.parse}) and the exposure analysis of listening sockets
 * ({@code dev.bulwark.firewall.analysis}).
 */
module dev.bulwark.firewall {
    requires transitive dev.bulwark.core;
    requires org.slf4j;

    exports dev.bulwark.firewall;
    exports dev.bulwark.firewall.parse;
    exports dev.bulwark.firewall.analysis;
}
