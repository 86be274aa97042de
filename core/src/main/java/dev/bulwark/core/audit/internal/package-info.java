/**
 * Not API: the JSON writing shared by Bulwark's findings and reports (exported only to the
 * sibling modules that write reports of their own).
 */
package dev.bulwark.core.audit.internal;
