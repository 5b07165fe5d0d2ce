package dev.takt.scheduler.store;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

import dev.takt.scheduler.ConflictingJobIdException;
import dev.takt.scheduler.Job;
import dev.takt.scheduler.JobNotFoundException;
import dev.takt.scheduler.JobPersistenceException;

/**
 * Keeps a scheduler's jobs and the state of their runs, as APScheduler's {@code BaseJobStore},
 * plus the loop's atomic claim. Implementations are thread-safe; every one passes the contract
 * suite {@code JobStoreContractTests} in scheduler-core's test-jar.
 * <p>
 * The loop works in three steps, each atomic in the store:
 * <ol>
 * <li>{@link #acquireDue}: take the jobs whose next run time has come, ask the
 * {@link FirePlanner} what to do with each, and apply its {@link FirePlan} (start a {@link Run},
 * set the next run time or remove the finished job) before anyone else can see the job due
 * again; take the runs whose retry has come as well;</li>
 * <li>the run executes, outside the store;</li>
 * <li>{@link #complete} when it is over, or {@link #retryLater} when it failed and is retried,
 * which keeps the run (and its instance slot) until the retry is due.</li>
 * </ol>
 * A SQL store claims with {@code SELECT ... FOR UPDATE SKIP LOCKED} (or a version column) and
 * applies the plans in the same transaction, its database clock as {@code now}; a Redis store
 * takes the due ids with a lease in one script and applies the plans with a compare-and-set. Both
 * keep runs as rows or hashes so that a pending retry survives a restart; running counts for
 * {@code maxInstances} come from those runs. Clustering abilities (leases, heartbeats, recovery)
 * are the sub-interface {@link ClusteredJobStore}.
 * <p>
 * A store that persists jobs refuses jobs with inline code ({@link Job#isInline()}) with a
 * {@link JobPersistenceException}; failures of the backing system are
 * {@code JobPersistenceException}s as well.
 */
public interface JobStore {

	/**
	 * Adds a job.
	 * @param job the job
	 * @throws ConflictingJobIdException when a job with the same id exists
	 * @throws JobPersistenceException when the store cannot keep the job
	 */
	void add(Job job);

	/**
	 * Changes a job atomically: the store reads the job, applies {@code change} and writes the
	 * result before anyone else can change or claim it. {@code change} must be free of side effects:
	 * a store may apply it more than once (an optimistic retry). Changing the id is not allowed.
	 * @param jobId the job's id
	 * @param change the change, given the stored job
	 * @return the job as stored now
	 * @throws JobNotFoundException when no job has that id
	 */
	Job update(String jobId, UnaryOperator<Job> change);

	/**
	 * Removes a job and drops its runs waiting for a retry; runs in progress finish.
	 * @param jobId the job's id
	 * @throws JobNotFoundException when no job has that id
	 */
	void remove(String jobId);

	/**
	 * Removes every job and every run waiting for a retry.
	 */
	void removeAll();

	/**
	 * Returns a job.
	 * @param jobId the job's id
	 * @return the job, or empty when none has that id
	 */
	Optional<Job> get(String jobId);

	/**
	 * Returns every job, by next run time (then id), paused jobs last.
	 * @return the jobs
	 */
	List<Job> list();

	/**
	 * Returns the earliest time the loop has work: the earliest next run time of a job that is not
	 * paused, or the earliest due time of a waiting retry.
	 * @return the earliest time, or empty when nothing is scheduled
	 */
	Optional<Instant> nextRunTime();

	/**
	 * Claims due work, oldest first, up to {@code limit} claims: jobs whose next run time is at or
	 * before {@code now} (each planned by {@code planner} and its plan applied) and runs whose retry
	 * is due. Paused jobs are never due, and one call claims a job at most once, even when its plan
	 * leaves it due (the next call takes it again). A job whose plan {@linkplain FirePlan#skip skips}
	 * it is left as it is and not claimed (it takes no place in the limit), and neither this method
	 * nor {@link #nextRunTime()} offers it again before the plan's time, unless the job is changed,
	 * removed or added again.
	 * @param now the current time (a store with its own clock may use it instead, and gives the
	 * planner that time)
	 * @param limit the most claims to return, at least 1
	 * @param planner decides each due job's runs and next run time
	 * @return the claims, oldest first
	 */
	List<Claim> acquireDue(Instant now, int limit, FirePlanner planner);

	/**
	 * Claims as {@link #acquireDue(Instant, int, FirePlanner)}, and also the jobs due within
	 * {@code ahead} after {@code now}, for a scheduler that holds their runs until their run time,
	 * so that the time a claim takes in a remote store does not make runs late. A job claimed
	 * ahead is planned as at its own next run time: its run covers that run time only, and its next
	 * run time moves past it. A job that has its {@code maxInstances} of runs in progress is not
	 * claimed ahead, since they may end before its time: it is left for a claim at its time.
	 * Retries are claimed when due, not ahead. A store that does not claim ahead
	 * ({@link #claimsAhead()} false, the default) claims only the due jobs.
	 * @param now the current time, as for the other method
	 * @param ahead how far after {@code now} jobs are claimed, not negative
	 * @param limit the most claims to return, at least 1
	 * @param planner decides each job's runs and next run time
	 * @return the claims, oldest first; the runs of jobs claimed ahead have run times after now
	 */
	default List<Claim> acquireDue(Instant now, Duration ahead, int limit, FirePlanner planner) {
		return acquireDue(now, limit, planner);
	}

	/**
	 * Returns whether the store claims jobs ahead of their time when asked
	 * ({@link #acquireDue(Instant, Duration, int, FirePlanner)}); a scheduler on such a store
	 * claims that far ahead and starts the runs at their run times. False by default: a store in
	 * the scheduler's memory claims in microseconds and gains nothing.
	 * @return whether the store claims ahead
	 */
	default boolean claimsAhead() {
		return false;
	}

	/**
	 * Claims one job whether it is due or not, for a run-now request: the store applies the
	 * planner's plan as for a due job (a plan that skips the job gives a claim without a run).
	 * @param jobId the job's id
	 * @param now the current time
	 * @param planner decides the run and the next run time (usually unchanged)
	 * @return the claim
	 * @throws JobNotFoundException when no job has that id
	 */
	Claim acquire(String jobId, Instant now, FirePlanner planner);

	/**
	 * Keeps a failed run until its retry is due; {@link #acquireDue} returns it then. The run
	 * keeps counting against its job's {@code maxInstances}.
	 * @param retry the run to attempt again ({@link Run#retry}), with the same id as the failed one
	 * @param dueAt when the retry is due
	 */
	void retryLater(Run retry, Instant dueAt);

	/**
	 * Ends a run: it no longer counts against its job's {@code maxInstances}. Completing a run that
	 * the store no longer knows (its job was removed) does nothing, and so does completing a run of
	 * a {@link ClusteredJobStore} that this node no longer holds under the run's lease.
	 * @param run the run
	 */
	void complete(Run run);

	/**
	 * Returns how many jobs and runs the store holds.
	 * @return the counts
	 */
	JobCounts counts();

}
