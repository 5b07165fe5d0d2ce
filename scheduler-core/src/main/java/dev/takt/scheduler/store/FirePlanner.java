package dev.takt.scheduler.store;

import java.time.Instant;

import dev.takt.scheduler.Job;

/**
 * The scheduler's decision for one claimed job, which a store applies atomically: which run times
 * to run now, which were missed or blocked, and the job's next run time, or to leave a job it
 * cannot run as it is ({@link FirePlan#skip}). The store calls it while it holds the job (under
 * its lock, in its transaction, or in its script's second step), so the planner is pure: no side
 * effects on the store, no I/O, and it may be called again for the same job if the store retries.
 */
@FunctionalInterface
public interface FirePlanner {

	/**
	 * Plans the fires of a job.
	 * @param job the job as stored, due at {@code now} or (for a run-now request) at any time
	 * @param runningInstances how many runs of the job are in progress or waiting for a retry,
	 * across every node that shares the store
	 * @param now the store's current time (its own clock where it has one, else the scheduler's);
	 * for a job claimed ahead of its time, the job's next run time
	 * @return the plan the store applies
	 */
	FirePlan plan(Job job, int runningInstances, Instant now);

}
