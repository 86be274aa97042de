/**
 * Implementation of the exposure analysis (address sets, chain walking, findings). Not API: may
 * change without notice.
 */
package dev.bulwark.firewall.analysis.internal;
