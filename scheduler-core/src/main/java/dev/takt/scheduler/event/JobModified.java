package dev.takt.scheduler.event;

import dev.takt.scheduler.Job;

/**
 * A job was modified, rescheduled, paused or resumed.
 *
 * @param scheduler the scheduler name
 * @param job the job as stored now
 */
public record JobModified(String scheduler, Job job) implements JobEvent {

	@Override
	public EventType type() {
		return EventType.JOB_MODIFIED;
	}

	@Override
	public String jobId() {
		return this.job.id();
	}

}
