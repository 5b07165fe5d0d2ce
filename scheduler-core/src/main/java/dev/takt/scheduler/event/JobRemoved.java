package dev.takt.scheduler.event;

/**
 * A job was removed, by request or because its trigger has no more fire times.
 *
 * @param scheduler the scheduler name
 * @param jobId the job id
 */
public record JobRemoved(String scheduler, String jobId) implements JobEvent {

	@Override
	public EventType type() {
		return EventType.JOB_REMOVED;
	}

}
