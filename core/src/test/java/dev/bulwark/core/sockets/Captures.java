package dev.bulwark.core.sockets;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The real ss listings under src/test/resources, captured on Debian 12 (iproute2 6.1.0). */
final class Captures {

    /** Every capture, one per option form. */
    static final List<String> ALL = List.of("ss-plunt-debian12.txt", "ss-H-plunt-debian12.txt",
            "ss-tunap-debian12.txt", "ss-lntpe-debian12.txt", "ss-tan-debian12.txt", "ss-H-tan-debian12.txt",
            "ss-uln-debian12.txt", "ss-lnptu4-debian12.txt", "ss-tlnpi-debian12.txt", "ss-a-debian12.txt",
            "ss-ap-debian12.txt", "ss-tanpeo-debian12.txt", "ss-tunapeo-debian12.txt", "ss-tanpmi-debian12.txt",
            "ss-tnpeimO-debian12.txt");

    private Captures() {
    }

    static String read(String name) {
        try (InputStream in = Captures.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("no test resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
