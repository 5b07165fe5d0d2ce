package dev.takt.scheduler;

import java.io.Serial;
import java.time.Duration;

/**
 * The failure recorded when a run takes longer than its job's timeout. The handler is interrupted;
 * the run counts as failed and is retried if the job's retry policy says so.
 */
public class JobTimeoutException extends SchedulerException {

	@Serial
	private static final long serialVersionUID = 1L;

	private final transient Duration timeout;

	/**
	 * Creates a new exception.
	 * @param jobId the job whose run timed out
	 * @param timeout the timeout that was exceeded
	 */
	public JobTimeoutException(String jobId, Duration timeout) {
		super("Run of job '" + jobId + "' exceeded its timeout of " + timeout);
		this.timeout = timeout;
	}

	/**
	 * Returns the timeout that was exceeded.
	 * @return the timeout
	 */
	public Duration timeout() {
		return this.timeout;
	}

}
