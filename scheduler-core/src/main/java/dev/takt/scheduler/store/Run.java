package dev.takt.scheduler.store;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import dev.takt.scheduler.Job;

/**
 * One claimed execution of a job: the run times it covers (one, or several when the job does not
 * coalesce, run one after the other as APScheduler does), the attempt it is on, and the job as it
 * was when claimed. A store counts a run against its job's {@code maxInstances} from its claim
 * until {@link JobStore#complete}; a run waiting for a retry still counts.
 *
 * @param id the store's id for the run, unique among the store's runs
 * @param job the job as it was when the run was claimed
 * @param runTimes the scheduled run times still to run, oldest first, at least one
 * @param attempt the attempt of the first run time, from 1
 */
public record Run(String id, Job job, List<Instant> runTimes, int attempt) {

	/**
	 * Creates a run, checking its values.
	 * @param id the run id
	 * @param job the job
	 * @param runTimes the run times
	 * @param attempt the attempt
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
	 * Returns the first run time still to run.
	 * @return the scheduled run time
	 */
	public Instant runTime() {
		return this.runTimes.get(0);
	}

	/**
	 * Returns the run that retries the run time at {@code index}: the same id and job, the run
	 * times from {@code index} on, the next attempt.
	 * @param index the position of the failed run time
	 * @param failedAttempt the attempt that failed
	 * @return the retry
	 */
	public Run retry(int index, int failedAttempt) {
		return new Run(this.id, this.job, this.runTimes.subList(index, this.runTimes.size()), failedAttempt + 1);
	}

	@Override
	public String toString() {
		return "Run[id=" + this.id + ", job=" + this.job.id() + ", runTimes=" + this.runTimes + ", attempt="
				+ this.attempt + "]";
	}

}
