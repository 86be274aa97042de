/**
 * Bulwark's examples: the secure-baseline kit and one example per measure.
 */
package dev.bulwark.examples;
