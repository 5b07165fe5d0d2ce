package dev.takt.scheduler;

/**
 * Where a scheduler is in its life, as APScheduler's {@code STATE_*} constants plus the end state.
 */
public enum SchedulerState {

	/** Built, not started yet: jobs may be added, none runs. */
	STOPPED,

	/** Started: due jobs run. */
	RUNNING,

	/** Started but paused: jobs are kept and may be changed, none runs until resumed. */
	PAUSED,

	/** Shut down; it cannot be started again. */
	SHUT_DOWN

}
