package dev.takt.scheduler.boot.autoconfigure;

import java.io.Serial;

import dev.takt.scheduler.SchedulerException;
import org.jspecify.annotations.Nullable;

/**
 * Thrown at start-up when a {@code scheduler.*} property holds a value the scheduler cannot use: a
 * negative duration, a malformed {@code jobstore-url}, a bad cron field, an unknown handler bean
 * or instance name in a declared job. The message names the property and the bad value (with any
 * password masked).
 */
public class InvalidSchedulerPropertyException extends SchedulerException {

	@Serial
	private static final long serialVersionUID = 1L;

	private final String property;

	private final @Nullable String value;

	private final String reason;

	private final @Nullable String action;

	/**
	 * Creates a new exception.
	 * @param property the property at fault, e.g. {@code scheduler.jobs.report.cron}
	 * @param value the bad value, or {@code null} when the property is missing
	 * @param reason why it is bad
	 */
	public InvalidSchedulerPropertyException(String property, @Nullable String value, String reason) {
		this(property, value, reason, null, null);
	}

	/**
	 * Creates a new exception.
	 * @param property the property at fault
	 * @param value the bad value, or {@code null} when the property is missing
	 * @param reason why it is bad
	 * @param action what to do about it, or {@code null} to let the failure analysis say
	 * @param cause the underlying failure, or {@code null}
	 */
	public InvalidSchedulerPropertyException(String property, @Nullable String value, String reason,
			@Nullable String action, @Nullable Throwable cause) {
		super("Invalid " + property + ((value != null) ? " '" + value + "'" : "") + ": " + reason, cause);
		this.property = property;
		this.value = value;
		this.reason = reason;
		this.action = action;
	}

	/**
	 * Returns the property at fault.
	 * @return the property name
	 */
	public String property() {
		return this.property;
	}

	/**
	 * Returns the bad value.
	 * @return the value, or {@code null} when the property is missing
	 */
	public @Nullable String value() {
		return this.value;
	}

	/**
	 * Returns why the value is bad.
	 * @return the reason
	 */
	public String reason() {
		return this.reason;
	}

	/**
	 * Returns what to do about it.
	 * @return the action, or {@code null} for the failure analysis's general advice
	 */
	public @Nullable String action() {
		return this.action;
	}

}
