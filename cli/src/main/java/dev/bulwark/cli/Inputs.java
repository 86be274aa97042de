package dev.bulwark.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads input files as UTF-8 text, announcing large ones on stderr ({@link Progress}). */
public final class Inputs {

    private Inputs() {
    }

    /** The whole file; {@code what} says what it should hold ("an ss listing"). */
    public static String read(Path file, PrintWriter err) throws IOException {
        try (Progress p = Progress.start(err, "reading " + file)) {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (java.nio.charset.MalformedInputException e) {
            throw new UsageException(file + ": not UTF-8 text");
        }
    }

    /** How many lines {@code text} has, for progress messages ("12,000 lines"). */
    public static String lines(String text) {
        long n = text.chars().filter(c -> c == '\n').count();
        if (!text.isEmpty() && !text.endsWith("\n")) {
            n++;
        }
        return String.format("%,d line%s", n, n == 1 ? "" : "s");
    }
}
