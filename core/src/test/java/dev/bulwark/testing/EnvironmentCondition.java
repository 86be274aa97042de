package dev.bulwark.testing;

import java.lang.reflect.AnnotatedElement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Skips a test whose environment needs ({@link RequiresTool}, {@link RequiresRoot},
 * {@link RequiresNetworkNamespaces}) are not met, with the reason; under
 * {@code -Dbulwark.requireTools=true} the test fails with the reason instead.
 */
public final class EnvironmentCondition implements ExecutionCondition, BeforeAllCallback, BeforeEachCallback {

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        List<String> missing = missing(context);
        if (missing.isEmpty()) {
            return ConditionEvaluationResult.enabled("environment satisfied");
        }
        if (Tools.required()) {
            // Let it run so that the callbacks below fail it with the reason.
            return ConditionEvaluationResult.enabled("required: will fail");
        }
        return ConditionEvaluationResult.disabled("skipped: " + String.join("; ", missing));
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        failIfRequired(context);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        failIfRequired(context);
    }

    private static void failIfRequired(ExtensionContext context) {
        List<String> missing = missing(context);
        if (!missing.isEmpty() && Tools.required()) {
            throw new AssertionError("-D" + Tools.REQUIRE_PROPERTY + "=true but " + String.join("; ", missing));
        }
    }

    private static List<String> missing(ExtensionContext context) {
        List<String> reasons = new ArrayList<>();
        List<AnnotatedElement> elements = new ArrayList<>();
        context.getTestClass().ifPresent(c -> {
            for (Class<?> k = c; k != null; k = k.getEnclosingClass()) {
                elements.add(k);
            }
        });
        context.getTestMethod().ifPresent(elements::add);
        for (AnnotatedElement element : elements) {
            Optional<RequiresTool> tools = AnnotationSupport.findAnnotation(element, RequiresTool.class);
            tools.ifPresent(t -> {
                for (String tool : t.value()) {
                    if (Tools.find(tool).isEmpty()) {
                        String reason = "tool '" + tool + "' is not installed";
                        if (!reasons.contains(reason)) {
                            reasons.add(reason);
                        }
                    }
                }
            });
            if (AnnotationSupport.isAnnotated(element, RequiresRoot.class) && !Tools.isRoot()
                    && !reasons.contains("needs root")) {
                reasons.add("needs root");
            }
            if (AnnotationSupport.isAnnotated(element, RequiresNetworkNamespaces.class)) {
                Tools.netnsUnavailableReason().filter(r -> !reasons.contains(r)).ifPresent(reasons::add);
            }
        }
        return reasons;
    }
}
