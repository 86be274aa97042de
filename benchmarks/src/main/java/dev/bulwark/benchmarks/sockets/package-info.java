/**
 * Benchmarks of {@code dev.bulwark.core.sockets}: the streaming ss parser over a generated
 * million-line listing, the best-case scan it is weighed against, and the helpers of the
 * {@code ss-vs-jc.sh} comparison.
 */
package dev.bulwark.benchmarks.sockets;
