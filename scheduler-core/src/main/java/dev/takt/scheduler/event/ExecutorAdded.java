package dev.takt.scheduler.event;

/**
 * An executor was added (also sent for each configured executor when the scheduler starts).
 *
 * @param scheduler the scheduler name
 * @param executor the executor name
 */
public record ExecutorAdded(String scheduler, String executor) implements SchedulerEvent {

	@Override
	public EventType type() {
		return EventType.EXECUTOR_ADDED;
	}

}
