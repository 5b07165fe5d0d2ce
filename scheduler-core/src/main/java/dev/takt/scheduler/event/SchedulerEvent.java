package dev.takt.scheduler.event;

/**
 * Something that happened in a scheduler. Each kind is a record, matched with a type pattern or
 * {@code switch}, and has an {@link EventType} for listener masks.
 */
public sealed interface SchedulerEvent permits SchedulerStarted, SchedulerShutdown, SchedulerPaused,
		SchedulerResumed, ExecutorAdded, ExecutorRemoved, JobStoreAdded, JobStoreRemoved, AllJobsRemoved, JobEvent {

	/**
	 * Returns the event's kind.
	 * @return the event type
	 */
	EventType type();

	/**
	 * Returns the name of the scheduler instance the event happened in.
	 * @return the scheduler name
	 */
	String scheduler();

}
