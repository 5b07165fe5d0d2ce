package dev.takt.scheduler.trigger;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

/**
 * Fires at the times at which all of its triggers fire: the intersection of their fire times, each
 * trigger taken on its own (a cron's matching times, an interval's {@code startDate + k * interval},
 * a date's run date). The first call returns the first common time at or after {@code now}, later
 * calls the first common time after the previous fire time. Finished as soon as one of its
 * triggers is finished.
 * <p>
 * This is what APScheduler's {@code AndTrigger} documents; APScheduler 3 itself only gets the
 * first call right and loops forever on later calls whose triggers do not agree at once.
 * <p>
 * The search asks each trigger for its first fire time at or after a candidate, moves the
 * candidate to the latest answer, and repeats until all agree. An interval without a start date
 * counts from one interval after the first call's {@code now}, and after that from the previous
 * fire time. A jitter on one of the triggers is not applied (put it on the {@code and} instead).
 * The search gives up, and the trigger is finished, when the triggers have not agreed after
 * {@value #MAX_STEPS} steps, such as two intervals whose fire times never meet.
 *
 * @param triggers the triggers to combine, at least one
 */
public record AndTrigger(List<Trigger> triggers) implements Trigger {

	/** How many times the search asks its triggers before it gives up. */
	public static final int MAX_STEPS = 100_000;

	/**
	 * Creates a trigger, checking its arguments.
	 * @param triggers the triggers to combine, at least one
	 */
	public AndTrigger {
		triggers = CombiningTriggers.checked(triggers);
	}

	/**
	 * Returns a trigger that fires when all of the given triggers fire at the same time.
	 * @param triggers the triggers to combine, at least one
	 * @return the trigger
	 */
	public static AndTrigger of(Trigger... triggers) {
		return new AndTrigger(Arrays.asList(triggers));
	}

	@Override
	public Optional<Instant> nextFireTime(@Nullable Instant previousFireTime, Instant now) {
		return new FireTimeSearch(previousFireTime, now).firstCommon(this.triggers);
	}

	@Override
	public String toString() {
		return this.triggers.stream().map(Objects::toString).collect(Collectors.joining(", ", "and[", "]"));
	}

}
