package dev.takt.scheduler.trigger;

import java.time.Instant;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * Decides when a job fires: one pure function of the previous fire time and the current time, as
 * APScheduler's {@code BaseTrigger.get_next_fire_time(previous_fire_time, now)}.
 * <p>
 * Implementations are immutable and thread-safe.
 */
public interface Trigger {

	/**
	 * Returns the next fire time.
	 * @param previousFireTime the previous fire time, or {@code null} on the first call
	 * @param now the current time
	 * @return the next fire time, or empty when the trigger is finished
	 */
	Optional<Instant> nextFireTime(@Nullable Instant previousFireTime, Instant now);

}
