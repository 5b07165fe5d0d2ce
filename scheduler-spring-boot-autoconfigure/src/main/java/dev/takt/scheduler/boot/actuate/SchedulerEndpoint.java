package dev.takt.scheduler.boot.actuate;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import dev.takt.scheduler.Job;
import dev.takt.scheduler.JobNotFoundException;
import dev.takt.scheduler.JobResult;
import dev.takt.scheduler.JobTimeoutException;
import dev.takt.scheduler.RunInProgress;
import dev.takt.scheduler.Scheduler;
import dev.takt.scheduler.SchedulerManager;
import dev.takt.scheduler.SchedulerState;
import dev.takt.scheduler.SchedulerStatus;
import dev.takt.scheduler.executor.ExecutorStatus;
import dev.takt.scheduler.history.RunRecord;
import dev.takt.scheduler.retry.RetryPolicy;
import dev.takt.scheduler.trigger.InvalidTriggerException;
import dev.takt.scheduler.trigger.Trigger;
import dev.takt.scheduler.trigger.TriggerSpecs;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.annotation.DeleteOperation;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;

/**
 * {@link Endpoint @Endpoint} that shows the scheduler instances of a {@link SchedulerManager},
 * their jobs and runs, and lets an operator pause, resume, run, reschedule and remove jobs and
 * pause and resume instances:
 * <ul>
 * <li>{@code scheduler}: every instance, with its state, store, executors and job counts;</li>
 * <li>{@code scheduler/{instance}}: one instance's jobs;</li>
 * <li>{@code scheduler/{instance}/{jobId}}: one job, its runs in progress, its recent runs and its
 * next fire times;</li>
 * <li>write {@code scheduler/{instance}} with {@code action} {@code pause} or {@code resume};</li>
 * <li>write {@code scheduler/{instance}/{jobId}} with {@code action} {@code pause},
 * {@code resume}, {@code run} or {@code reschedule} (with {@code trigger}, a trigger spec);</li>
 * <li>delete {@code scheduler/{instance}/{jobId}}: removes the job.</li>
 * </ul>
 * An unknown instance or job is reported as absent ({@code null} from a read operation, a
 * {@link SchedulerManager} or {@link JobNotFoundException} from a write one); a bad action or
 * trigger spec as an {@link InvalidEndpointRequestException}. Over HTTP,
 * {@link SchedulerEndpointWebExtension} turns those into 404, 400 and 409 responses with their
 * reason.
 */
@Endpoint(id = "scheduler")
public class SchedulerEndpoint {

	/** How many recent runs a job's details show. */
	public static final int RECENT_RUNS = 10;

	/** How many next fire times a job's details preview. */
	public static final int NEXT_FIRE_TIMES = 5;

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final SchedulerManager schedulers;

	/**
	 * Creates an endpoint over the instances of a manager.
	 * @param schedulers the scheduler instances
	 */
	public SchedulerEndpoint(SchedulerManager schedulers) {
		this.schedulers = schedulers;
	}

	/**
	 * Describes every instance.
	 * @return the instances, by name
	 */
	@ReadOperation
	public SchedulersDescriptor schedulers() {
		Map<String, InstanceDescriptor> instances = new LinkedHashMap<>();
		for (Scheduler scheduler : this.schedulers.schedulers()) {
			instances.put(scheduler.name(), describe(scheduler));
		}
		return new SchedulersDescriptor(instances);
	}

	/**
	 * Describes one instance's jobs.
	 * @param instance the instance name
	 * @return the instance and its jobs, or {@code null} when no instance has that name
	 */
	@ReadOperation
	public @Nullable InstanceJobsDescriptor scheduler(@Selector String instance) {
		Scheduler scheduler = this.schedulers.find(instance).orElse(null);
		if (scheduler == null) {
			return null;
		}
		Set<String> running = runningJobIds(scheduler);
		List<JobDescriptor> jobs = new ArrayList<>();
		for (Job job : scheduler.getJobs()) {
			jobs.add(describe(scheduler, job, running.contains(job.id())));
		}
		return new InstanceJobsDescriptor(scheduler.name(), scheduler.state(), scheduler.storeKind(), jobs);
	}

