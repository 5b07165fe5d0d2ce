package dev.takt.scheduler.event;

/**
 * Job processing was resumed.
 *
 * @param scheduler the scheduler name
 */
public record SchedulerResumed(String scheduler) implements SchedulerEvent {

	@Override
	public EventType type() {
		return EventType.SCHEDULER_RESUMED;
	}

}
