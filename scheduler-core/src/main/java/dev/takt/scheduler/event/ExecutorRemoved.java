package dev.takt.scheduler.event;

/**
 * An executor was removed (also sent for each executor when the scheduler shuts down).
 *
 * @param scheduler the scheduler name
 * @param executor the executor name
 */
public record ExecutorRemoved(String scheduler, String executor) implements SchedulerEvent {

	@Override
	public EventType type() {
		return EventType.EXECUTOR_REMOVED;
	}

}
