package dev.takt.scheduler.event;

/**
 * The job store was detached, when the scheduler shut down.
 *
 * @param scheduler the scheduler name
 * @param store the store alias, {@code default}
 */
public record JobStoreRemoved(String scheduler, String store) implements SchedulerEvent {

	@Override
	public EventType type() {
		return EventType.JOBSTORE_REMOVED;
	}

}
