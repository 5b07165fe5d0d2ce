package dev.takt.scheduler.executor;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;

/**
 * Runs the scheduler's runs, as APScheduler's executors; a scheduler has named executors, always
 * one named {@code default}, and each job names the one it runs on. The scheduler owns the
 * executors it is given and shuts them down when it shuts down. {@code maxInstances} is enforced
 * by the job store, not here: an executor only runs what it is handed, as cheaply as it can.
 */
public interface JobExecutor {

	/**
	 * Runs a task, now or when a thread is free.
	 * @param task the task
	 * @throws RejectedExecutionException when the executor was shut down
	 */
	void submit(Runnable task);

	/**
	 * Stops taking tasks; tasks running and waiting go on.
	 */
	void shutdown();

	/**
	 * Stops taking tasks, interrupts running ones and drops the waiting ones.
	 * @return the tasks that were waiting and will not run
	 */
	List<Runnable> shutdownNow();

	/**
	 * Waits until every task has finished after a shutdown.
	 * @param timeout the longest wait
	 * @return whether every task finished in time; {@code false} also when the waiting thread was
	 * interrupted (its interrupt status is kept)
	 */
	boolean awaitTermination(Duration timeout);

	/**
	 * Returns how many tasks are running.
	 * @return the number of running tasks
	 */
	int activeCount();

	/**
	 * Returns how many tasks are waiting for a thread.
	 * @return the number of waiting tasks
	 */
	int queuedCount();

	/**
	 * Returns how many tasks it runs at once. The scheduler claims due jobs only while its
	 * executors have room for them (a small multiple of this, less the runs they hold), so that
	 * due jobs wait in the store, where another node may take them, rather than in a queue here.
	 * @return the number of tasks it runs at once, {@link Integer#MAX_VALUE} (the default) when it
	 * has no bound
	 */
	default int maxConcurrency() {
		return Integer.MAX_VALUE;
	}

}
