package dev.takt.scheduler.store.jdbc;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Skips, or in CI fails, the tests of a class whose {@link RequiresDatabase database} is not
 * reachable.
 */
final class DatabaseCondition implements ExecutionCondition, BeforeAllCallback {

	private static boolean inCi() {
		return "true".equalsIgnoreCase(System.getenv("CI"));
	}

	@Override
	public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
		String problem = problem(context);
		if (problem == null) {
			return ConditionEvaluationResult.enabled("database reachable");
		}
		return inCi() ? ConditionEvaluationResult.enabled("CI: " + problem)
				: ConditionEvaluationResult.disabled("Skipped: " + problem);
	}

	@Override
	public void beforeAll(ExtensionContext context) {
		String problem = problem(context);
		if (problem != null && inCi()) {
			throw new IllegalStateException("CI requires every database server: " + problem);
		}
	}

	private static String problem(ExtensionContext context) {
		return AnnotationSupport.findAnnotation(context.getRequiredTestClass(), RequiresDatabase.class)
			.map((required) -> TestDatabases.problem(required.value()))
			.orElse(null);
	}

}
