/**
 * Bulwark firewall.
 */
module dev.bulwark.firewall {
    requires transitive dev.bulwark.core;
    requires org.slf4j;

    exports dev.bulwark.firewall;
}
