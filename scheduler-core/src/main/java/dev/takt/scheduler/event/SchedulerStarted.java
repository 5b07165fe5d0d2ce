package dev.takt.scheduler.event;

/**
 * The scheduler was started.
 *
 * @param scheduler the scheduler name
 */
public record SchedulerStarted(String scheduler) implements SchedulerEvent {

	@Override
	public EventType type() {
		return EventType.SCHEDULER_STARTED;
	}

}
