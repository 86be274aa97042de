/** {@code bulwark keys}: generating SSH keys and fingerprinting public keys. Not API. */
package dev.bulwark.cli.keys;
