/**
 * The {@code bulwark} command ({@link dev.bulwark.cli.Bulwark}) and what its subcommands share:
 * exit statuses, error reporting, progress on stderr, passphrase sources and SSH targets. The
 * command line is the interface; these classes are not API.
 */
package dev.bulwark.cli;
