package dev.bulwark.vpn.wireguard;

import java.util.stream.Collectors;

/** Writes wg-quick and {@code wg setconf} text. Not API. */
final class WgQuickRenderer {

    private WgQuickRenderer() {
    }

    static String render(WireGuardConfig config, boolean quick) {
        StringBuilder out = new StringBuilder();
        WireGuardInterface self = config.interfaceSection();
        self.name().ifPresent(n -> out.append("# ").append(n).append('\n'));
        out.append("[Interface]\n");
        out.append("PrivateKey = ").append(self.privateKey().toBase64()).append('\n');
        if (quick && !self.addresses().isEmpty()) {
            out.append("Address = ").append(join(self.addresses())).append('\n');
        }
        self.listenPort().ifPresent(p -> out.append("ListenPort = ").append(p).append('\n'));
        if (quick && !self.dns().isEmpty()) {
            out.append("DNS = ").append(String.join(", ", self.dns())).append('\n');
        }
        if (quick) {
            self.mtu().ifPresent(m -> out.append("MTU = ").append(m).append('\n'));
        }
        for (WireGuardPeer peer : config.peers()) {
            out.append('\n');
            peer.name().ifPresent(n -> out.append("# ").append(n).append('\n'));
            out.append("[Peer]\n");
            out.append("PublicKey = ").append(peer.publicKey()).append('\n');
            peer.presharedKey().ifPresent(k -> out.append("PresharedKey = ").append(k.toBase64()).append('\n'));
            if (!peer.allowedIps().isEmpty()) {
                out.append("AllowedIPs = ").append(join(peer.allowedIps())).append('\n');
            }
            peer.endpoint().ifPresent(e -> out.append("Endpoint = ").append(e).append('\n'));
            peer.persistentKeepalive().ifPresent(k -> out.append("PersistentKeepalive = ").append(k).append('\n'));
        }
        return out.toString();
    }

    private static String join(java.util.List<?> values) {
        return values.stream().map(Object::toString).collect(Collectors.joining(", "));
    }
}
