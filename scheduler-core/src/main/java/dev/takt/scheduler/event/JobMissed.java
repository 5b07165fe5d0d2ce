package dev.takt.scheduler.event;

import java.time.Instant;

/**
 * A run time was skipped because the run would have started later than the job's misfire grace
 * time allows.
 *
 * @param scheduler the scheduler name
 * @param jobId the job id
 * @param scheduledRunTime the run time missed
 */
public record JobMissed(String scheduler, String jobId, Instant scheduledRunTime) implements JobEvent {

	@Override
	public EventType type() {
		return EventType.JOB_MISSED;
	}

}
