package dev.takt.scheduler.boot.autoconfigure;

import java.time.Duration;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.takt.scheduler.JobDefaults;
import dev.takt.scheduler.SchedulerBuilder;
import dev.takt.scheduler.boot.autoconfigure.SchedulerProperties.ExecutorType;
import dev.takt.scheduler.retry.RetryPolicy;
import dev.takt.scheduler.trigger.DstPolicy;
import org.jspecify.annotations.Nullable;

/**
 * One scheduler instance's settings, resolved from {@code scheduler.*}: the top level for the
 * {@code default} instance, the top level overlaid with {@code scheduler.instances.<name>.*} for
 * a named one. Every value is checked here, and a bad one fails with the property that set it.
 *
 * @param name the instance name
 * @param prefix the prefix of the instance's own properties
 * @param timezone the instance's time zone
 * @param jobDefaults the options of jobs that do not set them
 * @param retry the retry settings that jobs overriding some of them start from (the job
 * defaults' policy is {@link RetryPolicy#none()} when these allow one attempt)
 * @param jitter the jitter of declared jobs' triggers, or {@code null}
 * @param dst the daylight-saving policy of declared jobs' cron triggers
 * @param jobstoreUrl the job store URL
 * @param jobstoreUrlProperty the property the URL comes from
 * @param executors the executors by name
 */
