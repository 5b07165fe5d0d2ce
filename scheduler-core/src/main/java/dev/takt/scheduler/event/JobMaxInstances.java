package dev.takt.scheduler.event;

import java.time.Instant;
import java.util.List;

/**
 * Due run times were skipped because the job already had its maximum of runs in progress.
 *
 * @param scheduler the scheduler name
 * @param jobId the job id
 * @param scheduledRunTimes the run times skipped, oldest first
 */
public record JobMaxInstances(String scheduler, String jobId, List<Instant> scheduledRunTimes) implements JobEvent {

	@Override
	public EventType type() {
		return EventType.JOB_MAX_INSTANCES;
	}

}
