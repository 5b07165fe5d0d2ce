package dev.takt.scheduler.boot.autoconfigure;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.origin.Origin;
import org.springframework.core.env.Environment;

/**
 * Explains an {@link InvalidSchedulerPropertyException}: the property, the value as written (with
 * any password masked) and where it was written, and why the scheduler cannot use it.
 */
class InvalidSchedulerPropertyFailureAnalyzer extends AbstractFailureAnalyzer<InvalidSchedulerPropertyException> {

	private final @Nullable Environment environment;

	InvalidSchedulerPropertyFailureAnalyzer(@Nullable Environment environment) {
		this.environment = environment;
	}

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, InvalidSchedulerPropertyException cause) {
		ConfigurationProperty written = find(cause.property());
		String value = cause.value();
		if (written != null && written.getValue() != null && !(written.getValue() instanceof java.util.Map)) {
			value = String.valueOf(written.getValue());
			if (cause.property().endsWith("jobstore-url")) {
				value = JobStoreUrl.mask(value);
			}
		}
		StringBuilder description = new StringBuilder("Invalid scheduler configuration:\n\n");
		description.append("    Property: ").append(cause.property()).append('\n');
		description.append("    Value: ").append((value != null) ? "\"" + value + "\"" : "(none)").append('\n');
		Origin origin = (written != null) ? written.getOrigin() : null;
		if (origin != null) {
			description.append("    Origin: ").append(origin).append('\n');
		}
		description.append("    Reason: ").append(cause.reason()).append('\n');
		String action = (cause.action() != null) ? cause.action()
				: "Update the application's configuration so that " + cause.property() + " has a valid value.";
		return new FailureAnalysis(description.toString(), action, cause);
	}

	private @Nullable ConfigurationProperty find(String property) {
		if (this.environment == null) {
			return null;
		}
		ConfigurationPropertyName name;
		try {
			name = ConfigurationPropertyName.adapt(property, '.');
		}
		catch (RuntimeException ex) {
			return null;
		}
		for (ConfigurationPropertySource source : ConfigurationPropertySources.get(this.environment)) {
			ConfigurationProperty found = source.getConfigurationProperty(name);
			if (found != null) {
				return found;
			}
		}
		return null;
	}

}
