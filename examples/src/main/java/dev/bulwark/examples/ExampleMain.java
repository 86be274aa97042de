package dev.bulwark.examples;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.NoSuchFileException;
import java.util.List;

/**
 * What every example's {@code main} does around its work: {@code --help} prints the usage and
 * exits 0; a bad argument exits 2 and an I/O failure 1, each with one line on stderr and never a
 * stack trace.
 */
final class ExampleMain {

    /** An example's work. */
    interface Body {
        void run(List<String> args, PrintStream out) throws IOException;
    }

    private ExampleMain() {
    }

    /** Runs {@code body} and exits with its status when it is not 0. */
    static void main(String name, String usage, int minArgs, int maxArgs, String[] args, Body body) {
        int status = run(name, usage, minArgs, maxArgs, List.of(args), System.out, System.err, body);
        if (status != 0) {
            System.exit(status);
        }
    }

    /**
     * Runs {@code body} with the arguments.
     *
     * @return 0 done or {@code --help}; 2 bad arguments; 1 an I/O failure
     */
    static int run(String name, String usage, int minArgs, int maxArgs, List<String> args, PrintStream out,
            PrintStream err, Body body) {
        if (args.contains("--help") || args.contains("-h")) {
            out.println("usage: " + name + (usage.isEmpty() ? "" : " " + usage));
            return 0;
        }
        if (args.size() < minArgs || args.size() > maxArgs) {
            return fail(err, name, 2, (args.size() < minArgs ? "missing arguments" : "too many arguments")
                    + " (usage: " + name + (usage.isEmpty() ? "" : " " + usage) + ")");
        }
        try {
            body.run(args, out);
            return 0;
        } catch (IllegalArgumentException e) {
            return fail(err, name, 2, String.valueOf(e.getMessage()) + " (usage: " + name
                    + (usage.isEmpty() ? "" : " " + usage) + ")");
        } catch (NoSuchFileException e) {
            return fail(err, name, 2, e.getFile() + ": no such file");
        } catch (IOException e) {
            return fail(err, name, 1, TargetAudit.oneLine(e));
        }
    }

    private static int fail(PrintStream err, String name, int status, String message) {
        err.println(name + ": " + message.replaceAll("[\\r\\n]+", " "));
        return status;
    }
}
