package dev.takt.scheduler.store;

/**
 * How many jobs and runs a store holds, for status and health.
 *
 * @param jobs the number of jobs, paused ones included
 * @param paused the number of paused jobs
 * @param runs the number of runs in progress or waiting for a retry (across every node that shares
 * the store)
 * @param pendingRetries the number of runs waiting for a retry
 */
public record JobCounts(long jobs, long paused, long runs, long pendingRetries) {

	/**
	 * Returns the number of jobs that are not paused.
	 * @return the number of scheduled jobs
	 */
	public long scheduled() {
		return this.jobs - this.paused;
	}

}
