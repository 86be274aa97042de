package dev.bulwark.ssh.agent;

import java.io.IOException;

/**
 * Talking to an SSH agent failed: no agent at the socket, no {@code SSH_AUTH_SOCK}, a timeout, a
 * refusal ({@code SSH_AGENT_FAILURE}) or a malformed or oversized answer. Messages never quote
 * what the agent sent.
 */
public final class AgentException extends IOException {

    private static final long serialVersionUID = 1L;

    /** A failure described by {@code message}. */
    public AgentException(String message) {
        super(message);
    }

    /** A failure described by {@code message}, caused by {@code cause}. */
    public AgentException(String message, Throwable cause) {
        super(message, cause);
    }
}
