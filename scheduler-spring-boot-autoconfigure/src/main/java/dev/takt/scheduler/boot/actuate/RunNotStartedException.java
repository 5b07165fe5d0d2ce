package dev.takt.scheduler.boot.actuate;

import dev.takt.scheduler.SchedulerException;

/**
 * A run asked for through the endpoint did not start: the job has its maximum of runs in
 * progress.
 */
public class RunNotStartedException extends SchedulerException {

	private static final long serialVersionUID = 1L;

	/**
	 * Creates an exception.
	 * @param jobId the job id
	 * @param maxInstances the job's limit of runs in progress
	 */
	public RunNotStartedException(String jobId, int maxInstances) {
		super("Job '" + jobId + "' did not run: it has its maximum of " + maxInstances + " run(s) in progress");
	}

}
