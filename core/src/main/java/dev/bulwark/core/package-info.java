/**
 * Bulwark's shared vocabulary: {@link dev.bulwark.core.Position}, the single
 * {@link dev.bulwark.core.ParseException} every parser throws, the
 * {@link dev.bulwark.core.ValidationException} every builder throws, and
 * {@link dev.bulwark.core.ParseResult} for lenient parses.
 */
package dev.bulwark.core;
