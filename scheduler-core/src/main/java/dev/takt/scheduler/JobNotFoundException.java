package dev.takt.scheduler;

import java.io.Serial;

/**
 * Thrown when a job id names no job in the scheduler's store, as APScheduler's
 * {@code JobLookupError}.
 */
public class JobNotFoundException extends SchedulerException {

	@Serial
	private static final long serialVersionUID = 1L;

	private final String jobId;

	/**
	 * Creates a new exception.
	 * @param jobId the id that was not found
	 */
	public JobNotFoundException(String jobId) {
		super("No job with id '" + jobId + "'");
		this.jobId = jobId;
	}

	/**
	 * Returns the id that was not found.
	 * @return the job id
	 */
	public String jobId() {
		return this.jobId;
	}

}
