package dev.bulwark.core;

/**
 * A specification is invalid: a builder's fields contradict each other, a value cannot be
 * represented by the target format, or a weak choice was refused. The message names the field,
 * the bad value (unless secret) and, for refused choices, what to use instead.
 */
public class ValidationException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** A validation failure with the given message. */
    public ValidationException(String message) {
        super(message);
    }

    /** A validation failure with the given message and cause. */
    public ValidationException(String message, Throwable cause) {
        super(message, cause);
    }
}
