/**
 * Implementation of the ruleset parsers. Not API: may change without notice.
 */
package dev.bulwark.firewall.parse.internal;
