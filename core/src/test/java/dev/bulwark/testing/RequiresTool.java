package dev.bulwark.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The test runs real external tools. When one is not on the PATH (or in {@code /usr/sbin},
 * {@code /sbin}) the test is skipped with the reason; under {@code -Dbulwark.requireTools=true}
 * (CI) it fails instead. Tagged {@code interop}.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@Tag("interop")
@ExtendWith(EnvironmentCondition.class)
public @interface RequiresTool {
    /** The executables the test needs, e.g. {@code "ssh-keygen"}. */
    String[] value();
}
