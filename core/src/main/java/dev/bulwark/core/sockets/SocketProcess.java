package dev.bulwark.core.sockets;

import java.util.Objects;

/**
 * A process holding a socket, from ss's {@code users:(("name",pid=N,fd=N),…)}; with {@code ss -T}
 * also the thread, {@code ("name",pid=N,tid=N,fd=N)}. The name is the kernel's command name as ss
 * printed it, unescaped: it may hold spaces, quotes, commas and parentheses.
 *
 * @param name the command name
 * @param pid  the process id
 * @param tid  the thread id that {@code ss -T} shows; 0 when the listing has none
 * @param fd   the file descriptor number of the socket in that process
 */
public record SocketProcess(String name, long pid, long tid, int fd) {

    /** Validates the components. */
    public SocketProcess {
        Objects.requireNonNull(name, "name");
        if (name.indexOf('\n') >= 0 || name.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("process name holds a line break");
        }
        if (pid < 0) {
            throw new IllegalArgumentException("pid " + pid + " is negative");
        }
        if (tid < 0) {
            throw new IllegalArgumentException("tid " + tid + " is negative");
        }
        if (fd < 0) {
            throw new IllegalArgumentException("fd " + fd + " is negative");
        }
    }

    /** A process without a thread id, as ss prints it without {@code -T}. */
    public SocketProcess(String name, long pid, int fd) {
        this(name, pid, 0, fd);
    }

    /** ss's form: {@code ("sshd",pid=812,fd=3)}, or {@code ("sshd",pid=812,tid=812,fd=3)} with a thread id. */
    @Override
    public String toString() {
        return "(\"" + name + "\",pid=" + pid + (tid != 0 ? ",tid=" + tid : "") + ",fd=" + fd + ")";
    }
}
