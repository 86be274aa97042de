package dev.bulwark.ssh.remote;

import dev.bulwark.ssh.key.SshPublicKey;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The server accepted none of the offered keys. The message names the target and the fingerprints
 * of the keys offered: the explicit ones and, when an agent was used, the agent's.
 */
public final class AuthenticationFailedException extends IOException {

    private static final long serialVersionUID = 1L;

    AuthenticationFailedException(SshTarget target, List<SshPublicKey> keys, boolean agent, List<SshPublicKey> agentKeys) {
        super("authentication as " + target.user() + " on " + target.host() + ":" + target.port()
                + " failed with key(s) " + fingerprints(keys)
                + (agent ? " and agent identities " + fingerprints(agentKeys) : ""));
    }

    private static List<String> fingerprints(List<SshPublicKey> keys) {
        List<String> out = new ArrayList<>();
        keys.forEach(k -> out.add(k.fingerprintSha256()));
        return out;
    }
}
