/**
 * Findings: the one result type of every audit in Bulwark.
 */
package dev.bulwark.core.audit;
