package dev.takt.scheduler.event;

/**
 * Every job was removed.
 *
 * @param scheduler the scheduler name
 */
public record AllJobsRemoved(String scheduler) implements SchedulerEvent {

	@Override
	public EventType type() {
		return EventType.ALL_JOBS_REMOVED;
	}

}
