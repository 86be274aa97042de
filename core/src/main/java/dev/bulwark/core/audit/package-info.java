/**
 * Findings, the one result type of every audit in Bulwark, their renderers for people
 * ({@link dev.bulwark.core.audit.FindingsRenderer}: text and Markdown) and programs
 * ({@link dev.bulwark.core.audit.FindingsJson}: JSON in a documented, versioned schema;
 * {@link dev.bulwark.core.audit.Sarif}: <a href="https://docs.oasis-open.org/sarif/sarif/v2.1.0/sarif-v2.1.0.html">SARIF
 * 2.1.0</a>), and the service audit: a
 * {@link dev.bulwark.core.audit.ServicePolicy} of expected public, private and internal services,
 * checked by {@link dev.bulwark.core.audit.ServiceAudit} against the listening sockets of
 * {@code ss} into a {@link dev.bulwark.core.audit.ServiceReport}.
 */
package dev.bulwark.core.audit;
