package dev.takt.scheduler;

import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;

/**
 * A handler whose work completes later, without holding a thread: the scheduler starts it on the
 * job's executor, releases the thread at once, and finishes the run (result, events, retry) when
 * the returned stage completes. The run counts toward {@code maxInstances} until then, and a job
 * timeout fails it and cancels the stage when it can be cancelled.
 */
@FunctionalInterface
public interface AsyncJobHandler extends JobHandler {

	/**
	 * Starts the job's work.
	 * @param context the job, the fire time, the attempt and the arguments
	 * @return a stage that completes with the result, or exceptionally when the run fails
	 * @throws Exception when the work cannot be started
	 */
	CompletionStage<JobResult> handleAsync(JobContext context) throws Exception;

	/**
	 * Runs the work and waits for it; used only where an asynchronous handler is called as a
	 * plain one.
	 * @param context the job, the fire time, the attempt and the arguments
	 * @return the result
	 * @throws Exception when the run fails
	 */
	@Override
	default JobResult handle(JobContext context) throws Exception {
		try {
			return handleAsync(context).toCompletableFuture().get();
		}
		catch (ExecutionException | CompletionException ex) {
			Throwable cause = ex.getCause();
			if (cause instanceof Exception exception) {
				throw exception;
			}
			throw ex;
		}
	}

}
