package dev.takt.scheduler.boot.annotation;

import java.io.Serial;

import dev.takt.scheduler.SchedulerException;
import org.jspecify.annotations.Nullable;

/**
 * Thrown at start-up when a {@link ScheduledJob @ScheduledJob} method cannot become a job: a bad
 * attribute value (a cron field out of range, a negative duration, an unknown instance or
 * handler), an id another declared job has, or a method that takes other parameters than a
 * {@link dev.takt.scheduler.JobContext}. The message names the method, the attribute and the bad
 * value.
 */
public class InvalidScheduledJobException extends SchedulerException {

	@Serial
	private static final long serialVersionUID = 1L;

	private final String method;

	private final @Nullable String attribute;

	private final @Nullable String value;

	private final String reason;

	/**
	 * Creates a new exception.
	 * @param method the method, as {@link ScheduledJobMethod#description()} gives it
	 * @param attribute the attribute at fault, or {@code null} when the method as a whole is
	 * @param value the bad value as it was given (placeholders resolved), or {@code null}
	 * @param reason why it is bad
	 */
	public InvalidScheduledJobException(String method, @Nullable String attribute, @Nullable String value,
			String reason) {
		this(method, attribute, value, reason, null);
	}

	/**
	 * Creates a new exception.
	 * @param method the method, as {@link ScheduledJobMethod#description()} gives it
	 * @param attribute the attribute at fault, or {@code null} when the method as a whole is
	 * @param value the bad value as it was given (placeholders resolved), or {@code null}
	 * @param reason why it is bad
	 * @param cause the underlying failure, or {@code null}
	 */
	public InvalidScheduledJobException(String method, @Nullable String attribute, @Nullable String value,
			String reason, @Nullable Throwable cause) {
		super(message(method, attribute, value, reason), cause);
		this.method = method;
		this.attribute = attribute;
		this.value = value;
		this.reason = reason;
	}

	private static String message(String method, @Nullable String attribute, @Nullable String value, String reason) {
		StringBuilder message = new StringBuilder("Invalid @ScheduledJob on ").append(method).append(": ");
		if (attribute != null) {
			message.append(attribute);
			if (value != null) {
				message.append(" '").append(value).append("'");
			}
			message.append(": ");
		}
		return message.append(reason).toString();
	}

	/**
	 * Returns the annotated method, with its class and bean name.
	 * @return the method description
	 */
	public String method() {
		return this.method;
	}

	/**
	 * Returns the attribute at fault.
	 * @return the attribute name, or {@code null} when the method as a whole is at fault
	 */
	public @Nullable String attribute() {
		return this.attribute;
	}

	/**
	 * Returns the bad value.
	 * @return the value, or {@code null}
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

}
