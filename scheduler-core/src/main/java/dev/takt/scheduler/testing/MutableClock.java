package dev.takt.scheduler.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock whose time only moves when told to; thread-safe. Its zone is UTC unless given; copies
 * made with {@link #withZone} share its time.
 */
public final class MutableClock extends Clock {

	private final AtomicReference<Instant> instant;

	private final ZoneId zone;

	private MutableClock(AtomicReference<Instant> instant, ZoneId zone) {
		this.instant = instant;
		this.zone = zone;
	}

	/**
	 * Returns a clock set to the given instant, in UTC.
	 * @param instant the time to start at
	 * @return the clock
	 */
	public static MutableClock at(Instant instant) {
		return new MutableClock(new AtomicReference<>(Objects.requireNonNull(instant, "instant must not be null")),
				ZoneOffset.UTC);
	}

	/**
	 * Returns a clock set to the given ISO-8601 instant, e.g. {@code "2025-01-01T09:00:00Z"}.
	 * @param instant the time to start at
	 * @return the clock
	 */
	public static MutableClock at(String instant) {
		return at(Instant.parse(instant));
	}

	/**
	 * Sets the time.
	 * @param instant the new time
	 */
	public void set(Instant instant) {
		this.instant.set(Objects.requireNonNull(instant, "instant must not be null"));
	}

	/**
	 * Moves the time by the given amount (backwards when negative).
	 * @param amount the amount
	 * @return the new time
	 */
	public Instant advance(Duration amount) {
		Objects.requireNonNull(amount, "amount must not be null");
		return this.instant.updateAndGet((now) -> now.plus(amount));
	}

	@Override
	public Instant instant() {
		return this.instant.get();
	}

	@Override
	public ZoneId getZone() {
		return this.zone;
	}

	@Override
	public Clock withZone(ZoneId zone) {
		return new MutableClock(this.instant, zone);
	}

	@Override
	public String toString() {
		return "MutableClock[" + this.instant.get() + "]";
	}

}
