package dev.bulwark.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The test creates network namespaces ({@code ip netns add}) and veth pairs: it needs root, the
 * {@code ip} tool and a kernel that allows it. Skipped with the reason otherwise; fails instead
 * under {@code -Dbulwark.requireTools=true}. See {@link NetworkNamespace}.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@Tag("interop")
@ExtendWith(EnvironmentCondition.class)
public @interface RequiresNetworkNamespaces {
}
