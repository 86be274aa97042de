package dev.bulwark.ssh.remote;

import dev.bulwark.ssh.agent.AgentException;
import dev.bulwark.ssh.agent.AgentIdentity;
import dev.bulwark.ssh.agent.SshAgent;
import dev.bulwark.ssh.key.SshKeyPair;
import dev.bulwark.ssh.key.SshPublicKey;
import java.io.IOException;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import net.schmizz.sshj.userauth.keyprovider.KeyPairWrapper;
import net.schmizz.sshj.userauth.method.AuthMethod;
import net.schmizz.sshj.userauth.method.AuthPublickey;

/**
 * The sshj authentication methods for one login: the explicit keys first, then every agent
 * identity that can log in and is not an explicit key already. Not API.
 */
final class LoginMethods {

    private final List<AuthMethod> methods;
    private final List<SshPublicKey> explicitKeys;
    private final List<AgentAuthMethod> agentMethods;
    private final List<String> keyAlgorithms;

    private LoginMethods(List<AuthMethod> methods, List<SshPublicKey> explicitKeys, List<AgentAuthMethod> agentMethods,
                         List<String> keyAlgorithms) {
        this.methods = methods;
        this.explicitKeys = explicitKeys;
        this.agentMethods = agentMethods;
        this.keyAlgorithms = keyAlgorithms;
    }

    /** The methods for the options' keys and, when {@code agentOrNull} is given, its identities. */
    static LoginMethods of(ConnectOptions options, SshAgent agentOrNull) throws IOException {
        List<AuthMethod> methods = new ArrayList<>();
        List<SshPublicKey> explicit = new ArrayList<>();
        Set<String> algorithms = new LinkedHashSet<>();
        for (SshKeyPair key : options.keys()) {
            KeyPair jdk = key.toKeyPair().orElseThrow(() -> new IOException("key " + key.publicKey().fingerprintSha256()
                    + " (" + key.publicKey().type() + ") cannot sign in this JVM"));
            methods.add(new AuthPublickey(new KeyPairWrapper(jdk)));
            explicit.add(key.publicKey());
            algorithms.addAll(ModernAlgorithms.signaturesFor(key.publicKey().type()));
        }
        List<AgentAuthMethod> agentMethods = new ArrayList<>();
        if (agentOrNull != null) {
            for (AgentIdentity id : agentOrNull.identities()) {
                if (explicit.contains(id.publicKey())) {
                    continue;
                }
                Optional<AgentAuthMethod> method = AgentAuthMethod.of(agentOrNull, id);
                if (method.isPresent()) {
                    agentMethods.add(method.get());
                    methods.add(method.get());
                    algorithms.add(method.get().algorithm());
                }
            }
        }
        return new LoginMethods(methods, explicit, agentMethods, List.copyOf(algorithms));
    }

    List<AuthMethod> methods() {
        return methods;
    }

    List<SshPublicKey> explicitKeys() {
        return explicitKeys;
    }

    /** The agent keys offered. */
    List<SshPublicKey> agentKeys() {
        List<SshPublicKey> out = new ArrayList<>();
        agentMethods.forEach(m -> out.add(m.identity().publicKey()));
        return out;
    }

    /** The public key algorithms of every key offered. */
    List<String> keyAlgorithms() {
        return keyAlgorithms;
    }

    /** The first failure of the agent to sign, if any. */
    Optional<AgentException> agentFailure() {
        return agentMethods.stream().map(AgentAuthMethod::failure).flatMap(Optional::stream).findFirst();
    }
}
