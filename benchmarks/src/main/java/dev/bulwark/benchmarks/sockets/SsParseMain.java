package dev.bulwark.benchmarks.sockets;

import dev.bulwark.core.sockets.SocketEntry;
import dev.bulwark.core.sockets.SocketParser;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Parses an {@code ss} listing file with the streaming {@link SocketParser} and prints how many
 * sockets it read and how fast; {@code benchmarks/scripts/ss-vs-jc.sh} runs it under
 * {@code /usr/bin/time -v} beside {@code jc --ss}.
 *
 * <p>Usage: {@code java -cp benchmarks.jar dev.bulwark.benchmarks.sockets.SsParseMain FILE}
 */
public final class SsParseMain {

    private SsParseMain() {
    }

    /**
     * Parses the file {@code args[0]} and prints {@code sockets=N listening=N processes=N seconds=S lines_per_second=R}.
     *
     * @param args the listing file
     * @throws IOException when the file cannot be read
     */
    public static void main(String[] args) throws IOException {
        long start = System.nanoTime();
        long sockets = 0;
        long listening = 0;
        long processes = 0;
        try (Reader reader = Files.newBufferedReader(Path.of(args[0]), StandardCharsets.UTF_8);
                SocketParser parser = SocketParser.strict(reader, args[0])) {
            while (parser.hasNext()) {
                SocketEntry entry = parser.next();
                sockets++;
                listening += entry.isListening() ? 1 : 0;
                processes += entry.processes().size();
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("sockets=%d listening=%d processes=%d seconds=%.3f lines_per_second=%.0f%n",
                sockets, listening, processes, seconds, sockets / seconds);
    }
}
