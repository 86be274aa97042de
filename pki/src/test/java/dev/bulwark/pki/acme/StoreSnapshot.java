package dev.bulwark.pki.acme;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Every file of a CA store (ACME state included) and its content, to show a request changed nothing. */
final class StoreSnapshot {

    private StoreSnapshot() {
    }

    static Map<String, String> of(Path storeDir) {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(storeDir)) {
            walk.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().equals(".lock"))
                    .forEach(p -> files.put(storeDir.relativize(p).toString(), read(p)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
