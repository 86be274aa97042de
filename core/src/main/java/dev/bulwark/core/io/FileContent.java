package dev.bulwark.core.io;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Content streamed into a safe write. If {@link #writeTo} throws, the write is abandoned and the
 * old file stays as it was.
 */
@FunctionalInterface
public interface FileContent {

    /**
     * Writes the content to {@code out}; do not close it.
     *
     * @param out where the content goes
     * @throws IOException to abandon the write
     */
    void writeTo(OutputStream out) throws IOException;
}
