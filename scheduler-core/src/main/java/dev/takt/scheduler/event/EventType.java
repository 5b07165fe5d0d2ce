package dev.takt.scheduler.event;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * The kinds of scheduler event, named as APScheduler's event codes ({@code EVENT_JOB_EXECUTED} is
 * {@link #JOB_EXECUTED}). A listener's mask is a set of these.
 */
public enum EventType {

	/** The scheduler was started ({@code EVENT_SCHEDULER_STARTED}). */
	SCHEDULER_STARTED,

	/** The scheduler was shut down ({@code EVENT_SCHEDULER_SHUTDOWN}). */
	SCHEDULER_SHUTDOWN,

	/** Job processing was paused ({@code EVENT_SCHEDULER_PAUSED}). */
	SCHEDULER_PAUSED,

	/** Job processing was resumed ({@code EVENT_SCHEDULER_RESUMED}). */
	SCHEDULER_RESUMED,

	/** An executor was added ({@code EVENT_EXECUTOR_ADDED}). */
	EXECUTOR_ADDED,

	/** An executor was removed ({@code EVENT_EXECUTOR_REMOVED}). */
	EXECUTOR_REMOVED,

	/** A job store was attached ({@code EVENT_JOBSTORE_ADDED}). */
	JOBSTORE_ADDED,

	/** A job store was detached ({@code EVENT_JOBSTORE_REMOVED}). */
	JOBSTORE_REMOVED,

	/** All jobs were removed ({@code EVENT_ALL_JOBS_REMOVED}). */
	ALL_JOBS_REMOVED,

	/** A job was added ({@code EVENT_JOB_ADDED}). */
	JOB_ADDED,

	/** A job was removed ({@code EVENT_JOB_REMOVED}). */
	JOB_REMOVED,

	/** A job was modified, paused, resumed or rescheduled ({@code EVENT_JOB_MODIFIED}). */
	JOB_MODIFIED,

	/** A run succeeded ({@code EVENT_JOB_EXECUTED}). */
	JOB_EXECUTED,

	/** A run failed ({@code EVENT_JOB_ERROR}). */
	JOB_ERROR,

	/** A run was skipped for starting too late ({@code EVENT_JOB_MISSED}). */
	JOB_MISSED,

	/** A run was handed to its executor ({@code EVENT_JOB_SUBMITTED}). */
	JOB_SUBMITTED,

	/** A run was skipped because its job had its maximum of runs in progress ({@code EVENT_JOB_MAX_INSTANCES}). */
	JOB_MAX_INSTANCES;

	private static final Set<EventType> ALL = Collections.unmodifiableSet(EnumSet.allOf(EventType.class));

	/**
	 * Returns every event type, APScheduler's {@code EVENT_ALL}.
	 * @return all event types
	 */
	public static Set<EventType> all() {
		return ALL;
	}

}
