package dev.takt.scheduler;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * A run in progress on a scheduler (on this node), as {@link Scheduler#getRunningRuns()} shows
 * it: which job, which run time, which attempt, since when.
 *
 * @param runId the store's id for the run
 * @param jobId the job's id
 * @param scheduledRunTime the run time the current attempt is for
 * @param attempt the current attempt, from 1
 * @param startedAt when the current attempt started
 * @param timeout the job's run timeout, or {@code null} for none
 * @param leaseLost whether a shared store reported that this node lost the run's lease (another
 * node took the run over while it went on here)
 */
public record RunInProgress(String runId, String jobId, Instant scheduledRunTime, int attempt, Instant startedAt,
		@Nullable Duration timeout, boolean leaseLost) {

	/**
	 * Creates a run in progress, checking its values.
	 * @param runId the run id
	 * @param jobId the job id
	 * @param scheduledRunTime the run time
	 * @param attempt the attempt
	 * @param startedAt when the attempt started
	 * @param timeout the timeout, or {@code null}
	 * @param leaseLost whether the lease was lost
	 */
	public RunInProgress {
		Objects.requireNonNull(runId, "runId must not be null");
		Objects.requireNonNull(jobId, "jobId must not be null");
		Objects.requireNonNull(scheduledRunTime, "scheduledRunTime must not be null");
		Objects.requireNonNull(startedAt, "startedAt must not be null");
	}

	/**
	 * Returns how long the current attempt has been running.
	 * @param now the current time
	 * @return the time since the attempt started
	 */
	public Duration runningFor(Instant now) {
		return Duration.between(this.startedAt, now);
	}

	/**
	 * Returns whether the run is stuck: it is still running past its timeout (its handler ignored
	 * the interrupt), or it lost its lease.
	 * @param now the current time
	 * @return whether the run is stuck
	 */
	public boolean isStuck(Instant now) {
		return this.leaseLost || (this.timeout != null && runningFor(now).compareTo(this.timeout) > 0);
	}

}
