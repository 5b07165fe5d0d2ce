package dev.takt.scheduler.history;

import java.util.List;

/**
 * Keeps the outcome of runs, one {@link RunRecord} per scheduled run time once its attempts are
 * over. Implementations are thread-safe and bounded: they drop old records as they see fit.
 */
public interface RunHistory {

	/**
	 * Records a run's outcome. Called on the thread that finished the run, so it is fast or hands
	 * the work on; a failure is logged by the scheduler and changes nothing else.
	 * @param run the record
	 */
	void record(RunRecord run);

	/**
	 * Returns a job's most recent runs.
	 * @param jobId the job's id
	 * @param limit the most records to return
	 * @return the records, newest first
	 */
	List<RunRecord> runs(String jobId, int limit);

	/**
	 * Returns the most recent runs of every job.
	 * @param limit the most records to return
	 * @return the records, newest first
	 */
	List<RunRecord> recent(int limit);

}
