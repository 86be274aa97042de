package dev.bulwark.vpn.wireguard;

import dev.bulwark.core.ParseException;
import dev.bulwark.core.ParseResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One node's WireGuard configuration: its {@code [Interface]} and its {@code [Peer]}s, as a
 * wg-quick file ({@link #render()}) or the plain form {@code wg setconf} reads
 * ({@link #renderSetconf()}, without wg-quick's {@code Address}, {@code DNS} and {@code MTU}).
 *
 * <p>Two peers of one interface never claim overlapping {@code AllowedIPs} (WireGuard would
 * silently route the shared addresses to the last peer), never share a public key, and no peer
 * has the interface's own key. Names, DNS entries and endpoints are validated, so a rendered
 * comment or value never starts a new section.
 *
 * <pre>{@code
 * WireGuardConfig config = WireGuardConfig.parse(Files.readString(path), "wg0.conf");
 * String text = config.render();                 // parse(render()) equals the config
 * }</pre>
 *
 * @param interfaceSection this node's key and settings
 * @param peers            the peers, in file order
 * @see <a href="https://man7.org/linux/man-pages/man8/wg.8.html">wg(8) CONFIGURATION FILE FORMAT</a>,
 *      <a href="https://man7.org/linux/man-pages/man8/wg-quick.8.html">wg-quick(8)</a>
 */
public record WireGuardConfig(WireGuardInterface interfaceSection, List<WireGuardPeer> peers) {

    /** Validates the peers against each other and against the interface. */
    public WireGuardConfig {
        Objects.requireNonNull(interfaceSection, "interfaceSection");
        peers = List.copyOf(peers);
        PeerConflicts conflicts = new PeerConflicts(interfaceSection);
        peers.forEach(conflicts::add);
    }

    /** A config from its sections. */
    public static WireGuardConfig of(WireGuardInterface interfaceSection, List<WireGuardPeer> peers) {
        return new WireGuardConfig(interfaceSection, peers);
    }

    /**
     * Parses a wg-quick (or {@code wg setconf}) file strictly.
     *
     * @param text   the file's text
     * @param source a name for error messages, e.g. {@code wg0.conf}
     * @throws ParseException with the line and column of the first problem (keys never quoted)
     */
    public static WireGuardConfig parse(String text, String source) {
        return new WgQuickParser(source, false).parse(text);
    }

    /**
     * Parses leniently: a bad line (an unknown key, a {@code PostUp} hook, a malformed value) or a
     * bad {@code [Peer]} is left out of the value and reported as a diagnostic; only a file
     * without a usable {@code [Interface]} still throws. Rendering the value writes the good
     * part only.
     *
     * @throws ParseException when there is no {@code [Interface]} with a valid {@code PrivateKey}
     */
    public static ParseResult<WireGuardConfig> parseLenient(String text, String source) {
        return new WgQuickParser(source, true).parseLenient(text);
    }

    /** Parses text given directly; see {@link #parse(String, String)}. */
    public static WireGuardConfig parse(String text) {
        return parse(text, "<string>");
    }

    /** Like {@link #parse(String)}, empty instead of throwing. */
    public static Optional<WireGuardConfig> tryParse(String text) {
        try {
            return Optional.of(parse(text));
        } catch (ParseException e) {
            return Optional.empty();
        }
    }

    /** Reads and parses a file (the file name is the source in errors). */
    public static WireGuardConfig read(Path file) throws IOException {
        return parse(Files.readString(file, StandardCharsets.UTF_8), file.getFileName().toString());
    }

    /** The wg-quick form, {@code [Interface]} first, comments naming the node and its peers. */
    public String render() {
        return WgQuickRenderer.render(this, true);
    }

    /** The form {@code wg setconf} and {@code wg-quick strip} give: no {@code Address}, {@code DNS} or {@code MTU}. */
    public String renderSetconf() {
        return WgQuickRenderer.render(this, false);
    }

    /** The peer with this name. */
    public Optional<WireGuardPeer> peer(String name) {
        return peers.stream().filter(p -> p.name().equals(Optional.of(name))).findFirst();
    }

    @Override
    public String toString() {
        return "WireGuardConfig" + interfaceSection + peers;
    }
}
