package dev.takt.scheduler.event;

/**
 * Job processing was paused: no job runs until the scheduler is resumed.
 *
 * @param scheduler the scheduler name
 */
public record SchedulerPaused(String scheduler) implements SchedulerEvent {

	@Override
	public EventType type() {
		return EventType.SCHEDULER_PAUSED;
	}

}
