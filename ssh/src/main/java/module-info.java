/**
 * Bulwark ssh.
 */
module dev.bulwark.ssh {
    requires transitive dev.bulwark.core;
    requires org.slf4j;
    requires com.hierynomus.sshj;
    requires org.bouncycastle.provider;
    requires org.bouncycastle.pkix;

    exports dev.bulwark.ssh;
    exports dev.bulwark.ssh.authorized;
    exports dev.bulwark.ssh.cert;
    exports dev.bulwark.ssh.config;
    exports dev.bulwark.ssh.fail2ban;
    exports dev.bulwark.ssh.key;
    exports dev.bulwark.ssh.knownhosts;
    exports dev.bulwark.ssh.remote;
}
