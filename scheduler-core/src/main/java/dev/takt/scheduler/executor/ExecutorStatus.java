package dev.takt.scheduler.executor;

import java.util.Objects;

/**
 * How busy one of a scheduler's executors is, as {@code Scheduler.executorStatus()} shows it.
 *
 * @param name the executor's name
 * @param kind what kind of executor it is (its class's simple name, such as
 * {@code ThreadPoolJobExecutor})
 * @param active how many runs it is running
 * @param queued how many runs wait for a thread
 */
public record ExecutorStatus(String name, String kind, int active, int queued) {

	/**
	 * Creates a status, checking its values.
	 * @param name the executor name
	 * @param kind the executor kind
	 * @param active the running tasks
	 * @param queued the waiting tasks
	 */
	public ExecutorStatus {
		Objects.requireNonNull(name, "name must not be null");
		Objects.requireNonNull(kind, "kind must not be null");
	}

	/**
	 * Returns the status of an executor.
	 * @param name the executor's name
	 * @param executor the executor
	 * @return its status now
	 */
	public static ExecutorStatus of(String name, JobExecutor executor) {
		return new ExecutorStatus(name, executor.getClass().getSimpleName(), executor.activeCount(),
				executor.queuedCount());
	}

}
