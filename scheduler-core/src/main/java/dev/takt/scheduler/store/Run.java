package dev.takt.scheduler.store;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import dev.takt.scheduler.Job;
import org.jspecify.annotations.Nullable;

/**
 * One claimed execution of a job: the run times it covers (one, or several when the job does not
 * coalesce, run one after the other as APScheduler does), the attempt it is on, and the job as it
 * was when claimed. A store counts a run against its job's {@code maxInstances} from its claim
 * until {@link JobStore#complete}; a run waiting for a retry still counts.
 * <p>
 * In a {@link ClusteredJobStore} a run also carries its lease: the store's token for this hold
 * of the run by its node, new each time a node takes the run (its claim, the claim of its retry,
 * its recovery from a node that died). The store ends, extends or puts off a run only for the
 * node and the lease that hold it now, so a node that lost a run to another (it stalled past its
 * lease) cannot end the run the other is executing.
 *
 * @param id the store's id for the run, unique among the store's runs
 * @param job the job as it was when the run was claimed
 * @param runTimes the scheduled run times still to run, oldest first, at least one
 * @param attempt the attempt of the first run time, from 1
 * @param lease the store's token for the node's hold of the run, or {@code null} in a store
 * without leases
 */
public record Run(String id, Job job, List<Instant> runTimes, int attempt, @Nullable String lease) {

	/**
	 * Creates a run, checking its values.
	 * @param id the run id
	 * @param job the job
	 * @param runTimes the run times
	 * @param attempt the attempt
	 * @param lease the lease, or {@code null}
	 */
	public Run {
		Objects.requireNonNull(id, "id must not be null");
		Objects.requireNonNull(job, "job must not be null");
		runTimes = List.copyOf(runTimes);
		if (runTimes.isEmpty()) {
			throw new IllegalArgumentException("A run covers at least one run time");
		}
		if (attempt < 1) {
			throw new IllegalArgumentException("attempt must be at least 1: " + attempt);
		}
	}

	/**
	 * Creates a run without a lease, as a store without leases keeps it.
	 * @param id the run id
	 * @param job the job
	 * @param runTimes the run times
	 * @param attempt the attempt
	 */
	public Run(String id, Job job, List<Instant> runTimes, int attempt) {
		this(id, job, runTimes, attempt, null);
	}

	/**
	 * Returns the first run time still to run.
	 * @return the scheduled run time
	 */
	public Instant runTime() {
		return this.runTimes.get(0);
	}

	/**
	 * Returns the run that retries the run time at {@code index}: the same id, job and lease, the
	 * run times from {@code index} on, the next attempt.
	 * @param index the position of the failed run time
	 * @param failedAttempt the attempt that failed
	 * @return the retry
	 */
	public Run retry(int index, int failedAttempt) {
		return new Run(this.id, this.job, this.runTimes.subList(index, this.runTimes.size()), failedAttempt + 1,
				this.lease);
	}

	/**
	 * Returns a copy held under another lease, as a store hands out a run it took.
	 * @param lease the lease, or {@code null}
	 * @return the run under that lease
	 */
	public Run withLease(@Nullable String lease) {
		return new Run(this.id, this.job, this.runTimes, this.attempt, lease);
	}

	@Override
	public String toString() {
		return "Run[id=" + this.id + ", job=" + this.job.id() + ", runTimes=" + this.runTimes + ", attempt="
				+ this.attempt + ((this.lease != null) ? ", lease=" + this.lease : "") + "]";
	}

}
