package dev.bulwark.examples;

import dev.bulwark.core.io.FileMode;
import dev.bulwark.core.io.SafeFiles;
import dev.bulwark.core.net.IpNetwork;
import dev.bulwark.vpn.wireguard.WireGuardEndpoint;
import dev.bulwark.vpn.wireguard.WireGuardPlan;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;

/**
 * Private networking for everything internal: a WireGuard hub (the server) with two clients, one
 * wg-quick config per node (0600) and a QR code for the phone.
 *
 * <pre>java dev.bulwark.examples.PrivateNetworkExample DIR</pre>
 */
public final class PrivateNetworkExample {

    private PrivateNetworkExample() {
    }

    /**
     * Writes the configs into {@code args[0]}.
     *
     * @param args the directory
     * @throws IOException when a file cannot be written
     */
    public static void main(String[] args) {
        ExampleMain.main("PrivateNetworkExample", "[DIR]", 0, 1, args,
                (a, out) -> run(Path.of(a.isEmpty() ? "wireguard" : a.get(0)), out));
    }

    /**
     * Plans the network and writes {@code <node>.conf} for every node and {@code phone.png}.
     *
     * @return the plan
     * @throws IOException when a file cannot be written
     */
    public static WireGuardPlan run(Path dir, PrintStream out) throws IOException {
        WireGuardPlan plan = WireGuardPlan.hubAndSpoke("server", WireGuardEndpoint.parse("203.0.113.10:51820"))
                .network(IpNetwork.parse("10.8.0.0/24"))
                .splitTunnel()
                .client("laptop").client("phone")
                .build();
        SafeFiles.createDirectories(dir, FileMode.PRIVATE_DIRECTORY);
        for (Map.Entry<String, String> config : plan.render().entrySet()) {
            SafeFiles.writeString(dir.resolve(config.getKey() + ".conf"), config.getValue(), FileMode.SECRET);
            out.println(config.getKey() + " " + plan.addresses(config.getKey()) + " " + plan.publicKey(config.getKey()));
        }
        plan.qrCode("phone").writePng(dir.resolve("phone.png"));
        return plan;
    }
}
