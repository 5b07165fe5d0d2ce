package dev.takt.scheduler.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import dev.takt.scheduler.HandlerRegistry;
import dev.takt.scheduler.Job;
import dev.takt.scheduler.store.FirePlan;
import dev.takt.scheduler.store.FirePlanner;
import dev.takt.scheduler.trigger.Trigger;
import org.jspecify.annotations.Nullable;

/**
 * The loop's planner, APScheduler's {@code _process_jobs} for one job: every run time from the
 * job's next run time up to now ({@code Job._get_run_times}), the latest only when coalescing,
 * those later than the misfire grace time missed, the rest blocked when the job has its maximum
 * of runs in progress, and the next run time after them.
 * <p>
 * A job whose handler is not registered is skipped ({@link FirePlan#skip}): the store leaves it
 * untouched (neither advanced nor removed) and offers it again after
 * {@link #MISSING_HANDLER_RECHECK}, or at once when the job is changed; the job is kept for the
 * scheduler to report once the store call returns, as is a trigger failure.
 * <p>
 * The walk over missed run times is bounded, so that one claim never holds the store for long: a
 * coalescing job walks at most {@link #MAX_STEPS} steps per claim without running, stays due and
 * is claimed again at once, the walk going on where it stopped, so it still runs once. A job that
 * does not coalesce runs at most {@link #MAX_RUN_TIMES} run times per claim; the rest follow in
 * the next claims, each a run of its own that counts against {@code maxInstances} (APScheduler
 * collects them all in one run, unbounded). A trigger that throws, or goes backwards, pauses its
 * job; the failure is kept for the scheduler to report once the store call returns.
 */
final class DuePlanner implements FirePlanner {

	/** The most run times one claim of a job that does not coalesce covers. */
	static final int MAX_RUN_TIMES = 10_000;

	/** The most trigger steps one claim of a coalescing job walks. */
	static final int MAX_STEPS = 100_000;

	/** How long the store leaves a job whose handler is missing before it is offered again. */
	static final Duration MISSING_HANDLER_RECHECK = Duration.ofSeconds(10);

	private final HandlerRegistry handlers;

	private final Queue<PlanFailure> failures = new ConcurrentLinkedQueue<>();

	private final Queue<Job> unhandled = new ConcurrentLinkedQueue<>();

	DuePlanner(HandlerRegistry handlers) {
		this.handlers = handlers;
	}

	@Override
	public FirePlan plan(Job job, int runningInstances, Instant now) {
		Instant first = job.nextRunTime();
		if (first == null) {
			return new FirePlan(List.of(), List.of(), List.of(), null, false);
		}
		if (!hasHandler(job)) {
			this.unhandled.add(job);
			return FirePlan.skip(now.plus(MISSING_HANDLER_RECHECK));
		}
		try {
			return plan(job, first, runningInstances, now);
		}
		catch (RuntimeException ex) {
			this.failures.add(new PlanFailure(job, first, ex));
			return new FirePlan(List.of(), List.of(), List.of(), null, false);
		}
	}

	private static FirePlan plan(Job job, Instant first, int runningInstances, Instant now) {
		Trigger trigger = job.trigger();
		List<Instant> due;
		Instant next;
		if (job.coalesce()) {
			Instant last = first;
			next = step(trigger, first, now);
			for (int steps = 1; next != null && !next.isAfter(now); steps++) {
				if (steps == MAX_STEPS) {
					// walked far enough for one claim: move on and let the next claim walk the rest
					return new FirePlan(List.of(), List.of(), List.of(), next, false);
				}
				last = next;
				next = step(trigger, next, now);
			}
			due = List.of(last);
		}
		else {
			List<Instant> times = new ArrayList<>(4);
			times.add(first);
			next = step(trigger, first, now);
			while (next != null && !next.isAfter(now) && times.size() < MAX_RUN_TIMES) {
				times.add(next);
				next = step(trigger, next, now);
			}
			due = times;
		}
		List<Instant> missed = List.of();
		Duration grace = job.misfireGraceTime();
		if (grace != null) {
			Instant cutoff = now.minus(grace);
			if (due.get(0).isBefore(cutoff)) {
				int late = 1;
				while (late < due.size() && due.get(late).isBefore(cutoff)) {
					late++;
				}
				missed = List.copyOf(due.subList(0, late));
				due = (late == due.size()) ? List.of() : List.copyOf(due.subList(late, due.size()));
			}
		}
		List<Instant> blocked = List.of();
		if (!due.isEmpty() && runningInstances >= job.maxInstances()) {
			blocked = due;
			due = List.of();
		}
		return new FirePlan(due, missed, blocked, next, next == null);
	}

	/** Whether the job's handler is registered; a lookup that fails is left for the run to report. */
	private boolean hasHandler(Job job) {
		if (job.isInline()) {
			return true;
		}
		try {
			return this.handlers.find(job.handler()).isPresent();
		}
		catch (RuntimeException ex) {
			return true;
		}
	}

	private static @Nullable Instant step(Trigger trigger, Instant previous, Instant now) {
		Instant next = trigger.nextFireTime(previous, now).orElse(null);
		if (next != null && !next.isAfter(previous)) {
			throw new IllegalStateException("Trigger " + trigger + " returned " + next
					+ ", which is not after the previous fire time " + previous);
		}
		return next;
	}

	/**
	 * Returns and forgets the failures planned since the last call.
	 * @return the failures
	 */
	List<PlanFailure> drainFailures() {
		if (this.failures.isEmpty()) {
			return List.of();
		}
		List<PlanFailure> drained = new ArrayList<>();
		PlanFailure failure;
		while ((failure = this.failures.poll()) != null) {
			drained.add(failure);
		}
		return drained;
	}

	/**
	 * Returns and forgets the jobs skipped for a missing handler since the last call.
	 * @return the jobs, as stored
	 */
	List<Job> drainUnhandled() {
		if (this.unhandled.isEmpty()) {
			return List.of();
		}
		List<Job> drained = new ArrayList<>();
		Job job;
		while ((job = this.unhandled.poll()) != null) {
			drained.add(job);
		}
		return drained;
	}

	/** A job whose trigger failed while planning; the job was paused. */
	record PlanFailure(Job job, Instant runTime, RuntimeException exception) {
	}

}
