package dev.takt.scheduler;

import java.io.Serial;

import org.jspecify.annotations.Nullable;

/**
 * Root of the exceptions the scheduler throws. Every subclass is named for the condition it
 * reports; all are unchecked.
 */
public class SchedulerException extends RuntimeException {

	@Serial
	private static final long serialVersionUID = 1L;

	/**
	 * Creates a new exception.
	 * @param message what went wrong
	 */
	public SchedulerException(String message) {
		super(message);
	}

	/**
	 * Creates a new exception.
	 * @param message what went wrong
	 * @param cause the underlying failure
	 */
	public SchedulerException(String message, @Nullable Throwable cause) {
		super(message, cause);
	}

}
