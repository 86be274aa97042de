/**
 * Safe file writes: {@link dev.bulwark.core.io.SafeFiles} replaces a file atomically (temporary file
 * in the same directory, created with its final {@link dev.bulwark.core.io.FileMode}, fsync, rename,
 * directory fsync), so a reader sees the old content or the new, never a torn file, and a secret
 * never exists on disk under a looser mode. See rename(2), fsync(2) and open(2) {@code O_EXCL}.
 *
 * @see <a href="https://man7.org/linux/man-pages/man2/rename.2.html">rename(2)</a>
 * @see <a href="https://man7.org/linux/man-pages/man2/fsync.2.html">fsync(2)</a>
 */
package dev.bulwark.core.io;
