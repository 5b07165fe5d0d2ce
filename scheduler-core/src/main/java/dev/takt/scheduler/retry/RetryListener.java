package dev.takt.scheduler.retry;

import java.time.Duration;

import dev.takt.scheduler.JobContext;
import dev.takt.scheduler.JobResult;

/**
 * Hooks called when a run ends. A {@code JobHandler} that also implements this interface has its
 * hooks called for its own runs, on the thread that finished the run. A hook that throws is logged
 * and changes nothing.
 */
public interface RetryListener {

	/**
	 * Called when an attempt succeeds.
	 * @param context the run's context
	 * @param result the result, with its attempt count and timing
	 */
	default void onSuccess(JobContext context, JobResult result) {
	}

	/**
	 * Called when an attempt fails and another one is scheduled.
	 * @param context the failed attempt's context
	 * @param result the failed result
	 * @param delay the wait before the next attempt
	 */
	default void onRetry(JobContext context, JobResult result, Duration delay) {
	}

	/**
	 * Called when an attempt fails and no other one follows.
	 * @param context the failed attempt's context
	 * @param result the failed result, with the number of attempts made
	 */
	default void onFailure(JobContext context, JobResult result) {
	}

}
