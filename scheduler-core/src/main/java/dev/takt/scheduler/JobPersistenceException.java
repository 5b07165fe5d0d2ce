package dev.takt.scheduler;

import java.io.Serial;

import org.jspecify.annotations.Nullable;

/**
 * Thrown when a job store cannot store or read a job: the database is unreachable, a stored spec
 * no longer parses, or a store that persists jobs is given a job whose handler is inline code.
 */
public class JobPersistenceException extends SchedulerException {

	@Serial
	private static final long serialVersionUID = 1L;

	/**
	 * Creates a new exception.
	 * @param message what went wrong
	 */
	public JobPersistenceException(String message) {
		super(message);
	}

	/**
	 * Creates a new exception.
	 * @param message what went wrong
	 * @param cause the underlying failure
	 */
	public JobPersistenceException(String message, @Nullable Throwable cause) {
		super(message, cause);
	}

	/**
	 * Returns the exception a persistent store throws when it is given a job with inline code.
	 * @param job the job refused
	 * @param store a short description of the store, e.g. {@code "jdbc"}
	 * @return the exception
	 */
	public static JobPersistenceException inlineHandler(Job job, String store) {
		return new JobPersistenceException("Job '" + job.id() + "' runs inline code (a lambda or Runnable), which the "
				+ store + " job store cannot persist: register the code as a named JobHandler and refer to it by name"
				+ " (JobSpec.builder(\"handlerName\")), or use the memory job store");
	}

}
