/**
 * Bulwark pki: a mini certificate authority (root and intermediate CAs, server and client
 * certificates, CSRs, revocation and CRLs, a durable store, mutual-TLS contexts).
 */
module dev.bulwark.pki {
    requires transitive dev.bulwark.core;
    requires org.slf4j;
    requires org.bouncycastle.provider;
    requires org.bouncycastle.pkix;

    exports dev.bulwark.pki;
}
