package dev.takt.scheduler.store;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * What a {@link FirePlanner} decided for one job, for the store to apply in the same atomic step
 * as the claim: start one {@link Run} covering {@code runTimes} (when there are any), set the job's
 * next run time, or remove the job when it is {@code finished}.
 * <p>
 * A planner may also {@linkplain #skip skip} a job it cannot run (its handler is not registered
 * here, say): the store then leaves the job exactly as it is stored, claims nothing, and does not
 * offer the job to its planner again before {@code skippedUntil}, unless the job is changed,
 * removed or added again meanwhile. In a store shared by several nodes the skip holds for this
 * node only.
 *
 * @param runTimes the run times to run now, oldest first; empty when none is
 * @param missedRunTimes the run times skipped as too late, for the scheduler's events
 * @param blockedRunTimes the run times skipped because the job had its maximum of runs in
 * progress, for the scheduler's events
 * @param nextRunTime the job's next run time, or {@code null} for none (paused, or finished)
 * @param finished whether the job's trigger has no more fire times: the store removes the job
 * @param skippedUntil for a plan that skips the job, the time until which the store does not offer
 * it again; {@code null} for any other plan
 */
public record FirePlan(List<Instant> runTimes, List<Instant> missedRunTimes, List<Instant> blockedRunTimes,
		@Nullable Instant nextRunTime, boolean finished, @Nullable Instant skippedUntil) {

	/**
	 * Creates a plan, checking its values.
	 * @param runTimes the run times to run now
	 * @param missedRunTimes the run times missed
	 * @param blockedRunTimes the run times blocked by max instances
	 * @param nextRunTime the next run time, or {@code null}
	 * @param finished whether the job is finished
	 * @param skippedUntil the end of the skip, or {@code null} for a plan that does not skip
	 */
	public FirePlan {
		Objects.requireNonNull(runTimes, "runTimes must not be null");
		Objects.requireNonNull(missedRunTimes, "missedRunTimes must not be null");
		Objects.requireNonNull(blockedRunTimes, "blockedRunTimes must not be null");
		if (finished && nextRunTime != null) {
			throw new IllegalArgumentException("A finished job has no next run time");
		}
		if (skippedUntil != null && (!runTimes.isEmpty() || !missedRunTimes.isEmpty() || !blockedRunTimes.isEmpty()
				|| nextRunTime != null || finished)) {
			throw new IllegalArgumentException("A plan that skips its job leaves it as it is");
		}
	}

	/**
	 * Creates a plan that does not skip its job.
	 * @param runTimes the run times to run now
	 * @param missedRunTimes the run times missed
	 * @param blockedRunTimes the run times blocked by max instances
	 * @param nextRunTime the next run time, or {@code null}
	 * @param finished whether the job is finished
	 */
	public FirePlan(List<Instant> runTimes, List<Instant> missedRunTimes, List<Instant> blockedRunTimes,
			@Nullable Instant nextRunTime, boolean finished) {
		this(runTimes, missedRunTimes, blockedRunTimes, nextRunTime, finished, null);
	}

	/**
	 * Returns a plan that skips its job: the store leaves the job as it is stored (its next run
	 * time unchanged, nothing claimed) and does not offer it to its planner again before
	 * {@code until}, unless the job is changed, removed or added again meanwhile.
	 * @param until when the store may offer the job again
	 * @return the plan
	 */
	public static FirePlan skip(Instant until) {
		Objects.requireNonNull(until, "until must not be null");
		return new FirePlan(List.of(), List.of(), List.of(), null, false, until);
	}

	/**
	 * Returns whether the plan starts a run.
	 * @return whether {@code runTimes} is not empty
	 */
	public boolean startsRun() {
		return !this.runTimes.isEmpty();
	}

	/**
	 * Returns whether the plan skips its job, leaving it as it is.
	 * @return whether {@code skippedUntil} is set
	 */
	public boolean skipped() {
		return this.skippedUntil != null;
	}

}
