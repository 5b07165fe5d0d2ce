package dev.takt.scheduler.boot.actuate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.takt.scheduler.Job;
import dev.takt.scheduler.RunInProgress;
import dev.takt.scheduler.Scheduler;
import dev.takt.scheduler.SchedulerState;
import dev.takt.scheduler.SchedulerStatus;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

/**
 * {@link HealthIndicator} of one scheduler instance: UP while it runs (or is paused) with its loop
 * alive and its store answering; DOWN when the store does not answer, the loop has stopped or the
 * instance was shut down; OUT_OF_SERVICE before it is started. Its details: the state, the store,
 * the job counts, the runs in progress, the runs stuck past their timeout or lease, and the jobs
 * whose handler is missing.
 */
public class SchedulerHealthIndicator implements HealthIndicator {

	/** The most ids a detail lists; the count is always given. */
	static final int MAX_LISTED = 20;

	private final Scheduler scheduler;

	/**
	 * Creates an indicator of one instance.
	 * @param scheduler the instance
	 */
	public SchedulerHealthIndicator(Scheduler scheduler) {
		this.scheduler = scheduler;
	}

	@Override
	public Health health() {
		SchedulerStatus status = this.scheduler.status();
		Health.Builder health = new Health.Builder(status(status));
		health.withDetail("state", status.state());
		health.withDetail("store", this.scheduler.storeKind());
		if (status.storeFailure() != null) {
			health.withDetail("storeFailure", status.storeFailure());
		}
		boolean started = status.state() == SchedulerState.RUNNING || status.state() == SchedulerState.PAUSED;
		if (started) {
			health.withDetail("loopAlive", status.loopAlive());
		}
		health.withDetail("jobs", Map.of("scheduled", status.scheduledJobs(), "paused", status.pausedJobs()));
		health.withDetail("running", status.runningRuns());
		health.withDetail("pendingRetries", status.pendingRetries());
		Instant now = this.scheduler.clock().instant();
		List<Map<String, Object>> stuck = new ArrayList<>();
		int stuckCount = 0;
		for (RunInProgress run : this.scheduler.getRunningRuns()) {
			if (run.isStuck(now)) {
				stuckCount++;
				if (stuck.size() < MAX_LISTED) {
					stuck.add(describe(run, now));
				}
			}
		}
		health.withDetail("stuckRuns", Map.of("count", stuckCount, "runs", stuck));
		if (status.storeAvailable()) {
			List<String> missing = new ArrayList<>();
			int missingCount = 0;
			for (Job job : this.scheduler.getJobs()) {
				if (!job.isInline() && this.scheduler.handlers().find(job.handler()).isEmpty()) {
					missingCount++;
					if (missing.size() < MAX_LISTED) {
						missing.add(job.id() + " (" + job.handler() + ")");
					}
				}
			}
			health.withDetail("missingHandlers", Map.of("count", missingCount, "jobs", missing));
		}
		return health.build();
	}

	private static Status status(SchedulerStatus status) {
		return switch (status.state()) {
			case STOPPED -> Status.OUT_OF_SERVICE;
			case SHUT_DOWN -> Status.DOWN;
			case RUNNING, PAUSED -> (status.loopAlive() && status.storeAvailable()) ? Status.UP : Status.DOWN;
		};
	}

	private static Map<String, Object> describe(RunInProgress run, Instant now) {
		Map<String, Object> described = new LinkedHashMap<>();
		described.put("jobId", run.jobId());
		described.put("runId", run.runId());
		described.put("attempt", run.attempt());
		described.put("startedAt", run.startedAt().toString());
		described.put("runningFor", run.runningFor(now).toString());
		if (run.timeout() != null) {
			described.put("timeout", run.timeout().toString());
		}
		described.put("leaseLost", run.leaseLost());
		return described;
	}

}
