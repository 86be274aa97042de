/**
 * Parsing the socket listings of {@code ss(8)} (iproute2) into typed values:
 * {@link dev.bulwark.core.sockets.SocketTable} for a whole listing,
 * {@link dev.bulwark.core.sockets.SocketParser} for streaming very large ones, and
 * {@link dev.bulwark.core.sockets.Sockets} as the front door.
 *
 * @see <a href="https://man7.org/linux/man-pages/man8/ss.8.html">ss(8)</a>
 */
package dev.bulwark.core.sockets;