record InstanceSettings(String name, String prefix, ZoneId timezone, JobDefaults jobDefaults, RetryPolicy retry,
		@Nullable Duration jitter,
		DstPolicy dst, String jobstoreUrl, String jobstoreUrlProperty, Map<String, ExecutorSettings> executors) {

	static final String PREFIX = "scheduler";

	/**
	 * An executor's settings.
	 *
	 * @param property the prefix of the executor's properties
	 * @param type the kind of executor
	 * @param size the number of threads of a pool
	 */
	record ExecutorSettings(String property, ExecutorType type, int size) {
	}

	/**
	 * Resolves every instance: {@code default} first, then the named ones in the order configured.
	 * @param properties the properties
	 * @return the instances' settings by name
	 */
	static Map<String, InstanceSettings> resolveAll(SchedulerProperties properties) {
		InstanceSettings top = topLevel(properties);
		Map<String, InstanceSettings> instances = new LinkedHashMap<>();
		SchedulerProperties.Instance defaultOverrides = properties.getInstances().get(SchedulerBuilder.DEFAULT_NAME);
		instances.put(SchedulerBuilder.DEFAULT_NAME, (defaultOverrides != null)
				? overlay(top, SchedulerBuilder.DEFAULT_NAME, defaultOverrides) : top);
		properties.getInstances().forEach((name, instance) -> {
			if (name.isBlank()) {
				throw new InvalidSchedulerPropertyException(PREFIX + ".instances", name,
						"an instance name must not be blank");
			}
			if (!name.equals(SchedulerBuilder.DEFAULT_NAME)) {
				instances.put(name, overlay(top, name, instance));
			}
		});
		return instances;
	}

	private static InstanceSettings topLevel(SchedulerProperties properties) {
		String p = PREFIX;
		int maxInstances = atLeastOne(p + ".max-instances", properties.getMaxInstances());
		Duration misfire = positive(p + ".misfire-grace-time", properties.getMisfireGraceTime());
		Duration jitter = positiveOrNull(p + ".jitter", properties.getJitter());
		Duration timeout = positiveOrNull(p + ".timeout", properties.getTimeout());
		SchedulerProperties.Retry retry = properties.getRetry();
		RetryPolicy policy = retryPolicy(p + ".retry", retry.getMaxAttempts(), retry.getDelay(), retry.getMultiplier(),
				retry.getMaxDelay(), retry.getRetryOn(), retry.getAbortOn());
		JobDefaults defaults = new JobDefaults(JobDefaults.DEFAULT_EXECUTOR, properties.isCoalesce(), maxInstances,
				misfire, effective(policy), timeout);
		DstPolicy dst = new DstPolicy(properties.getDst().getGap(), properties.getDst().getRepeat());
		ZoneId zone = (properties.getTimezone() != null) ? properties.getTimezone() : ZoneId.systemDefault();
		String url = properties.getJobstoreUrl();
		Map<String, ExecutorSettings> executors = new LinkedHashMap<>();
		addExecutors(executors, p + ".executors", properties.getExecutors());
		checkShutdown(properties.getShutdown());
		return new InstanceSettings(SchedulerBuilder.DEFAULT_NAME, p, zone, defaults, policy, jitter, dst, url,
				p + ".jobstore-url", executors);
	}

	private static InstanceSettings overlay(InstanceSettings top, String name, SchedulerProperties.Instance instance) {
		String p = PREFIX + ".instances." + name;
		JobDefaults base = top.jobDefaults();
		RetryPolicy retry = retryPolicy(p + ".retry", top.retry(), instance.getRetry());
		JobDefaults defaults = new JobDefaults(JobDefaults.DEFAULT_EXECUTOR,
				(instance.getCoalesce() != null) ? instance.getCoalesce() : base.coalesce(),
				(instance.getMaxInstances() != null) ? atLeastOne(p + ".max-instances", instance.getMaxInstances())
						: base.maxInstances(),
				(instance.getMisfireGraceTime() != null)
						? positive(p + ".misfire-grace-time", instance.getMisfireGraceTime())
						: base.misfireGraceTime(),
				effective(retry),
				(instance.getTimeout() != null) ? positive(p + ".timeout", instance.getTimeout()) : base.timeout());
		Duration jitter = (instance.getJitter() != null) ? positive(p + ".jitter", instance.getJitter()) : top.jitter();
		DstPolicy dst = dstPolicy(top.dst(), instance.getDst());
		ZoneId zone = (instance.getTimezone() != null) ? instance.getTimezone() : top.timezone();
		boolean ownUrl = instance.getJobstoreUrl() != null;
		Map<String, ExecutorSettings> executors = new LinkedHashMap<>(top.executors());
		addExecutors(executors, p + ".executors", instance.getExecutors());
		return new InstanceSettings(name, p, zone, defaults, retry, jitter, dst,
				ownUrl ? instance.getJobstoreUrl() : top.jobstoreUrl(),
				ownUrl ? p + ".jobstore-url" : top.jobstoreUrlProperty(), executors);
	}

	private static void addExecutors(Map<String, ExecutorSettings> executors, String prefix,
			Map<String, SchedulerProperties.Executor> configured) {
		configured.forEach((name, executor) -> {
			String property = prefix + "." + name;
			if (name.isBlank()) {
				throw new InvalidSchedulerPropertyException(prefix, name, "an executor name must not be blank");
			}
			if (executor.getType() == ExecutorType.THREAD_POOL) {
				atLeastOne(property + ".size", executor.getSize());
			}
			executors.put(name, new ExecutorSettings(property, executor.getType(), executor.getSize()));
		});
	}

	private static void checkShutdown(SchedulerProperties.Shutdown shutdown) {
		Duration period = shutdown.getAwaitTerminationPeriod();
		if (period == null || period.isNegative()) {
			throw new InvalidSchedulerPropertyException(PREFIX + ".shutdown.await-termination-period",
					print(period), "must not be negative");
		}
	}

	/**
	 * Returns the instance's retry policy with the given overrides applied.
	 * @param prefix the prefix of the overriding properties, for messages
	 * @param base the policy to start from
	 * @param overrides the overrides
	 * @return the policy
	 */
	static RetryPolicy retryPolicy(String prefix, RetryPolicy base, SchedulerProperties.RetryOverrides overrides) {
		if (overrides.isEmpty()) {
			return base;
		}
		return retryPolicy(prefix,
				(overrides.getMaxAttempts() != null) ? overrides.getMaxAttempts() : base.maxAttempts(),
				(overrides.getDelay() != null) ? overrides.getDelay() : base.delay(),
				(overrides.getMultiplier() != null) ? overrides.getMultiplier() : base.multiplier(),
				(overrides.getMaxDelay() != null) ? overrides.getMaxDelay() : base.maxDelay(),
				(overrides.getRetryOn() != null) ? overrides.getRetryOn() : base.retryOn(),
				(overrides.getAbortOn() != null) ? overrides.getAbortOn() : base.abortOn());
	}

	static RetryPolicy retryPolicy(String prefix, int maxAttempts, @Nullable Duration delay, double multiplier,
			@Nullable Duration maxDelay, List<Class<? extends Throwable>> retryOn,
			List<Class<? extends Throwable>> abortOn) {
		atLeastOne(prefix + ".max-attempts", maxAttempts);
		notNegative(prefix + ".delay", delay);
		if (!(multiplier >= 1.0) || Double.isInfinite(multiplier)) {
			throw new InvalidSchedulerPropertyException(prefix + ".multiplier", Double.toString(multiplier),
					"must be a finite number of at least 1.0");
		}
		notNegative(prefix + ".max-delay", maxDelay);
		return new RetryPolicy(maxAttempts, (delay != null) ? delay : Duration.ZERO, multiplier, maxDelay, retryOn,
				abortOn);
	}

	/** One attempt means no retry, whatever the delays say: such a policy is {@link RetryPolicy#none()}. */
	private static RetryPolicy effective(RetryPolicy policy) {
		return (policy.maxAttempts() == 1) ? RetryPolicy.none() : policy;
	}

	/**
	 * Returns a daylight-saving policy with the given overrides applied.
	 * @param base the policy to start from
	 * @param overrides the overrides
	 * @return the policy
	 */
	static DstPolicy dstPolicy(DstPolicy base, SchedulerProperties.DstOverrides overrides) {
		return new DstPolicy((overrides.getGap() != null) ? overrides.getGap() : base.gap(),
				(overrides.getRepeat() != null) ? overrides.getRepeat() : base.repeat());
	}

	/** Prints a duration as it would be written in a property: {@code -5s}, {@code 250ms}. */
	static String print(@Nullable Duration value) {
		if (value == null) {
			return "null";
		}
		if (value.getNano() == 0) {
			return value.getSeconds() + "s";
		}
		if (value.getNano() % 1_000_000 == 0) {
			return value.toMillis() + "ms";
		}
		return value.toString();
	}

	static int atLeastOne(String property, int value) {
		if (value < 1) {
			throw new InvalidSchedulerPropertyException(property, Integer.toString(value), "must be at least 1");
		}
		return value;
	}

	static Duration positive(String property, @Nullable Duration value) {
		if (value == null || value.isNegative() || value.isZero()) {
			throw new InvalidSchedulerPropertyException(property, print(value), "must be a positive duration");
		}
		return value;
	}

	static @Nullable Duration positiveOrNull(String property, @Nullable Duration value) {
		return (value != null) ? positive(property, value) : null;
	}

	static void notNegative(String property, @Nullable Duration value) {
		if (value != null && value.isNegative()) {
			throw new InvalidSchedulerPropertyException(property, print(value), "must not be a negative duration");
		}
	}

}
