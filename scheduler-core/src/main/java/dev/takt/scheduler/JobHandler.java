package dev.takt.scheduler;

import java.util.Objects;

/**
 * The code a job runs. Jobs refer to handlers by name through a {@link HandlerRegistry}, so a
 * stored job never holds code. A handler runs on its job's executor; it may be interrupted when
 * its job has a timeout or the scheduler shuts down without waiting.
 * <p>
 * A handler that throws, or returns {@link JobResult#failure}, fails the run, which the job's
 * retry policy may retry. A handler that also implements
 * {@link dev.takt.scheduler.retry.RetryListener} is told about its runs' success, retries and
 * failure. For work that completes without holding a thread, implement {@link AsyncJobHandler}.
 */
@FunctionalInterface
public interface JobHandler {

	/**
	 * Runs the job once.
	 * @param context the job, the fire time, the attempt and the arguments
	 * @return the result, usually {@link JobResult#success()}
	 * @throws Exception when the run fails
	 */
	JobResult handle(JobContext context) throws Exception;

	/**
	 * Returns a handler that runs the given code and succeeds when it returns.
	 * @param task the code to run
	 * @return the handler
	 */
	static JobHandler of(Runnable task) {
		Objects.requireNonNull(task, "task must not be null");
		return (context) -> {
			task.run();
			return JobResult.success();
		};
	}

	/**
	 * Returns the given asynchronous handler; lets a lambda be written where a {@code JobHandler}
	 * is expected: {@code JobHandler.async((ctx) -> client.sendAsync(...).thenApply(...))}.
	 * @param handler the asynchronous handler
	 * @return the same handler
	 */
	static JobHandler async(AsyncJobHandler handler) {
		return Objects.requireNonNull(handler, "handler must not be null");
	}

}
