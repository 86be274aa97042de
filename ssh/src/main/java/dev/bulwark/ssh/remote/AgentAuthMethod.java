package dev.bulwark.ssh.remote;

import dev.bulwark.ssh.agent.AgentException;
import dev.bulwark.ssh.agent.AgentIdentity;
import dev.bulwark.ssh.agent.SshAgent;
import java.util.Optional;
import net.schmizz.sshj.common.Buffer;
import net.schmizz.sshj.common.Message;
import net.schmizz.sshj.common.SSHPacket;
import net.schmizz.sshj.transport.TransportException;
import net.schmizz.sshj.userauth.UserAuthException;
import net.schmizz.sshj.userauth.method.AbstractAuthMethod;

/**
 * sshj "publickey" authentication with one key held by an SSH agent (RFC 4252 section 7): a query
 * without signature, then, when the server answers {@code SSH_MSG_USERAUTH_PK_OK}, the same
 * request signed by the agent over the session identifier and the request. RSA keys use
 * {@code rsa-sha2-512}. Not API.
 */
final class AgentAuthMethod extends AbstractAuthMethod {

    private final SshAgent agent;
    private final AgentIdentity identity;
    private final String algorithm;
    private AgentException failure;

    private AgentAuthMethod(SshAgent agent, AgentIdentity identity, String algorithm) {
        super("publickey");
        this.agent = agent;
        this.identity = identity;
        this.algorithm = algorithm;
    }

    /** The method for an identity, or empty when its key type cannot log in (DSA, unknown types). */
    static Optional<AgentAuthMethod> of(SshAgent agent, AgentIdentity identity) {
        return publicKeyAlgorithm(identity).map(a -> new AgentAuthMethod(agent, identity, a));
    }

    /** The public key algorithm name an identity logs in with (RFC 8332 names for RSA). */
    static Optional<String> publicKeyAlgorithm(AgentIdentity identity) {
        switch (identity.signingAlgorithm()) {
            case ED25519:
            case ECDSA_P256:
            case ECDSA_P384:
            case ECDSA_P521:
                return Optional.of(identity.publicKey().type());
            case RSA:
                return Optional.of(identity.isCertificate() ? "rsa-sha2-512-cert-v01@openssh.com" : "rsa-sha2-512");
            default:
                return Optional.empty();
        }
    }

    AgentIdentity identity() {
        return identity;
    }

    /** The public key algorithm it logs in with. */
    String algorithm() {
        return algorithm;
    }

    /** Why the agent could not sign, if it could not. */
    Optional<AgentException> failure() {
        return Optional.ofNullable(failure);
    }

    @Override
    protected SSHPacket buildReq() throws UserAuthException {
        return request(false);
    }

    private SSHPacket request(boolean signed) throws UserAuthException {
        SSHPacket packet = super.buildReq();
        packet.putBoolean(signed).putString(algorithm).putString(identity.publicKey().blobBytes());
        return packet;
    }

    @Override
    public void handle(Message cmd, SSHPacket buf) throws UserAuthException, TransportException {
        if (cmd != Message.USERAUTH_60) {
            super.handle(cmd, buf);
            return;
        }
        SSHPacket signed = request(true);
        byte[] data = new Buffer.PlainBuffer().putString(params.getTransport().getSessionID()).putBuffer(signed)
                .getCompactData();
        try {
            signed.putString(agent.sign(identity.publicKey(), data));
        } catch (AgentException e) {
            failure = e;
            throw new UserAuthException("the SSH agent did not sign with " + identity.publicKey().fingerprintSha256(), e);
        }
        params.getTransport().write(signed);
    }
}