	/**
	 * Describes one job: its options, runs in progress, recent runs and next fire times.
	 * @param instance the instance name
	 * @param jobId the job id
	 * @return the job, or {@code null} when the instance or the job does not exist
	 */
	@ReadOperation
	public @Nullable JobDetailsDescriptor job(@Selector String instance, @Selector String jobId) {
		Scheduler scheduler = this.schedulers.find(instance).orElse(null);
		if (scheduler == null) {
			return null;
		}
		Job job = scheduler.getJob(jobId).orElse(null);
		if (job == null) {
			return null;
		}
		Instant now = scheduler.clock().instant();
		List<RunningDescriptor> running = new ArrayList<>();
		for (RunInProgress run : scheduler.getRunningRuns()) {
			if (run.jobId().equals(jobId)) {
				running.add(new RunningDescriptor(run.runId(), run.scheduledRunTime(), run.attempt(), run.startedAt(),
						run.runningFor(now).toString(), run.isStuck(now), run.leaseLost()));
			}
		}
		List<RunDescriptor> runs = scheduler.getRuns(jobId, RECENT_RUNS).stream().map(SchedulerEndpoint::describe)
			.toList();
		return new JobDetailsDescriptor(describe(scheduler, job, !running.isEmpty()), running,
				nextFireTimes(job, now, NEXT_FIRE_TIMES), runs);
	}

	/**
	 * Pauses or resumes an instance.
	 * @param instance the instance name
	 * @param action {@code pause} or {@code resume}
	 * @return the instance as it is now
	 * @throws dev.takt.scheduler.UnknownSchedulerException when no instance has that name
	 * @throws InvalidEndpointRequestException when the action is not one of those
	 * @throws dev.takt.scheduler.SchedulerNotRunningException when the instance is not running
	 */
	@WriteOperation
	public InstanceDescriptor changeScheduler(@Selector String instance, String action) {
		Scheduler scheduler = this.schedulers.get(instance);
		switch (InstanceAction.of(action)) {
			case PAUSE -> scheduler.pause();
			case RESUME -> scheduler.resume();
		}
		return describe(scheduler);
	}

	/**
	 * Pauses, resumes, runs or reschedules a job.
	 * @param instance the instance name
	 * @param jobId the job id
	 * @param action {@code pause}, {@code resume}, {@code run} (once, now, leaving the schedule as it
	 * is) or {@code reschedule}
	 * @param trigger the new trigger's JSON spec, for {@code reschedule} only, as a string (the
	 * actuator takes flat request bodies): {@code "{\"type\": \"crontab\", \"expr\": \"0 9 * * *\"}"};
	 * specs that name no time zone are in the instance's
	 * @return the job as it is now (with the state {@code removed} when a resumed job had no fire
	 * time left)
	 * @throws dev.takt.scheduler.UnknownSchedulerException when no instance has that name
	 * @throws JobNotFoundException when the instance has no job with that id
	 * @throws InvalidEndpointRequestException when the action is unknown, or the trigger missing or
	 * not a valid spec
	 * @throws RunNotStartedException when a run was asked for and the job has its maximum of runs in
	 * progress
	 * @throws dev.takt.scheduler.SchedulerNotRunningException when a run was asked for and the
	 * instance is not running
	 */
	@WriteOperation
	public JobDescriptor changeJob(@Selector String instance, @Selector String jobId, String action,
			@Nullable String trigger) {
		Scheduler scheduler = this.schedulers.get(instance);
		JobAction jobAction = JobAction.of(action);
		if (jobAction != JobAction.RESCHEDULE && trigger != null) {
			throw new InvalidEndpointRequestException("Only reschedule takes a trigger",
					"'trigger' is only for the action 'reschedule'");
		}
		Job job = switch (jobAction) {
			case PAUSE -> scheduler.pauseJob(jobId);
			case RESUME -> scheduler.resumeJob(jobId).orElse(null);
			case RUN -> {
				if (!scheduler.runNow(jobId)) {
					Job blocked = scheduler.getJob(jobId).orElseThrow(() -> new JobNotFoundException(jobId));
					throw new RunNotStartedException(jobId, blocked.maxInstances());
				}
				yield scheduler.getJob(jobId).orElse(null);
			}
			case RESCHEDULE -> scheduler.rescheduleJob(jobId, trigger(scheduler.timezone(), trigger));
		};
		if (job == null) {
			return JobDescriptor.removed(jobId);
		}
		return describe(scheduler, job, runningJobIds(scheduler).contains(jobId));
	}

