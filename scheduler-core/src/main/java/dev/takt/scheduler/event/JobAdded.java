package dev.takt.scheduler.event;

import dev.takt.scheduler.Job;

/**
 * A job was added (or replaced an existing one).
 *
 * @param scheduler the scheduler name
 * @param job the job as stored
 */
public record JobAdded(String scheduler, Job job) implements JobEvent {

	@Override
	public EventType type() {
		return EventType.JOB_ADDED;
	}

	@Override
	public String jobId() {
		return this.job.id();
	}

}
