package dev.takt.scheduler.trigger;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.random.RandomGenerator;

import org.jspecify.annotations.Nullable;

/**
 * Delays every fire time of another trigger by a random amount, as APScheduler's {@code jitter}
 * option: the delegate's next fire time plus a uniformly distributed delay from zero to
 * {@code maxJitter}, to the microsecond. When the delayed time would still be before
 * {@code now}, the undelayed time is returned.
 * <p>
 * As in APScheduler, the scheduler hands the delayed time back as the previous fire time, so a
 * trigger that counts from the previous fire time (an interval) drifts by the delays.
 *
 * @param delegate the trigger whose fire times are delayed, not itself a jitter trigger
 * @param maxJitter the largest delay, positive
 * @param random the source of the delays; {@link #of(Trigger, Duration)} uses one shared by all
 * jitter triggers, so that two jitter triggers over equal delegates with equal delays are equal
 */
public record JitterTrigger(Trigger delegate, Duration maxJitter, RandomGenerator random) implements Trigger {

	private static final RandomGenerator SHARED_RANDOM = () -> ThreadLocalRandom.current().nextLong();

	/**
	 * Creates a trigger, checking its arguments.
	 * @param delegate the trigger whose fire times are delayed
	 * @param maxJitter the largest delay
	 * @param random the source of the delays
	 */
	public JitterTrigger {
		Objects.requireNonNull(delegate, "delegate must not be null");
		Objects.requireNonNull(maxJitter, "maxJitter must not be null");
		Objects.requireNonNull(random, "random must not be null");
		if (delegate instanceof JitterTrigger) {
			throw new InvalidTriggerException("jitter", maxJitter.toString(), "the trigger already has a jitter");
		}
		if (maxJitter.isNegative() || maxJitter.isZero()) {
			throw new InvalidTriggerException("jitter", maxJitter.toString(), "must be positive");
		}
		if (maxJitter.getSeconds() > Long.MAX_VALUE / 1_000_000L - 1) {
			throw new InvalidTriggerException("jitter", maxJitter.toString(), "is too large");
		}
	}

	/**
	 * Returns a trigger that delays the fire times of the given one by up to {@code maxJitter}.
	 * @param delegate the trigger whose fire times are delayed
	 * @param maxJitter the largest delay, positive
	 * @return the trigger
	 */
	public static JitterTrigger of(Trigger delegate, Duration maxJitter) {
		return new JitterTrigger(delegate, maxJitter, SHARED_RANDOM);
	}

	@Override
	public Optional<Instant> nextFireTime(@Nullable Instant previousFireTime, Instant now) {
		return this.delegate.nextFireTime(previousFireTime, now).map((next) -> jittered(next, now));
	}

	private Instant jittered(Instant next, Instant now) {
		long maxMicros = this.maxJitter.getSeconds() * 1_000_000L + this.maxJitter.getNano() / 1_000;
		long delay = (maxMicros > 0) ? this.random.nextLong(maxMicros + 1) : 0;
		Instant result = next.plus(delay, ChronoUnit.MICROS);
		return result.isBefore(now) ? next : result;
	}

	@Override
	public String toString() {
		return "jitter[" + this.delegate + ", " + this.maxJitter + "]";
	}

}
