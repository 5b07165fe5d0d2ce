package dev.takt.scheduler.trigger;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

/**
 * Fires whenever any of its triggers fires, as APScheduler's {@code OrTrigger}: every trigger is
 * asked with the same {@code (previousFireTime, now)} and the earliest answer wins; times that
 * coincide fire once. Finished when all of its triggers are.
 * <p>
 * Triggers that count from the previous fire time see the previous fire time of the whole
 * {@code or}: an interval adds its interval to whichever time fired last, and a
 * {@link DateTrigger} only ever answers the first call.
 *
 * @param triggers the triggers to combine, at least one
 */
public record OrTrigger(List<Trigger> triggers) implements Trigger {

	/**
	 * Creates a trigger, checking its arguments.
	 * @param triggers the triggers to combine, at least one
	 */
	public OrTrigger {
		triggers = CombiningTriggers.checked(triggers);
	}

	/**
	 * Returns a trigger that fires whenever any of the given triggers fires.
	 * @param triggers the triggers to combine, at least one
	 * @return the trigger
	 */
	public static OrTrigger of(Trigger... triggers) {
		return new OrTrigger(Arrays.asList(triggers));
	}

	@Override
	public Optional<Instant> nextFireTime(@Nullable Instant previousFireTime, Instant now) {
		Instant earliest = null;
		for (Trigger trigger : this.triggers) {
			Instant next = trigger.nextFireTime(previousFireTime, now).orElse(null);
			if (next != null && (earliest == null || next.isBefore(earliest))) {
				earliest = next;
			}
		}
		return Optional.ofNullable(earliest);
	}

	@Override
	public String toString() {
		return this.triggers.stream().map(Objects::toString).collect(Collectors.joining(", ", "or[", "]"));
	}

}
