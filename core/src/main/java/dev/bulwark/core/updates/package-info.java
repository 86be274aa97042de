/**
 * Automatic updates, the baseline's sixth measure: an {@link dev.bulwark.core.updates.UpdatePolicy}
 * rendered for unattended-upgrades ({@link dev.bulwark.core.updates.UnattendedUpgrades}: APT's
 * {@code 20auto-upgrades} and a drop-in, see apt.conf(5) and unattended-upgrade(8)) and for
 * dnf-automatic ({@link dev.bulwark.core.updates.DnfAutomatic}, dnf-automatic(8)); parsers of both
 * formats ({@link dev.bulwark.core.updates.AptConf}, {@link dev.bulwark.core.updates.DnfAutomaticConf});
 * and {@link dev.bulwark.core.updates.UpdatesAudit}, which turns existing configuration into findings,
 * deciding security coverage with unattended-upgrades' own origin matching against an
 * {@link dev.bulwark.core.updates.AptDistribution}'s package files ({@link dev.bulwark.core.updates.AptOrigin}),
 * and on a host checks that the program is installed and its timers enabled.
 *
 * @see <a href="https://manpages.debian.org/bookworm/apt/apt.conf.5.en.html">apt.conf(5)</a>
 * @see <a href="https://manpages.debian.org/bookworm/unattended-upgrades/unattended-upgrade.8.en.html">unattended-upgrade(8)</a>
 * @see <a href="https://dnf.readthedocs.io/en/latest/automatic.html">dnf-automatic(8)</a>
 */
package dev.bulwark.core.updates;
