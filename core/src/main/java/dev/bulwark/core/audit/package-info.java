/**
 * Findings, the one result type of every audit in Bulwark, their renderer
 * ({@link dev.bulwark.core.audit.FindingsRenderer}), and the service audit: a
 * {@link dev.bulwark.core.audit.ServicePolicy} of expected public, private and internal services,
 * checked by {@link dev.bulwark.core.audit.ServiceAudit} against the listening sockets of
 * {@code ss} into a {@link dev.bulwark.core.audit.ServiceReport}.
 */
package dev.bulwark.core.audit;
