/**
 * Bulwark ssh: SSH keys ({@code dev.bulwark.ssh.key}), authorized_keys
 * ({@code dev.bulwark.ssh.authorized}), known_hosts ({@code dev.bulwark.ssh.knownhosts}), OpenSSH
 * certificates and KRLs ({@code dev.bulwark.ssh.cert}), sshd_config ({@code dev.bulwark.ssh.config}),
 * fail2ban ({@code dev.bulwark.ssh.fail2ban}), SSH agents ({@code dev.bulwark.ssh.agent}) and remote hosts over SSH
 * ({@code dev.bulwark.ssh.remote}); {@code dev.bulwark.ssh.Ssh} is the front door.
 */
module dev.bulwark.ssh {
    requires transitive dev.bulwark.core;
    requires org.slf4j;
    requires com.hierynomus.sshj;
    requires org.bouncycastle.provider;
    requires org.bouncycastle.pkix;

    exports dev.bulwark.ssh;
    exports dev.bulwark.ssh.agent;
    exports dev.bulwark.ssh.authorized;
    exports dev.bulwark.ssh.cert;
    exports dev.bulwark.ssh.config;
    exports dev.bulwark.ssh.fail2ban;
    exports dev.bulwark.ssh.key;
    exports dev.bulwark.ssh.knownhosts;
    exports dev.bulwark.ssh.remote;
}
