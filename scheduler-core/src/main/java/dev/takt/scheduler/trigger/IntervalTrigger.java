package dev.takt.scheduler.trigger;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * Fires every fixed amount of elapsed time, as APScheduler's {@code IntervalTrigger}: from
 * {@code startDate} on, at {@code startDate + k * interval}; a schedule of instants, so across a
 * DST change the local time of day shifts.
 * <p>
 * An interval of zero is read as one second, as APScheduler does. Without a start date the first
 * fire is one interval after the first call's {@code now}. The start and end dates are held to the
 * microsecond, the precision of APScheduler and of the JSON spec ({@link TriggerSpecs}); a finer
 * part is dropped.
 *
 * @param interval the time between fires, positive (zero is read as one second)
 * @param startDate the first fire time (inclusive), or {@code null} for one interval from now
 * @param endDate the last possible fire time (inclusive), or {@code null} for no end
 */
public record IntervalTrigger(Duration interval, @Nullable Instant startDate, @Nullable Instant endDate)
		implements Trigger {

	/**
	 * Creates a trigger, checking its arguments.
	 * @param interval the time between fires
	 * @param startDate the first fire time, or {@code null}
	 * @param endDate the last possible fire time, or {@code null}
	 */
	public IntervalTrigger {
		Objects.requireNonNull(interval, "interval must not be null");
		if (interval.isNegative()) {
			throw new InvalidTriggerException("interval", interval.toString(), "must not be negative");
		}
		if (interval.isZero()) {
			interval = Duration.ofSeconds(1);
		}
		if (startDate != null) {
			startDate = startDate.truncatedTo(ChronoUnit.MICROS);
		}
		if (endDate != null) {
			endDate = endDate.truncatedTo(ChronoUnit.MICROS);
		}
	}

	/**
	 * Returns a trigger that fires every {@code interval}, first one interval from now.
	 * @param interval the time between fires
	 * @return the trigger
	 */
	public static IntervalTrigger every(Duration interval) {
		return new IntervalTrigger(interval, null, null);
	}

	/**
	 * Returns a copy that starts at the given instant.
	 * @param startDate the first fire time
	 * @return the new trigger
	 */
	public IntervalTrigger withStartDate(@Nullable Instant startDate) {
		return new IntervalTrigger(this.interval, startDate, this.endDate);
	}

	/**
	 * Returns a copy that ends at the given instant.
	 * @param endDate the last possible fire time
	 * @return the new trigger
	 */
	public IntervalTrigger withEndDate(@Nullable Instant endDate) {
		return new IntervalTrigger(this.interval, this.startDate, endDate);
	}

	@Override
	public Optional<Instant> nextFireTime(@Nullable Instant previousFireTime, Instant now) {
		Instant next;
		if (previousFireTime != null) {
			next = previousFireTime.plus(this.interval);
		}
		else if (this.startDate == null) {
			next = now.plus(this.interval);
		}
		else if (this.startDate.isAfter(now)) {
			next = this.startDate;
		}
		else {
			next = this.startDate.plus(this.interval.multipliedBy(intervalsUntil(this.startDate, now)));
		}
		return (this.endDate == null || !next.isAfter(this.endDate)) ? Optional.of(next) : Optional.empty();
	}

	/** The number of whole intervals from {@code start} to the first fire at or after {@code now}. */
	private long intervalsUntil(Instant start, Instant now) {
		Duration elapsed = Duration.between(start, now);
		long whole = elapsed.dividedBy(this.interval);
		return elapsed.equals(this.interval.multipliedBy(whole)) ? whole : whole + 1;
	}

	@Override
	public String toString() {
		return "interval[" + this.interval + "]";
	}

}
