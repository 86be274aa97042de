package dev.bulwark.core.sockets;

import java.io.Closeable;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

/**
 * Holds sockets open for {@link SsOptionFormsInteropTest}, run inside a network namespace with
 * {@code ip netns exec}: each argument is {@code tcp|udp,address,port}, {@code connect,address,port}
 * opens a connection to a TCP listener given before it. Prints {@code ready} once all are open, then
 * waits until stdin closes.
 */
public final class ListenerMain {

    private ListenerMain() {
    }

    public static void main(String[] args) throws Exception {
        List<Closeable> open = new ArrayList<>();
        for (String arg : args) {
            String[] p = arg.split(",");
            InetSocketAddress at = new InetSocketAddress(InetAddress.getByName(p[1]), Integer.parseInt(p[2]));
            if (p[0].equals("tcp")) {
                ServerSocket s = new ServerSocket();
                s.setReuseAddress(true);
                s.bind(at);
                open.add(s);
            } else if (p[0].equals("udp")) {
                open.add(new DatagramSocket(at));
            } else {
                Socket client = new Socket(at.getAddress(), at.getPort());
                open.add(client);
            }
        }
        System.out.println("ready");
        System.out.flush();
        while (System.in.read() >= 0) {
            // hold the sockets until the test closes our stdin or kills us
        }
        for (Closeable c : open) {
            c.close();
        }
    }
}
