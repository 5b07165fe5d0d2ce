package dev.takt.scheduler;

import java.time.Duration;
import java.util.Objects;

import dev.takt.scheduler.retry.RetryPolicy;
import org.jspecify.annotations.Nullable;

/**
 * The job options a scheduler gives a job that does not set them, as APScheduler's
 * {@code job_defaults}. {@link #standard()} holds APScheduler 3's: coalesce, one instance, a
 * misfire grace time of one second, the {@code default} executor, no retry, no timeout.
 *
 * @param executor the executor name
 * @param coalesce whether several missed run times run once (the latest)
 * @param maxInstances how many runs of a job may be in progress at once, at least 1
 * @param misfireGraceTime how late a run may start and still run, or {@code null} to run however
 * late
 * @param retryPolicy how failed runs are retried
 * @param timeout how long a run may take, or {@code null} for no limit
 */
public record JobDefaults(String executor, boolean coalesce, int maxInstances, @Nullable Duration misfireGraceTime,
		RetryPolicy retryPolicy, @Nullable Duration timeout) {

	/** The name of the executor every scheduler has. */
	public static final String DEFAULT_EXECUTOR = "default";

	/** APScheduler 3's default misfire grace time. */
	public static final Duration DEFAULT_MISFIRE_GRACE_TIME = Duration.ofSeconds(1);

	private static final JobDefaults STANDARD = new JobDefaults(DEFAULT_EXECUTOR, true, 1, DEFAULT_MISFIRE_GRACE_TIME,
			RetryPolicy.none(), null);

	/**
	 * Creates defaults, checking their values.
	 * @param executor the executor name
	 * @param coalesce whether missed run times run once
	 * @param maxInstances the number of concurrent runs allowed
	 * @param misfireGraceTime how late a run may start, or {@code null}
	 * @param retryPolicy how failed runs are retried
	 * @param timeout the run timeout, or {@code null}
	 */
	public JobDefaults {
		Job.requireText("executor", executor);
		Job.checkMaxInstances(maxInstances);
		Job.checkPositive("misfireGraceTime", misfireGraceTime);
		Objects.requireNonNull(retryPolicy, "retryPolicy must not be null");
		Job.checkPositive("timeout", timeout);
	}

	/**
	 * Returns APScheduler 3's defaults.
	 * @return the defaults
	 */
	public static JobDefaults standard() {
		return STANDARD;
	}

	/**
	 * Returns a copy with another default executor.
	 * @param executor the executor name
	 * @return the new defaults
	 */
	public JobDefaults withExecutor(String executor) {
		return new JobDefaults(executor, this.coalesce, this.maxInstances, this.misfireGraceTime, this.retryPolicy,
				this.timeout);
	}

	/**
	 * Returns a copy with another coalesce setting.
	 * @param coalesce whether missed run times run once
	 * @return the new defaults
	 */
	public JobDefaults withCoalesce(boolean coalesce) {
		return new JobDefaults(this.executor, coalesce, this.maxInstances, this.misfireGraceTime, this.retryPolicy,
				this.timeout);
	}

	/**
	 * Returns a copy with another limit of concurrent runs.
	 * @param maxInstances the limit, at least 1
	 * @return the new defaults
	 */
	public JobDefaults withMaxInstances(int maxInstances) {
		return new JobDefaults(this.executor, this.coalesce, maxInstances, this.misfireGraceTime, this.retryPolicy,
				this.timeout);
	}

	/**
	 * Returns a copy with another misfire grace time.
	 * @param misfireGraceTime how late a run may start, or {@code null} to run however late
	 * @return the new defaults
	 */
	public JobDefaults withMisfireGraceTime(@Nullable Duration misfireGraceTime) {
		return new JobDefaults(this.executor, this.coalesce, this.maxInstances, misfireGraceTime, this.retryPolicy,
				this.timeout);
	}

	/**
	 * Returns a copy with another retry policy.
	 * @param retryPolicy the policy
	 * @return the new defaults
	 */
	public JobDefaults withRetryPolicy(RetryPolicy retryPolicy) {
		return new JobDefaults(this.executor, this.coalesce, this.maxInstances, this.misfireGraceTime, retryPolicy,
				this.timeout);
	}

	/**
	 * Returns a copy with another run timeout.
	 * @param timeout the timeout, or {@code null} for none
	 * @return the new defaults
	 */
	public JobDefaults withTimeout(@Nullable Duration timeout) {
		return new JobDefaults(this.executor, this.coalesce, this.maxInstances, this.misfireGraceTime,
				this.retryPolicy, timeout);
	}

}
