package dev.takt.scheduler;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;

/**
 * A summary of a scheduler at one moment, for health checks and endpoints.
 *
 * @param name the scheduler's instance name
 * @param state the scheduler's state
 * @param startedAt when it was started, or {@code null} when it was not
 * @param uptime how long it has been running (zero when it is not)
 * @param scheduledJobs the number of jobs that are not paused
 * @param pausedJobs the number of paused jobs
 * @param runningRuns the number of runs in progress on this scheduler
 * @param pendingRetries the number of runs waiting for a retry, in the store
 * @param nextRunTime the earliest time the scheduler has work, or {@code null} for none
 * @param oldestRunStart when the longest-running run in progress started, or {@code null} when
 * none is in progress (a run stuck for long shows here)
 * @param loopAlive whether the scheduler's loop thread is alive (also {@code true} for a
 * tick-driven scheduler that is started)
 * @param storeFailure the message of the store's last failure when the loop could not reach it on
 * its last attempt, or {@code null} when the store is reachable
 * @param missingHandlers the jobs that came due but are left in the store, untouched, because their
 * handler is not registered with this scheduler: the handler's name by job id, ordered by id
 */
public record SchedulerStatus(String name, SchedulerState state, @Nullable Instant startedAt, Duration uptime,
		long scheduledJobs, long pausedJobs, long runningRuns, long pendingRetries, @Nullable Instant nextRunTime,
		@Nullable Instant oldestRunStart, boolean loopAlive, @Nullable String storeFailure,
		Map<String, String> missingHandlers) {

	/**
	 * Creates a status.
	 * @param name the scheduler's name
	 * @param state its state
	 * @param startedAt when it was started, or {@code null}
	 * @param uptime how long it has been running
	 * @param scheduledJobs jobs not paused
	 * @param pausedJobs paused jobs
	 * @param runningRuns runs in progress here
	 * @param pendingRetries runs waiting for a retry
	 * @param nextRunTime the next time it has work, or {@code null}
	 * @param oldestRunStart the start of the longest-running run, or {@code null}
	 * @param loopAlive whether the loop is alive
	 * @param storeFailure the store's last failure, or {@code null}
	 * @param missingHandlers the handler names of jobs left for a missing handler, by job id
	 */
	public SchedulerStatus {
		Objects.requireNonNull(name, "name must not be null");
		Objects.requireNonNull(state, "state must not be null");
		Objects.requireNonNull(uptime, "uptime must not be null");
		missingHandlers = Collections.unmodifiableMap(new TreeMap<>(missingHandlers));
	}

	/**
	 * Creates a status without jobs left for a missing handler.
	 * @param name the scheduler's name
	 * @param state its state
	 * @param startedAt when it was started, or {@code null}
	 * @param uptime how long it has been running
	 * @param scheduledJobs jobs not paused
	 * @param pausedJobs paused jobs
	 * @param runningRuns runs in progress here
	 * @param pendingRetries runs waiting for a retry
	 * @param nextRunTime the next time it has work, or {@code null}
	 * @param oldestRunStart the start of the longest-running run, or {@code null}
	 * @param loopAlive whether the loop is alive
	 * @param storeFailure the store's last failure, or {@code null}
	 */
	public SchedulerStatus(String name, SchedulerState state, @Nullable Instant startedAt, Duration uptime,
			long scheduledJobs, long pausedJobs, long runningRuns, long pendingRetries, @Nullable Instant nextRunTime,
			@Nullable Instant oldestRunStart, boolean loopAlive, @Nullable String storeFailure) {
		this(name, state, startedAt, uptime, scheduledJobs, pausedJobs, runningRuns, pendingRetries, nextRunTime,
				oldestRunStart, loopAlive, storeFailure, Map.of());
	}

	/**
	 * Returns whether the store answered the loop's last attempt.
	 * @return whether the store is available
	 */
	public boolean storeAvailable() {
		return this.storeFailure == null;
	}

}
