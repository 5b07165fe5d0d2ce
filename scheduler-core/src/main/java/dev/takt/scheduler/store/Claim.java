package dev.takt.scheduler.store;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import dev.takt.scheduler.Job;
import org.jspecify.annotations.Nullable;

/**
 * One job taken by {@link JobStore#acquireDue}: the run to execute, if one was started, and the
 * run times skipped, for the scheduler's events. A claim of a waiting retry has a run and nothing
 * skipped.
 *
 * @param job the job as it was claimed (for a retry, as it was when the run was first claimed)
 * @param run the run to execute, or {@code null} when every due run time was skipped
 * @param missedRunTimes run times skipped as too late
 * @param blockedRunTimes run times skipped because the job had its maximum of runs in progress
 * @param jobRemoved whether the store removed the job because its trigger has no more fire times
 */
public record Claim(Job job, @Nullable Run run, List<Instant> missedRunTimes, List<Instant> blockedRunTimes,
		boolean jobRemoved) {

	/**
	 * Creates a claim.
	 * @param job the job
	 * @param run the run, or {@code null}
	 * @param missedRunTimes run times missed
	 * @param blockedRunTimes run times blocked
	 * @param jobRemoved whether the job was removed
	 */
	public Claim {
		Objects.requireNonNull(job, "job must not be null");
		Objects.requireNonNull(missedRunTimes, "missedRunTimes must not be null");
		Objects.requireNonNull(blockedRunTimes, "blockedRunTimes must not be null");
	}

	/**
	 * Returns the claim of a planned job.
	 * @param job the job as claimed
	 * @param plan the planner's decision
	 * @param run the run the store started for the plan's run times, or {@code null}
	 * @return the claim
	 */
	public static Claim of(Job job, FirePlan plan, @Nullable Run run) {
		return new Claim(job, run, plan.missedRunTimes(), plan.blockedRunTimes(), plan.finished());
	}

	/**
	 * Returns the claim of a run whose retry is due.
	 * @param run the run to attempt again
	 * @return the claim
	 */
	public static Claim retry(Run run) {
		return new Claim(run.job(), run, List.of(), List.of(), false);
	}

}
