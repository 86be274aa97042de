/**
 * Bulwark pki: a mini certificate authority (root and intermediate CAs, server and client
 * certificates, CSRs, revocation and CRLs, a durable store, mutual-TLS contexts, an ACME server).
 */
module dev.bulwark.pki {
    requires transitive dev.bulwark.core;
    requires org.slf4j;
    requires org.bouncycastle.provider;
    requires org.bouncycastle.pkix;
    requires com.nimbusds.jose.jwt;
    requires jdk.httpserver;
    requires java.naming;

    exports dev.bulwark.pki;
    exports dev.bulwark.pki.acme;
}
