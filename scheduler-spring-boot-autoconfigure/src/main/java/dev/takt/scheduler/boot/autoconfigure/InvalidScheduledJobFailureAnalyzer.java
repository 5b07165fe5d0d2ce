package dev.takt.scheduler.boot.autoconfigure;

import dev.takt.scheduler.boot.annotation.InvalidScheduledJobException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains an {@link InvalidScheduledJobException}: the {@code @ScheduledJob} method, the
 * attribute and its value (placeholders resolved), and why the job cannot be scheduled.
 */
class InvalidScheduledJobFailureAnalyzer extends AbstractFailureAnalyzer<InvalidScheduledJobException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, InvalidScheduledJobException cause) {
		StringBuilder description = new StringBuilder("A @ScheduledJob method declares a job that cannot be scheduled:\n\n");
		description.append("    Method: ").append(cause.method()).append('\n');
		if (cause.attribute() != null) {
			description.append("    Attribute: ").append(cause.attribute()).append('\n');
		}
		if (cause.value() != null) {
			description.append("    Value: \"").append(cause.value()).append("\"\n");
		}
		description.append("    Reason: ").append(cause.reason()).append('\n');
		String action = (cause.attribute() != null)
				? "Fix the " + cause.attribute() + " attribute of @ScheduledJob on " + cause.method() + "."
				: "Fix @ScheduledJob on " + cause.method() + ".";
		return new FailureAnalysis(description.toString(), action, cause);
	}

}
