package dev.takt.scheduler.trigger;

import java.util.Objects;

/**
 * What a {@link CronTrigger} does with the local times that a daylight-saving change skips or
 * repeats. {@link #APSCHEDULER} (the default) does what APScheduler 3 does.
 *
 * @param gap what happens to matching local times that do not exist (clocks go forward)
 * @param repeat what happens to matching local times that occur twice (clocks go back)
 */
public record DstPolicy(Gap gap, Repeat repeat) {

	/**
	 * APScheduler's behaviour: a nonexistent local time may fire shifted by the gap, a repeated one
	 * fires in both occurrences. The default everywhere.
	 */
	public static final DstPolicy APSCHEDULER = new DstPolicy(Gap.SHIFT, Repeat.BOTH);

	/**
	 * Creates a policy.
	 * @param gap what happens to matching local times that do not exist
	 * @param repeat what happens to matching local times that occur twice
	 */
	public DstPolicy {
		Objects.requireNonNull(gap, "gap must not be null");
		Objects.requireNonNull(repeat, "repeat must not be null");
	}

	/**
	 * Local times skipped when clocks go forward.
	 */
	public enum Gap {

		/**
		 * As APScheduler: when the schedule does not allow the hour just before the gap, the first
		 * matching local time inside the gap fires, read with the offset in force before the change
		 * (so shifted forward by the length of the gap); otherwise nothing in the gap fires.
		 */
		SHIFT,

		/**
		 * A local time that does not exist never fires; the search goes on from the first real
		 * matching local time after the gap.
		 */
		SKIP

	}

	/**
	 * Local times repeated when clocks go back.
	 */
	public enum Repeat {

		/**
		 * As APScheduler: a matching local time fires in both occurrences, first with the earlier
		 * (summer-time) offset, then with the later one.
		 */
		BOTH,

		/**
		 * A matching local time fires only in its first occurrence.
		 */
		ONCE

	}

}
