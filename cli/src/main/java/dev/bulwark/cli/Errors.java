package dev.bulwark.cli;

import dev.bulwark.core.ParseException;
import dev.bulwark.core.Position;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import picocli.CommandLine;

/**
 * Turns every failure into one line on stderr and an {@link ExitCodes exit status}; a stack trace
 * only with {@code --debug}. A {@link ParseException} is shown as it is, {@code FILE:LINE:COLUMN:
 * reason in 'bad word'}, so editors and CI annotate the place.
 */
public final class Errors {

    private static final int MAX_MESSAGE = 600;

    private Errors() {
    }

    /** Bad arguments: the message, and where the help is. */
    static int parameterError(CommandLine.ParameterException e, String[] args) {
        CommandLine cmd = e.getCommandLine();
        PrintWriter err = cmd.getErr();
        err.println(cmd.getCommandSpec().qualifiedName() + ": " + oneLine(e.getMessage()));
        err.println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help'.");
        return ExitCodes.USAGE;
    }

    /** A command failed: one line, and the status that says what kind of failure. */
    static int executionError(Exception e, CommandLine cmd, CommandLine.ParseResult parsed) {
        PrintWriter err = cmd.getErr();
        Throwable cause = e instanceof UncheckedIOException ? e.getCause() : e;
        int status = status(cause);
        if (cause instanceof ParseException && ((ParseException) cause).position().source().equals(Position.STRING_SOURCE)) {
            // a bad argument, not a file: the place "<string>:1:1" would mean nothing
            ParseException p = (ParseException) cause;
            err.println("bulwark: " + oneLine(p.reason()) + p.offendingText().filter(t -> !p.reason().contains(t))
                    .map(t -> " in '" + oneLine(t) + "'").orElse(""));
        } else if (cause instanceof ParseException) {
            err.println(oneLine(cause.getMessage()));
        } else if (status == ExitCodes.INTERNAL) {
            err.println("bulwark: internal error: " + cause.getClass().getName() + ": " + oneLine(cause.getMessage())
                    + (debug(parsed) ? "" : " (run with --debug for the stack trace)"));
        } else {
            err.println("bulwark: " + describe(cause));
        }
        if (debug(parsed)) {
            e.printStackTrace(err);
        }
        return status;
    }

    private static int status(Throwable e) {
        if (e instanceof ConnectionException) {
            return ExitCodes.CONNECTION;
        }
        if (e instanceof IllegalArgumentException || e instanceof UsageException || e instanceof NoSuchFileException
                || e instanceof FileAlreadyExistsException) {
            return ExitCodes.USAGE;
        }
        if (e instanceof IOException) {
            return ExitCodes.IO;
        }
        return ExitCodes.INTERNAL;
    }

    private static String describe(Throwable e) {
        if (e instanceof NoSuchFileException) {
            return "no such file: " + oneLine(((NoSuchFileException) e).getFile());
        }
        if (e instanceof FileAlreadyExistsException) {
            return "already exists: " + oneLine(((FileAlreadyExistsException) e).getFile());
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied: " + oneLine(((AccessDeniedException) e).getFile());
        }
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : oneLine(message);
    }

    private static boolean debug(CommandLine.ParseResult parsed) {
        return parsed != null && parsed.originalArgs().contains("--debug");
    }

    /** The text on one bounded line: control characters escaped, long text cut. */
    public static String oneLine(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length() && out.length() < MAX_MESSAGE; i++) {
            char c = text.charAt(i);
            if (c == '\n') {
                out.append("\\n");
            } else if (Character.isISOControl(c)) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        if (out.length() >= MAX_MESSAGE && text.length() > MAX_MESSAGE) {
            out.append("...");
        }
        return out.toString();
    }
}
