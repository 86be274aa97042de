/** JMH benchmarks of the ssh module (not API). */
package dev.bulwark.benchmarks.ssh;
