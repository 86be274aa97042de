package dev.bulwark.benchmarks.sockets;

import dev.bulwark.core.sockets.SocketEntry;
import dev.bulwark.core.sockets.SocketParser;
import java.io.IOException;
import java.io.Reader;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Parses an {@code ss} listing file with the streaming {@link SocketParser} and prints how many
 * sockets it read and how fast; {@code benchmarks/scripts/ss-vs-jc.sh} runs it under
 * {@code /usr/bin/time} beside {@code jc --ss}.
 *
 * <p>Usage: {@code java -cp benchmarks.jar dev.bulwark.benchmarks.sockets.SsParseMain FILE [PASSES]}.
 * With more than one pass it also prints the best pass in lines per CPU second of the parsing
 * thread: the warmed-up rate, steady on a machine shared with other work.
 */
public final class SsParseMain {

    private SsParseMain() {
    }

    /**
     * Parses the file {@code args[0]} ({@code args[1]} times, default once) and prints
     * {@code sockets=N listening=N processes=N seconds=S lines_per_second=R} for the first pass.
     *
     * @param args the listing file and the number of passes
     * @throws IOException when the file cannot be read
     */
    public static void main(String[] args) throws IOException {
        int passes = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        double best = 0;
        for (int pass = 0; pass < passes; pass++) {
            long start = System.nanoTime();
            long cpuStart = threads.getCurrentThreadCpuTime();
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
            double cpuSeconds = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e9;
            best = Math.max(best, sockets / cpuSeconds);
            if (pass == 0) {
                System.out.printf("sockets=%d listening=%d processes=%d seconds=%.3f lines_per_second=%.0f%n",
                        sockets, listening, processes, seconds, sockets / seconds);
            }
        }
        if (passes > 1) {
            System.out.printf("best of %d passes: lines_per_cpu_second=%.0f%n", passes, best);
        }
    }
}
