package dev.takt.scheduler.event;

/**
 * The scheduler was shut down.
 *
 * @param scheduler the scheduler name
 */
public record SchedulerShutdown(String scheduler) implements SchedulerEvent {

	@Override
	public EventType type() {
		return EventType.SCHEDULER_SHUTDOWN;
	}

}