	/**
	 * Removes a job; a run in progress finishes.
	 * @param instance the instance name
	 * @param jobId the job id
	 * @return the job as it was, with the state {@code removed}
	 * @throws dev.takt.scheduler.UnknownSchedulerException when no instance has that name
	 * @throws JobNotFoundException when the instance has no job with that id
	 */
	@DeleteOperation
	public JobDescriptor removeJob(@Selector String instance, @Selector String jobId) {
		Scheduler scheduler = this.schedulers.get(instance);
		Job job = scheduler.getJob(jobId).orElseThrow(() -> new JobNotFoundException(jobId));
		scheduler.removeJob(jobId);
		return describe(scheduler, job, false).removedCopy();
	}

	/** Returns an instance, or throws {@link dev.takt.scheduler.UnknownSchedulerException} naming the known ones. */
	Scheduler instance(String name) {
		return this.schedulers.get(name);
	}

	static InstanceDescriptor describe(Scheduler scheduler) {
		SchedulerStatus status = scheduler.status();
		Map<String, ExecutorDescriptor> executors = new LinkedHashMap<>();
		for (ExecutorStatus executor : scheduler.executorStatus()) {
			executors.put(executor.name(),
					new ExecutorDescriptor(executor.kind(), executor.active(), executor.queued()));
		}
		return new InstanceDescriptor(scheduler.name(), status.state(), scheduler.storeKind(), status.startedAt(),
				status.loopAlive(), status.storeFailure(),
				new JobCountsDescriptor(status.scheduledJobs(), status.pausedJobs()), status.runningRuns(),
				status.pendingRetries(), status.nextRunTime(), executors);
	}

	private static JobDescriptor describe(Scheduler scheduler, Job job, boolean running) {
		String state = running ? "running" : (job.isPaused() ? "paused" : "scheduled");
		boolean handlerMissing = !job.isInline() && scheduler.handlers().find(job.handler()).isEmpty();
		RetryPolicy retry = job.retryPolicy();
		JobOptionsDescriptor options = new JobOptionsDescriptor(job.executor(), job.coalesce(), job.maxInstances(),
				text(job.misfireGraceTime()), text(job.timeout()),
				new RetryDescriptor(retry.maxAttempts(), retry.delay().toString(), retry.multiplier(),
						text(retry.maxDelay())));
		return new JobDescriptor(job.id(), job.name(), job.handler(), handlerMissing, describe(job.trigger()),
				job.nextRunTime(), state, options);
	}

	private static TriggerDescriptor describe(Trigger trigger) {
		Map<String, Object> spec;
		try {
			spec = JSON.treeToValue(TriggerSpecs.toSpec(trigger), MAP);
		}
		catch (InvalidTriggerException ex) {
			// an application's own trigger type has no spec
			spec = null;
		}
		return new TriggerDescriptor(trigger.toString(), spec);
	}

	private static RunDescriptor describe(RunRecord run) {
		JobResult result = run.result();
		String outcome = result.successful() ? "success"
				: ((result.exception() instanceof JobTimeoutException) ? "timeout" : "failure");
		return new RunDescriptor(run.scheduledRunTime(), result.start(), text(result.duration()), outcome,
				result.attempts(), result.message());
	}

	/** Previews the next fire times: from the stored next run time, or from now for a paused job. */
	static List<Instant> nextFireTimes(Job job, Instant now, int count) {
		List<Instant> times = new ArrayList<>(count);
		Instant next = (job.nextRunTime() != null) ? job.nextRunTime()
				: job.trigger().nextFireTime(null, now).orElse(null);
		while (next != null && times.size() < count) {
			times.add(next);
			Instant previous = next;
			next = job.trigger().nextFireTime(previous, now).filter((time) -> time.isAfter(previous)).orElse(null);
		}
		return times;
	}

