package dev.bulwark.benchmarks.sockets;

import java.io.BufferedWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * Writes a deterministic, real-looking {@code ss -tunap} listing of any length: the same seed and
 * line count always give the same bytes. Shapes follow captured iproute2 6.1 output: TCP and UDP,
 * IPv4, bracketed and v4-mapped IPv6, {@code %iface} scopes, wildcards, one or two processes.
 *
 * <p>Usage: {@code java -cp benchmarks.jar dev.bulwark.benchmarks.sockets.SsListingGenerator FILE LINES}
 */
public final class SsListingGenerator {

    private static final String[] NAMES = {"sshd", "nginx", "postgres", "systemd-resolve", "chronyd",
        "java", "node", "redis-server", "dnsmasq", "worker 1", "db \"a\",(b"};
    private static final String[] TCP_STATES = {"ESTAB", "ESTAB", "ESTAB", "TIME-WAIT", "LISTEN", "CLOSE-WAIT",
        "SYN-SENT", "FIN-WAIT-2"};

    private SsListingGenerator() {
    }

    /** Writes the header and {@code lines} socket lines to {@code out}. */
    public static void write(Writer out, int lines, long seed) throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        out.write("Netid State      Recv-Q Send-Q                      Local Address:Port"
                + "                  Peer Address:Port Process\n");
        StringBuilder line = new StringBuilder(200);
        for (int i = 0; i < lines; i++) {
            line.setLength(0);
            boolean udp = random.nextInt(5) == 0;
            String state = udp ? (random.nextBoolean() ? "UNCONN" : "ESTAB") : TCP_STATES[random.nextInt(TCP_STATES.length)];
            boolean listening = state.equals("LISTEN") || state.equals("UNCONN");
            pad(line, udp ? "udp" : "tcp", 6);
            pad(line, state, 11);
            pad(line, Integer.toString(random.nextInt(8) == 0 ? random.nextInt(100_000) : 0), 7);
            pad(line, Integer.toString(listening ? 128 : random.nextInt(3) == 0 ? random.nextInt(5000) : 0), 7);
            int family = random.nextInt(4);
            String local = endpoint(random, family, true, false);
            String peer = listening ? wildcardPeer(family) : endpoint(random, family, false, true);
            line.append(" ".repeat(Math.max(1, 44 - local.length()))).append(local).append(' ');
            pad(line, peer, 34);
            if (random.nextInt(10) != 0) {
                line.append("users:(");
                int processes = random.nextInt(6) == 0 ? 2 : 1;
                for (int p = 0; p < processes; p++) {
                    if (p > 0) {
                        line.append(',');
                    }
                    line.append("(\"").append(NAMES[random.nextInt(NAMES.length)])
                            .append("\",pid=").append(1 + random.nextInt(4_000_000))
                            .append(",fd=").append(3 + random.nextInt(200)).append(')');
                }
                line.append(')');
            }
            out.write(line.append('\n').toString());
        }
    }

    /** The listing of {@code lines} sockets for {@code seed}, as UTF-8 bytes in memory. */
    public static byte[] bytes(int lines, long seed) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(lines * 150);
        try (Writer out = new OutputStreamWriter(bytes, StandardCharsets.UTF_8)) {
            write(out, lines, seed);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static void pad(StringBuilder line, String text, int width) {
        line.append(text).append(" ".repeat(Math.max(1, width - text.length())));
    }

    private static String wildcardPeer(int family) {
        return family == 0 || family == 1 ? "0.0.0.0:*" : family == 2 ? "[::]:*" : "*:*";
    }

    private static String endpoint(SplittableRandom random, int family, boolean local, boolean peer) {
        int port = local && random.nextInt(3) == 0 ? 1 + random.nextInt(1024) : 1024 + random.nextInt(64_000);
        switch (family) {
            case 0:
                return "10." + random.nextInt(256) + "." + random.nextInt(256) + "." + (1 + random.nextInt(254))
                        + ":" + port;
            case 1:
                return (peer ? "127.0.0.1" : "127.0.0.53%lo") + ":" + port;
            case 2:
                return "[2001:db8:" + Integer.toHexString(random.nextInt(65536)) + "::"
                        + Integer.toHexString(1 + random.nextInt(65535)) + "]:" + port;
            default:
                return "[::ffff:192.0.2." + (1 + random.nextInt(254)) + "]:" + port;
        }
    }

    /**
     * Writes {@code args[1]} lines to the file {@code args[0]} (seed 42, or {@code args[2]}).
     *
     * @param args file, line count, optional seed
     * @throws IOException when the file cannot be written
     */
    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            throw new IllegalArgumentException("usage: SsListingGenerator FILE LINES [SEED]");
        }
        long seed = args.length > 2 ? Long.parseLong(args[2]) : 42;
        try (BufferedWriter out = Files.newBufferedWriter(Path.of(args[0]), StandardCharsets.UTF_8)) {
            write(out, Integer.parseInt(args[1]), seed);
        }
    }
}
