/**
 * Bulwark pki.
 */
module dev.bulwark.pki {
    requires transitive dev.bulwark.core;
    requires org.slf4j;
    requires org.bouncycastle.provider;
    requires org.bouncycastle.pkix;

    exports dev.bulwark.pki;
}
