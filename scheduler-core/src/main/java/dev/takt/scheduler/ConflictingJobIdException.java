package dev.takt.scheduler;

import java.io.Serial;

/**
 * Thrown when a job is added under an id that is already taken and replacing was not asked for,
 * as APScheduler's {@code ConflictingIdError}.
 */
public class ConflictingJobIdException extends SchedulerException {

	@Serial
	private static final long serialVersionUID = 1L;

	private final String jobId;

	/**
	 * Creates a new exception.
	 * @param jobId the id already taken
	 */
	public ConflictingJobIdException(String jobId) {
		super("A job with id '" + jobId + "' already exists (add it with replaceExisting to replace it)");
		this.jobId = jobId;
	}

	/**
	 * Returns the id already taken.
	 * @return the job id
	 */
	public String jobId() {
		return this.jobId;
	}

}
