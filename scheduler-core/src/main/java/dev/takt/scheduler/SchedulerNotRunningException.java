package dev.takt.scheduler;

import java.io.Serial;

/**
 * Thrown when an operation needs a started scheduler (shutdown, pause, resume) and the scheduler
 * is not running, as APScheduler's {@code SchedulerNotRunningError}.
 */
public class SchedulerNotRunningException extends SchedulerException {

	@Serial
	private static final long serialVersionUID = 1L;

	/**
	 * Creates a new exception.
	 * @param schedulerName the scheduler's instance name
	 */
	public SchedulerNotRunningException(String schedulerName) {
		super("Scheduler '" + schedulerName + "' is not running");
	}

}
