/** How each parser's time grows with its input, on valid and hostile shapes: {@link dev.bulwark.benchmarks.scaling.ParserScalingBenchmark}. */
package dev.bulwark.benchmarks.scaling;
