package dev.takt.scheduler.trigger;

import java.io.Serial;

/**
 * Thrown when a trigger cannot be built from what it was given: a cron field out of range, an
 * unknown name, a malformed spec. The message names the field and the bad value.
 */
public class InvalidTriggerException extends IllegalArgumentException {

	@Serial
	private static final long serialVersionUID = 1L;

	private final String field;

	private final String value;

	/**
	 * Creates a new exception.
	 * @param field the field, option or spec key at fault
	 * @param value the bad value as it was given
	 * @param reason why it is bad
	 */
	public InvalidTriggerException(String field, String value, String reason) {
		super("Invalid " + field + " '" + value + "': " + reason);
		this.field = field;
		this.value = value;
	}

	/**
	 * Returns the field, option or spec key at fault.
	 * @return the field name
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
