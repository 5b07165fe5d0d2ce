package dev.takt.scheduler;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * The outcome of a run. A handler returns {@link #success()}, {@link #success(Object)} or
 * {@link #failure(String)}; the scheduler adds the attempt count and the timing before it records
 * the result in the run history and its events.
 *
 * @param successful whether the run succeeded
 * @param message a short text for people, or {@code null}
 * @param data a value the handler returns (ideally a JSON value, so persistent histories keep
 * it), or {@code null}
 * @param exception what the run failed with, or {@code null}; always {@code null} when successful
 * @param attempts how many attempts the run took, or 0 before the scheduler counts them
 * @param start when the last attempt started, or {@code null} before the scheduler times it
 * @param duration how long the last attempt took, or {@code null} before the scheduler times it
 */
public record JobResult(boolean successful, @Nullable String message, @Nullable Object data,
		@Nullable Throwable exception, int attempts, @Nullable Instant start, @Nullable Duration duration) {

	private static final JobResult SUCCESS = new JobResult(true, null, null, null, 0, null, null);

	/**
	 * Creates a result, checking its values.
	 * @param successful whether the run succeeded
	 * @param message a short text, or {@code null}
	 * @param data a returned value, or {@code null}
	 * @param exception the failure, or {@code null}
	 * @param attempts the number of attempts
	 * @param start when the last attempt started, or {@code null}
	 * @param duration how long it took, or {@code null}
	 */
	public JobResult {
		if (successful && exception != null) {
			throw new IllegalArgumentException("A successful result has no exception");
		}
		if (attempts < 0) {
			throw new IllegalArgumentException("attempts must not be negative: " + attempts);
		}
	}

	/**
	 * Returns a successful result without data.
	 * @return the result
	 */
	public static JobResult success() {
		return SUCCESS;
	}

	/**
	 * Returns a successful result that carries a value.
	 * @param data the value
	 * @return the result
	 */
	public static JobResult success(@Nullable Object data) {
		return new JobResult(true, null, data, null, 0, null, null);
	}

	/**
	 * Returns a failed result with a message.
	 * @param message why the run failed
	 * @return the result
	 */
	public static JobResult failure(String message) {
		return new JobResult(false, Objects.requireNonNull(message, "message must not be null"), null, null, 0, null,
				null);
	}

	/**
	 * Returns a failed result for an exception.
	 * @param exception what the run failed with
	 * @return the result
	 */
	public static JobResult failure(Throwable exception) {
		Objects.requireNonNull(exception, "exception must not be null");
		return new JobResult(false, String.valueOf(exception), null, exception, 0, null, null);
	}

	/**
	 * Returns a failed result with a message and an exception.
	 * @param message why the run failed
	 * @param exception what the run failed with
	 * @return the result
	 */
	public static JobResult failure(String message, Throwable exception) {
		return new JobResult(false, message, null, Objects.requireNonNull(exception, "exception must not be null"), 0,
				null, null);
	}

	/**
	 * Returns whether the run failed.
	 * @return whether the run failed
	 */
	public boolean isFailure() {
		return !this.successful;
	}

	/**
	 * Returns a copy with another message.
	 * @param message the message
	 * @return the new result
	 */
	public JobResult withMessage(@Nullable String message) {
		return new JobResult(this.successful, message, this.data, this.exception, this.attempts, this.start,
				this.duration);
	}

	/**
	 * Returns a copy with another data value.
	 * @param data the value
	 * @return the new result
	 */
	public JobResult withData(@Nullable Object data) {
		return new JobResult(this.successful, this.message, data, this.exception, this.attempts, this.start,
				this.duration);
	}

	/**
	 * Returns a copy with the attempt count and timing the scheduler measured.
	 * @param attempts the number of attempts
	 * @param start when the last attempt started
	 * @param duration how long it took
	 * @return the new result
	 */
	public JobResult withRun(int attempts, Instant start, Duration duration) {
		return new JobResult(this.successful, this.message, this.data, this.exception, attempts, start, duration);
	}

}
