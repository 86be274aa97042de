package dev.bulwark.pki.internal;

import java.io.IOException;
import java.io.UncheckedIOException;

/** Runs file work whose {@link IOException} becomes an {@link UncheckedIOException} (the store's I/O). Not API. */
public final class UncheckedIo {

    private UncheckedIo() {
    }

    /** File work that may throw {@link IOException}. */
    public interface Action<T> {
        T run() throws IOException;
    }

    /** Runs the action, rethrowing an {@link IOException} unchecked. */
    public static <T> T run(Action<T> action) {
        try {
            return action.run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
