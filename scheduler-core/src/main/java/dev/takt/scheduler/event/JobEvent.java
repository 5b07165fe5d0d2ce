package dev.takt.scheduler.event;

/**
 * An event about one job.
 */
public sealed interface JobEvent extends SchedulerEvent permits JobAdded, JobRemoved, JobModified, JobSubmitted,
		JobMaxInstances, JobExecuted, JobError, JobMissed {

	/**
	 * Returns the job's id.
	 * @return the job id
	 */
	String jobId();

}
