package dev.takt.scheduler.boot.autoconfigure;

/**
 * What start-up does with a declared job ({@code @ScheduledJob} or {@code scheduler.jobs}) whose
 * id is already in the store, as APScheduler 4's {@code ConflictPolicy}. A stored job that does
 * not differ from its declaration (same handler, trigger, arguments and options) is always kept
 * as it is, with its next run time, so a restart neither resets a schedule nor forgets a missed
 * fire.
 */
public enum ConflictPolicy {

	/**
	 * Replace a stored job that differs from its declaration. When only options or arguments
	 * changed, the stored next run time is kept; when the trigger changed, the next run time is the
	 * new trigger's first fire time.
	 */
	REPLACE,

	/**
	 * Keep the stored job as it is, even when its declaration changed.
	 */
	KEEP,

	/**
	 * Fail start-up when a stored job differs from its declaration.
	 */
	FAIL

}
