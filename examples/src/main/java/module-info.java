/**
 * Bulwark examples: the secure-baseline kit ({@code dev.bulwark.examples.SecureBaseline}) and one
 * small runnable example per measure of the baseline.
 */
module dev.bulwark.examples {
    requires transitive dev.bulwark.core;
    requires transitive dev.bulwark.ssh;
    requires transitive dev.bulwark.firewall;
    requires transitive dev.bulwark.pki;
    requires transitive dev.bulwark.vpn;
    requires org.slf4j;

    exports dev.bulwark.examples;
}
