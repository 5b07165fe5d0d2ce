package dev.takt.scheduler.history;

import java.time.Instant;
import java.util.Objects;

import dev.takt.scheduler.JobResult;

/**
 * The outcome of one scheduled run time of a job, after all its attempts.
 *
 * @param jobId the job's id
 * @param jobName the job's name
 * @param scheduledRunTime the run time the run was for
 * @param result the result, with the number of attempts, the last attempt's start and duration
 */
public record RunRecord(String jobId, String jobName, Instant scheduledRunTime, JobResult result) {

	/**
	 * Creates a record.
	 * @param jobId the job's id
	 * @param jobName the job's name
	 * @param scheduledRunTime the run time
	 * @param result the result
	 */
	public RunRecord {
		Objects.requireNonNull(jobId, "jobId must not be null");
		Objects.requireNonNull(jobName, "jobName must not be null");
		Objects.requireNonNull(scheduledRunTime, "scheduledRunTime must not be null");
		Objects.requireNonNull(result, "result must not be null");
	}

}