	private static Trigger trigger(ZoneId zone, @Nullable String spec) {
		if (spec == null) {
			throw new InvalidEndpointRequestException("Missing trigger",
					"'reschedule' needs 'trigger', a trigger spec such as {\"type\": \"interval\", \"minutes\": 5}");
		}
		try {
			return TriggerSpecs.parse(spec, zone);
		}
		catch (InvalidTriggerException ex) {
			throw new InvalidEndpointRequestException("Invalid trigger: " + ex.getMessage(),
					"Invalid trigger: " + ex.getMessage());
		}
	}

	private static Set<String> runningJobIds(Scheduler scheduler) {
		Set<String> ids = new HashSet<>();
		for (RunInProgress run : scheduler.getRunningRuns()) {
			ids.add(run.jobId());
		}
		return ids;
	}

	private static @Nullable String text(@Nullable Duration duration) {
		return (duration != null) ? duration.toString() : null;
	}

	@SuppressWarnings({ "unchecked", "rawtypes" })
	private static final Class<Map<String, Object>> MAP = (Class) Map.class;

	/** What can be done to an instance. */
	private enum InstanceAction {

		PAUSE, RESUME;

		static InstanceAction of(String action) {
			for (InstanceAction value : values()) {
				if (value.name().equalsIgnoreCase(action)) {
					return value;
				}
			}
			throw new InvalidEndpointRequestException("Unknown action '" + action + "'",
					"Unknown action '" + action + "' for a scheduler; use pause or resume");
		}

	}

	/** What can be done to a job. */
	private enum JobAction {

		PAUSE, RESUME, RUN, RESCHEDULE;

		static JobAction of(String action) {
			for (JobAction value : values()) {
				if (value.name().equalsIgnoreCase(action)) {
					return value;
				}
			}
			throw new InvalidEndpointRequestException("Unknown action '" + action + "'",
					"Unknown action '" + action + "' for a job; use pause, resume, run or reschedule");
		}

		@Override
		public String toString() {
			return name().toLowerCase(Locale.ROOT);
		}

	}

	/**
	 * Every scheduler instance.
	 *
	 * @param schedulers the instances, by name
	 */
	public record SchedulersDescriptor(Map<String, InstanceDescriptor> schedulers) implements OperationResponseBody {
	}

	/**
	 * One scheduler instance.
	 *
	 * @param name the instance name
	 * @param state its state
	 * @param store the kind of job store it keeps its jobs in
	 * @param startedAt when it was started, or {@code null}
	 * @param loopAlive whether its loop is alive
	 * @param storeFailure why its store did not answer, or {@code null} when it did
	 * @param jobs how many jobs it has
	 * @param runningRuns how many runs are in progress on this node (queued ones included)
	 * @param pendingRetries how many runs wait for a retry
	 * @param nextRunTime the next time it has work, or {@code null}
	 * @param executors its executors, by name
	 */
	public record InstanceDescriptor(String name, SchedulerState state, String store, @Nullable Instant startedAt,
			boolean loopAlive, @Nullable String storeFailure, JobCountsDescriptor jobs, long runningRuns,
			long pendingRetries, @Nullable Instant nextRunTime, Map<String, ExecutorDescriptor> executors)
			implements OperationResponseBody {
	}

	/**
	 * How many jobs an instance has.
	 *
	 * @param scheduled the jobs with a next run time
	 * @param paused the paused jobs
	 */
	public record JobCountsDescriptor(long scheduled, long paused) {
	}

	/**
	 * One executor of an instance.
	 *
	 * @param kind what kind of executor it is
	 * @param active how many runs it runs
	 * @param queued how many runs wait for a thread
	 */
	public record ExecutorDescriptor(String kind, int active, int queued) {
	}

	/**
	 * One instance's jobs.
	 *
	 * @param name the instance name
	 * @param state its state
	 * @param store the kind of job store
	 * @param jobs its jobs, by next run time, paused ones last
	 */
	public record InstanceJobsDescriptor(String name, SchedulerState state, String store, List<JobDescriptor> jobs)
			implements OperationResponseBody {
	}

