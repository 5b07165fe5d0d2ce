package dev.takt.scheduler.event;

import java.time.Instant;

import dev.takt.scheduler.JobResult;
import org.jspecify.annotations.Nullable;

/**
 * An attempt failed: the handler threw, returned a failure, timed out, or could not be found. When
 * {@code retryAt} is set another attempt follows then.
 *
 * @param scheduler the scheduler name
 * @param jobId the job id
 * @param scheduledRunTime the run time the run was for
 * @param result the failed result, with attempts, start and duration
 * @param retryAt when the next attempt is due, or {@code null} when none follows
 */
public record JobError(String scheduler, String jobId, Instant scheduledRunTime, JobResult result,
		@Nullable Instant retryAt) implements JobEvent {

	@Override
	public EventType type() {
		return EventType.JOB_ERROR;
	}

	/**
	 * Returns whether another attempt follows.
	 * @return whether the run is retried
	 */
	public boolean willRetry() {
		return this.retryAt != null;
	}

}
