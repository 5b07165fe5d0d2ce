package dev.takt.scheduler.event;

import java.time.Instant;

import dev.takt.scheduler.JobResult;

/**
 * A run succeeded.
 *
 * @param scheduler the scheduler name
 * @param jobId the job id
 * @param scheduledRunTime the run time the run was for
 * @param result the result, with attempts, start and duration
 */
public record JobExecuted(String scheduler, String jobId, Instant scheduledRunTime, JobResult result)
		implements JobEvent {

	@Override
	public EventType type() {
		return EventType.JOB_EXECUTED;
	}

}
