package dev.takt.scheduler.event;

/**
 * The job store was attached, when the scheduler started.
 *
 * @param scheduler the scheduler name
 * @param store the store alias, {@code default}
 */
public record JobStoreAdded(String scheduler, String store) implements SchedulerEvent {

	@Override
	public EventType type() {
		return EventType.JOBSTORE_ADDED;
	}

}
