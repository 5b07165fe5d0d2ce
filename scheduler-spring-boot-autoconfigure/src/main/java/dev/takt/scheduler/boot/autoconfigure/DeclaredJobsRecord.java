package dev.takt.scheduler.boot.autoconfigure;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import dev.takt.scheduler.Job;
import dev.takt.scheduler.JobSpec;
import dev.takt.scheduler.Scheduler;
import dev.takt.scheduler.trigger.DateTrigger;

/**
 * The ids of the jobs declared at the last start, kept in the instance's own store (so that it
 * survives a restart and is shared by the nodes of a cluster) as a paused job that never runs,
 * with the id {@value #JOB_ID}. It is what lets {@code scheduler.declared-jobs.remove-undeclared}
 * remove a job whose declaration was deleted while leaving alone every job added through the API.
 * It is kept only while that property is on.
 */
final class DeclaredJobsRecord {

	/** The id of the record job. */
	static final String JOB_ID = "takt:declared-jobs";

	/** The name of the record job's handler, which does nothing. */
	static final String HANDLER = "takt:declared-jobs";

	private static final String JOBS = "jobs";

	private DeclaredJobsRecord() {
	}

	/**
	 * Returns the ids recorded at the last start.
	 * @param scheduler the instance
	 * @return the ids, empty when there is no record
	 */
	static Set<String> read(Scheduler scheduler) {
		Optional<Job> record = scheduler.getJob(JOB_ID);
		Set<String> ids = new LinkedHashSet<>();
		if (record.isPresent() && record.get().kwargs().get(JOBS) instanceof List<?> recorded) {
			for (Object id : recorded) {
				if (id instanceof String text) {
					ids.add(text);
				}
			}
		}
		return ids;
	}

	/**
	 * Records the ids declared now, replacing the earlier record.
	 * @param scheduler the instance
	 * @param ids the ids declared now
	 */
	static void write(Scheduler scheduler, Collection<String> ids) {
		List<String> sorted = new ArrayList<>(ids);
		sorted.sort(null);
		scheduler.addJob(JobSpec.builder(HANDLER)
			.id(JOB_ID)
			.name("Jobs declared at the last start (scheduler.declared-jobs.remove-undeclared)")
			.trigger(DateTrigger.at(Instant.EPOCH))
			.kwarg(JOBS, sorted)
			.paused()
			.build(), true);
	}

}
