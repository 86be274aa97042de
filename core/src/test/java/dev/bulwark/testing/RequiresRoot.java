package dev.bulwark.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The test needs to run as root. Skipped with the reason otherwise; fails instead under
 * {@code -Dbulwark.requireTools=true}.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@Tag("interop")
@ExtendWith(EnvironmentCondition.class)
public @interface RequiresRoot {
}
