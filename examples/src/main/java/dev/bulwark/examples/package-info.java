/**
 * Bulwark's examples: the secure-baseline kit and one example per measure.
 *
 * <p>The kit: {@link dev.bulwark.examples.Kit#generate} writes it from a
 * {@link dev.bulwark.examples.BaselineSpec} (read by {@link dev.bulwark.examples.BaselineSpecParser}),
 * auditing the target as a {@link dev.bulwark.examples.KitAudit} says (not at all, over SSH, or
 * from {@link dev.bulwark.examples.CapturedFiles}), and returns a {@link dev.bulwark.examples.KitResult}.
 * The admin's way in, {@link dev.bulwark.examples.ManagementPath}, is never closed.
 * {@link dev.bulwark.examples.SecureBaseline} is its command line.
 */
package dev.bulwark.examples;
