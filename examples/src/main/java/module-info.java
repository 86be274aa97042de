/**
 * Bulwark examples: the secure-baseline kit ({@code dev.bulwark.examples.SecureBaseline}) and one
 * small runnable example per measure of the baseline.
 */
module dev.bulwark.examples {
    requires dev.bulwark.core;
    requires dev.bulwark.ssh;
    requires dev.bulwark.firewall;
    requires dev.bulwark.pki;
    requires dev.bulwark.vpn;
    requires org.slf4j;

    exports dev.bulwark.examples;
}
