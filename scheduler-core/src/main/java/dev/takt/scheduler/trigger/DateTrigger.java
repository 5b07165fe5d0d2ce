package dev.takt.scheduler.trigger;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * Fires once, at a given instant, as APScheduler's {@code DateTrigger}: the first call returns
 * the run date whatever the current time (the scheduler decides whether a past date is a misfire),
 * every later call returns nothing.
 * <p>
 * The run date is held to the microsecond, the precision of APScheduler and of the JSON spec
 * ({@link TriggerSpecs}); a finer part is dropped.
 *
 * @param runDate the instant to fire at
 */
public record DateTrigger(Instant runDate) implements Trigger {

	/**
	 * Creates a trigger for the given instant.
	 * @param runDate the instant to fire at
	 */
	public DateTrigger {
		Objects.requireNonNull(runDate, "runDate must not be null");
		runDate = runDate.truncatedTo(ChronoUnit.MICROS);
	}

	/**
	 * Returns a trigger that fires once at the given instant.
	 * @param runDate the instant to fire at
	 * @return the trigger
	 */
	public static DateTrigger at(Instant runDate) {
		return new DateTrigger(runDate);
	}

	@Override
	public Optional<Instant> nextFireTime(@Nullable Instant previousFireTime, Instant now) {
		return (previousFireTime != null) ? Optional.empty() : Optional.of(this.runDate);
	}

	@Override
	public String toString() {
		return "date[" + this.runDate + "]";
	}

}
