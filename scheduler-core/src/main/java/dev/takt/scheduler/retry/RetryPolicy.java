package dev.takt.scheduler.retry;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import dev.takt.scheduler.InvalidJobException;
import org.jspecify.annotations.Nullable;

/**
 * How a failed run is retried: up to {@code maxAttempts} attempts in all, waiting {@code delay}
 * after the first failure and {@code multiplier} times longer after each further one, never more
 * than {@code maxDelay}.
 * <p>
 * A run fails when its handler throws, returns a failed {@code JobResult} or exceeds its timeout.
 * A thrown failure is retried when it is an instance of one of {@code retryOn} (any exception when
 * the list is empty) and of none of {@code abortOn}; a returned failure carries no exception and
 * is retried only when {@code retryOn} is empty. A retry waits as a stored state, not on a thread:
 * a persistent store keeps it across a restart.
 *
 * @param maxAttempts the number of attempts in all, at least 1 (1 means no retry)
 * @param delay the wait after the first failed attempt, not negative
 * @param multiplier the factor each further wait grows by, at least 1 (1 means a fixed delay)
 * @param maxDelay the longest wait, or {@code null} for no cap
 * @param retryOn the exception types that are retried; empty for every exception
 * @param abortOn the exception types that are never retried, even when {@code retryOn} matches
 */
public record RetryPolicy(int maxAttempts, Duration delay, double multiplier, @Nullable Duration maxDelay,
		List<Class<? extends Throwable>> retryOn, List<Class<? extends Throwable>> abortOn) {

	private static final RetryPolicy NONE = new RetryPolicy(1, Duration.ZERO, 1.0, null, List.of(), List.of());

	/**
	 * Creates a policy, checking its values.
	 * @param maxAttempts the number of attempts in all
	 * @param delay the wait after the first failed attempt
	 * @param multiplier the factor each further wait grows by
	 * @param maxDelay the longest wait, or {@code null}
	 * @param retryOn the exception types that are retried
	 * @param abortOn the exception types that are never retried
	 */
	public RetryPolicy {
		Objects.requireNonNull(delay, "delay must not be null");
		if (maxAttempts < 1) {
			throw new InvalidJobException("retry.maxAttempts", Integer.toString(maxAttempts), "must be at least 1");
		}
		if (delay.isNegative()) {
			throw new InvalidJobException("retry.delay", delay.toString(), "must not be negative");
		}
		if (!(multiplier >= 1.0) || Double.isInfinite(multiplier)) {
			throw new InvalidJobException("retry.multiplier", Double.toString(multiplier),
					"must be a finite number of at least 1.0");
		}
		if (maxDelay != null && maxDelay.isNegative()) {
			throw new InvalidJobException("retry.maxDelay", maxDelay.toString(), "must not be negative");
		}
		retryOn = List.copyOf(retryOn);
		abortOn = List.copyOf(abortOn);
	}

	/**
	 * Returns the policy that never retries: one attempt.
	 * @return the policy
	 */
	public static RetryPolicy none() {
		return NONE;
	}

	/**
	 * Returns a policy that waits the same delay before every retry.
	 * @param maxAttempts the number of attempts in all, at least 1
	 * @param delay the wait before each retry
	 * @return the policy
	 */
	public static RetryPolicy fixed(int maxAttempts, Duration delay) {
		return new RetryPolicy(maxAttempts, delay, 1.0, null, List.of(), List.of());
	}

	/**
	 * Returns a policy whose wait grows by {@code multiplier} after each failed attempt.
	 * @param maxAttempts the number of attempts in all, at least 1
	 * @param delay the wait after the first failed attempt
	 * @param multiplier the factor each further wait grows by, at least 1
	 * @return the policy
	 */
	public static RetryPolicy exponential(int maxAttempts, Duration delay, double multiplier) {
		return new RetryPolicy(maxAttempts, delay, multiplier, null, List.of(), List.of());
	}

	/**
	 * Returns a copy whose waits never exceed {@code maxDelay}.
	 * @param maxDelay the longest wait, or {@code null} for no cap
	 * @return the new policy
	 */
	public RetryPolicy withMaxDelay(@Nullable Duration maxDelay) {
		return new RetryPolicy(this.maxAttempts, this.delay, this.multiplier, maxDelay, this.retryOn, this.abortOn);
	}

	/**
	 * Returns a copy with another number of attempts.
	 * @param maxAttempts the number of attempts in all, at least 1
	 * @return the new policy
	 */
	public RetryPolicy withMaxAttempts(int maxAttempts) {
		return new RetryPolicy(maxAttempts, this.delay, this.multiplier, this.maxDelay, this.retryOn, this.abortOn);
	}

	/**
	 * Returns a copy that retries only the given exception types (and their subclasses).
	 * @param types the exception types to retry
	 * @return the new policy
	 */
	@SafeVarargs
	@SuppressWarnings("varargs")
	public final RetryPolicy retryOn(Class<? extends Throwable>... types) {
		return new RetryPolicy(this.maxAttempts, this.delay, this.multiplier, this.maxDelay, copy(types),
				this.abortOn);
	}

	/**
	 * Returns a copy that never retries the given exception types (and their subclasses).
	 * @param types the exception types that abort
	 * @return the new policy
	 */
	@SafeVarargs
	@SuppressWarnings("varargs")
	public final RetryPolicy abortOn(Class<? extends Throwable>... types) {
		return new RetryPolicy(this.maxAttempts, this.delay, this.multiplier, this.maxDelay, this.retryOn,
				copy(types));
	}

	/**
	 * Returns whether a run that failed on the given attempt gets another one.
	 * @param failure the exception the attempt failed with, or {@code null} when the handler
	 * returned a failed result
	 * @param attempt the attempt that failed, from 1
	 * @return whether to retry
	 */
	public boolean shouldRetry(@Nullable Throwable failure, int attempt) {
		if (attempt >= this.maxAttempts) {
			return false;
		}
		if (failure == null) {
			return this.retryOn.isEmpty();
		}
		if (matches(this.abortOn, failure)) {
			return false;
		}
		return this.retryOn.isEmpty() || matches(this.retryOn, failure);
	}

	/**
	 * Returns the wait after the given failed attempt: {@code delay * multiplier^(attempt - 1)},
	 * capped at {@code maxDelay}.
	 * @param attempt the attempt that failed, from 1
	 * @return the wait before the next attempt
	 */
	public Duration delayAfter(int attempt) {
		Duration wait = this.delay;
		if (this.multiplier != 1.0 && attempt > 1) {
			double nanos = this.delay.toNanos() * Math.pow(this.multiplier, attempt - 1);
			wait = (nanos >= Long.MAX_VALUE) ? Duration.ofNanos(Long.MAX_VALUE) : Duration.ofNanos((long) nanos);
		}
		return (this.maxDelay != null && wait.compareTo(this.maxDelay) > 0) ? this.maxDelay : wait;
	}

	private static List<Class<? extends Throwable>> copy(Class<? extends Throwable>[] types) {
		List<Class<? extends Throwable>> copy = new ArrayList<>(types.length);
		for (Class<? extends Throwable> type : types) {
			copy.add(Objects.requireNonNull(type, "exception types must not be null"));
		}
		return copy;
	}

	private static boolean matches(List<Class<? extends Throwable>> types, Throwable failure) {
		for (Class<? extends Throwable> type : types) {
			if (type.isInstance(failure)) {
				return true;
			}
		}
		return false;
	}

}
