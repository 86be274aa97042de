/**
 * {@code bulwark audit}: services, sshd, firewall exposure and automatic updates, on this machine,
 * on a server over SSH ({@code --target}) or from captured files ({@code --from}). Not API.
 */
package dev.bulwark.cli.audit;