	/**
	 * One job.
	 *
	 * @param id the job id
	 * @param name its name
	 * @param handler the name of its handler
	 * @param handlerMissing whether no handler of that name is registered (its runs fail)
	 * @param trigger its trigger
	 * @param nextRunTime its next run time, or {@code null} when paused
	 * @param state {@code scheduled}, {@code paused}, {@code running} (a run is in progress here) or
	 * {@code removed}
	 * @param options its options, or {@code null} for a removed job
	 */
	public record JobDescriptor(String id, String name, String handler, boolean handlerMissing,
			TriggerDescriptor trigger, @Nullable Instant nextRunTime, String state,
			@Nullable JobOptionsDescriptor options) implements OperationResponseBody {

		JobDescriptor removedCopy() {
			return new JobDescriptor(this.id, this.name, this.handler, this.handlerMissing, this.trigger, null,
					"removed", this.options);
		}

		static JobDescriptor removed(String jobId) {
			return new JobDescriptor(jobId, jobId, "", false, new TriggerDescriptor("", null), null, "removed", null);
		}

	}

	/**
	 * A trigger, in words and as its spec.
	 *
	 * @param description the trigger in words, as APScheduler prints it
	 * @param spec its JSON spec, or {@code null} for a trigger type of the application's own
	 */
	public record TriggerDescriptor(String description, @Nullable Map<String, Object> spec) {
	}

	/**
	 * A job's options.
	 *
	 * @param executor the executor it runs on
	 * @param coalesce whether missed run times run once
	 * @param maxInstances how many of its runs may be in progress at once
	 * @param misfireGraceTime how late a run may start (ISO-8601), or {@code null} for no limit
	 * @param timeout how long a run may take (ISO-8601), or {@code null} for no limit
	 * @param retry how failed runs are retried
	 */
	public record JobOptionsDescriptor(String executor, boolean coalesce, int maxInstances,
			@Nullable String misfireGraceTime, @Nullable String timeout, RetryDescriptor retry) {
	}

	/**
	 * A job's retry policy.
	 *
	 * @param maxAttempts the attempts a run gets in all
	 * @param delay the wait after the first failed attempt (ISO-8601)
	 * @param multiplier the factor each further wait grows by
	 * @param maxDelay the longest wait (ISO-8601), or {@code null}
	 */
	public record RetryDescriptor(int maxAttempts, String delay, double multiplier, @Nullable String maxDelay) {
	}

	/**
	 * One job with its runs.
	 *
	 * @param job the job
	 * @param running its runs in progress on this node
	 * @param nextFireTimes its next fire times (from now for a paused job: those it would have once
	 * resumed)
	 * @param recentRuns its most recent runs, newest first
	 */
	public record JobDetailsDescriptor(JobDescriptor job, List<RunningDescriptor> running,
			List<Instant> nextFireTimes, List<RunDescriptor> recentRuns) implements OperationResponseBody {
	}

	/**
	 * A run in progress.
	 *
	 * @param runId the store's id for the run
	 * @param scheduledRunTime the run time of the current attempt
	 * @param attempt the current attempt
	 * @param startedAt when the current attempt started
	 * @param runningFor how long it has been running (ISO-8601)
	 * @param stuck whether it runs past its timeout or lost its lease
	 * @param leaseLost whether another node took over its lease
	 */
	public record RunningDescriptor(String runId, Instant scheduledRunTime, int attempt, Instant startedAt,
			String runningFor, boolean stuck, boolean leaseLost) {
	}

	/**
	 * A finished run, from the run history.
	 *
	 * @param scheduledRunTime the run time it was for
	 * @param start when its last attempt started
	 * @param duration how long its last attempt took (ISO-8601)
	 * @param outcome {@code success}, {@code failure} or {@code timeout}
	 * @param attempts how many attempts it took
	 * @param message the handler's message or the error, or {@code null}
	 */
	public record RunDescriptor(Instant scheduledRunTime, @Nullable Instant start, @Nullable String duration,
			String outcome, int attempts, @Nullable String message) {
	}

}
