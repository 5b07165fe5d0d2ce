package dev.takt.scheduler;

import java.io.Serial;

/**
 * Thrown when a scheduler that is running, or was shut down, is started, as APScheduler's
 * {@code SchedulerAlreadyRunningError}.
 */
public class SchedulerAlreadyRunningException extends SchedulerException {

	@Serial
	private static final long serialVersionUID = 1L;

	/**
	 * Creates a new exception.
	 * @param schedulerName the scheduler's instance name
	 * @param reason what state the scheduler is in
	 */
	public SchedulerAlreadyRunningException(String schedulerName, String reason) {
		super("Scheduler '" + schedulerName + "' cannot be started: " + reason);
	}

}
