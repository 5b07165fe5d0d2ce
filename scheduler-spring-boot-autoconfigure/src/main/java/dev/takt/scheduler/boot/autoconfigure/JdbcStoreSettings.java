package dev.takt.scheduler.boot.autoconfigure;

import java.time.Duration;
import java.util.regex.Pattern;

import dev.takt.scheduler.SchedulerBuilder;
import dev.takt.scheduler.boot.autoconfigure.SchedulerProperties.SchemaInitialization;
import org.jspecify.annotations.Nullable;

/**
 * One instance's SQL job store settings, resolved from {@code scheduler.jdbc.*} and
 * {@code scheduler.instances.<name>.jdbc.*}: a value the instance leaves unset is the top level's,
 * except the table prefix, which for a named instance is the top-level prefix followed by the
 * instance name, so that instances on one database keep their jobs apart. Each value comes with
 * the property that set it, for messages.
 *
 * @param initializeSchema when to create the tables
 * @param initializeSchemaProperty the property that set it
 * @param tablePrefix the table prefix
 * @param tablePrefixProperty the property that set it
 * @param leaseTime the lease time of running jobs
 * @param historyRetention how long the run history keeps a run
 */
record JdbcStoreSettings(SchemaInitialization initializeSchema, String initializeSchemaProperty, String tablePrefix,
		String tablePrefixProperty, Duration leaseTime, Duration historyRetention) {

	/** The shortest lease the store takes. */
	static final Duration MIN_LEASE_TIME = Duration.ofMillis(100);

	private static final Pattern NOT_IN_A_TABLE_NAME = Pattern.compile("[^A-Za-z0-9_]");

	/**
	 * Resolves the settings of an instance.
	 * @param properties the properties
	 * @param instance the instance name
	 * @return the settings
	 * @throws InvalidSchedulerPropertyException when a duration is out of range
	 */
	static JdbcStoreSettings resolve(SchedulerProperties properties, String instance) {
		String top = InstanceSettings.PREFIX + ".jdbc";
		String own = InstanceSettings.PREFIX + ".instances." + instance + ".jdbc";
		SchedulerProperties.Jdbc defaults = properties.getJdbc();
		SchedulerProperties.Instance configured = properties.getInstances().get(instance);
		SchedulerProperties.JdbcOverrides overrides = (configured != null) ? configured.getJdbc()
				: new SchedulerProperties.JdbcOverrides();
		boolean named = !instance.equals(SchedulerBuilder.DEFAULT_NAME);

		SchemaInitialization initialize = firstSet(overrides.getInitializeSchema(), defaults.getInitializeSchema());
		String initializeProperty = (overrides.getInitializeSchema() != null) ? own + ".initialize-schema"
				: top + ".initialize-schema";
		String prefix;
		String prefixProperty;
		if (overrides.getTablePrefix() != null) {
			prefix = overrides.getTablePrefix();
			prefixProperty = own + ".table-prefix";
		}
		else {
			prefix = named ? defaults.getTablePrefix() + NOT_IN_A_TABLE_NAME.matcher(instance).replaceAll("_") + "_"
					: defaults.getTablePrefix();
			prefixProperty = top + ".table-prefix";
		}
		Duration lease = (overrides.getLeaseTime() != null) ? leaseTime(own + ".lease-time", overrides.getLeaseTime())
				: leaseTime(top + ".lease-time", defaults.getLeaseTime());
		Duration retention = (overrides.getHistoryRetention() != null)
				? InstanceSettings.positive(own + ".history-retention", overrides.getHistoryRetention())
				: InstanceSettings.positive(top + ".history-retention", defaults.getHistoryRetention());
		return new JdbcStoreSettings(initialize, initializeProperty, prefix, prefixProperty, lease, retention);
	}

	private static Duration leaseTime(String property, @Nullable Duration value) {
		if (value == null || value.compareTo(MIN_LEASE_TIME) < 0) {
			throw new InvalidSchedulerPropertyException(property, InstanceSettings.print(value),
					"must be at least 100ms: the scheduler heartbeats every third of it");
		}
		return value;
	}

	private static <T> T firstSet(@Nullable T value, T fallback) {
		return (value != null) ? value : fallback;
	}

}
