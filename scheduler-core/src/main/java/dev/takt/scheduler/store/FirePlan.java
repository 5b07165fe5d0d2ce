package dev.takt.scheduler.store;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * What a {@link FirePlanner} decided for one job, for the store to apply in the same atomic step
 * as the claim: start one {@link Run} covering {@code runTimes} (when there are any), set the job's
 * next run time, or remove the job when it is {@code finished}.
 *
 * @param runTimes the run times to run now, oldest first; empty when none is
 * @param missedRunTimes the run times skipped as too late, for the scheduler's events
 * @param blockedRunTimes the run times skipped because the job had its maximum of runs in
 * progress, for the scheduler's events
 * @param nextRunTime the job's next run time, or {@code null} for none (paused, or finished)
 * @param finished whether the job's trigger has no more fire times: the store removes the job
 */
public record FirePlan(List<Instant> runTimes, List<Instant> missedRunTimes, List<Instant> blockedRunTimes,
		@Nullable Instant nextRunTime, boolean finished) {

	/**
	 * Creates a plan, checking its values.
	 * @param runTimes the run times to run now
	 * @param missedRunTimes the run times missed
	 * @param blockedRunTimes the run times blocked by max instances
	 * @param nextRunTime the next run time, or {@code null}
	 * @param finished whether the job is finished
	 */
	public FirePlan {
		Objects.requireNonNull(runTimes, "runTimes must not be null");
		Objects.requireNonNull(missedRunTimes, "missedRunTimes must not be null");
		Objects.requireNonNull(blockedRunTimes, "blockedRunTimes must not be null");
		if (finished && nextRunTime != null) {
			throw new IllegalArgumentException("A finished job has no next run time");
		}
	}

	/**
	 * Returns whether the plan starts a run.
	 * @return whether {@code runTimes} is not empty
	 */
	public boolean startsRun() {
		return !this.runTimes.isEmpty();
	}

}
