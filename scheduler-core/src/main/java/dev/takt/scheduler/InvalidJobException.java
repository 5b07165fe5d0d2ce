package dev.takt.scheduler;

import java.io.Serial;

/**
 * Thrown when a job, a job option or a retry policy is given a value it cannot take: a negative
 * duration, {@code maxInstances} of zero, args that are not JSON values. The message names the
 * option and the bad value; nothing stored changes.
 */
public class InvalidJobException extends SchedulerException {

	@Serial
	private static final long serialVersionUID = 1L;

	private final String field;

	private final String value;

	/**
	 * Creates a new exception.
	 * @param field the option at fault
	 * @param value the bad value as it was given
	 * @param reason why it is bad
	 */
	public InvalidJobException(String field, String value, String reason) {
		super("Invalid " + field + " '" + value + "': " + reason);
		this.field = field;
		this.value = value;
	}

	/**
	 * Returns the option at fault.
	 * @return the option name
	 */
	public String field() {
		return this.field;
	}

	/**
	 * Returns the bad value as it was given.
	 * @return the bad value
	 */
	public String value() {
		return this.value;
	}

}
