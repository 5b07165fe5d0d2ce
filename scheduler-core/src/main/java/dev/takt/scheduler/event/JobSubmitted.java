package dev.takt.scheduler.event;

import java.time.Instant;
import java.util.List;

/**
 * A run was handed to its executor; without coalescing it covers every run time due.
 *
 * @param scheduler the scheduler name
 * @param jobId the job id
 * @param scheduledRunTimes the run times the run covers, oldest first
 */
public record JobSubmitted(String scheduler, String jobId, List<Instant> scheduledRunTimes) implements JobEvent {

	@Override
	public EventType type() {
		return EventType.JOB_SUBMITTED;
	}

}
