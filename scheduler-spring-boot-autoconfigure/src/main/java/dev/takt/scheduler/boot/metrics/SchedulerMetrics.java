package dev.takt.scheduler.boot.metrics;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.takt.scheduler.JobResult;
import dev.takt.scheduler.JobTimeoutException;
import dev.takt.scheduler.Scheduler;
import dev.takt.scheduler.SchedulerManager;
import dev.takt.scheduler.SchedulerStatus;
import dev.takt.scheduler.event.EventType;
import dev.takt.scheduler.event.JobError;
import dev.takt.scheduler.event.JobExecuted;
import dev.takt.scheduler.event.JobMaxInstances;
import dev.takt.scheduler.event.JobMissed;
import dev.takt.scheduler.event.SchedulerEvent;
import dev.takt.scheduler.event.SchedulerListener;
import dev.takt.scheduler.executor.ExecutorStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Binds the meters of every instance of a {@link SchedulerManager}:
 * <ul>
 * <li>{@value #RUNS} (timer; tags {@code instance}, {@code job}, {@code outcome}): each run, after
 * its last attempt, by outcome {@code success}, {@code failure} or {@code timeout}, timed by its
 * last attempt; and each run time skipped, {@code missed} or {@code max-instances}, with no
 * duration;</li>
 * <li>{@value #LATENESS} (timer; {@code instance}, {@code job}): how late each run's first attempt
 * started after its scheduled run time;</li>
 * <li>{@value #RETRIES} (counter; {@code instance}, {@code job}): failed attempts that are tried
 * again;</li>
 * <li>{@value #JOBS} (gauge; {@code instance}, {@code state} {@code scheduled} or {@code paused}),
 * {@value #RUNNING} (gauge; {@code instance}): runs whose handler is running on this node;</li>
 * <li>{@value #EXECUTOR_QUEUED} and {@value #EXECUTOR_ACTIVE} (gauges; {@code instance},
 * {@code executor}).</li>
 * </ul>
 * The run meters are built from the scheduler's events by a listener added to each instance, and
 * the gauges from its API; the job counts come from the store, read at most once a second. The job
 * tag's values are bounded: past {@code maxJobTags} job ids per instance, the other jobs share the
 * tag {@value #OTHER_JOBS}; without the job tag ({@code jobTag} false) the per-job meters are one
 * per instance, for applications with very many (or generated) job ids.
 */
public class SchedulerMetrics implements MeterBinder {

	/** The name of the run timer. */
	public static final String RUNS = "scheduler.job.runs";

	/** The name of the lateness timer. */
	public static final String LATENESS = "scheduler.job.lateness";

	/** The name of the retry counter. */
	public static final String RETRIES = "scheduler.job.retries";

	/** The name of the job count gauge. */
	public static final String JOBS = "scheduler.jobs";

	/** The name of the gauge of runs in progress. */
	public static final String RUNNING = "scheduler.jobs.running";

	/** The name of the gauge of runs waiting for an executor's thread. */
	public static final String EXECUTOR_QUEUED = "scheduler.executor.queued";

	/** The name of the gauge of runs an executor is running. */
	public static final String EXECUTOR_ACTIVE = "scheduler.executor.active";

	private static final Set<EventType> RUN_EVENTS = EnumSet.of(EventType.JOB_EXECUTED, EventType.JOB_ERROR,
			EventType.JOB_MISSED, EventType.JOB_MAX_INSTANCES);

	private static final Duration STATUS_MAX_AGE = Duration.ofSeconds(1);

	/** The most job ids an instance's meters are tagged with by default. */
	public static final int DEFAULT_MAX_JOB_TAGS = 1000;

	/** The job tag of the jobs beyond the limit. */
	public static final String OTHER_JOBS = "<other>";

	private static final Logger logger = LoggerFactory.getLogger(SchedulerMetrics.class);

	private final SchedulerManager schedulers;

	private final boolean jobTag;

	private final int maxJobTags;

	/**
	 * Creates a binder of every instance of a manager that tags at most
	 * {@value #DEFAULT_MAX_JOB_TAGS} job ids per instance.
	 * @param schedulers the instances
	 * @param jobTag whether to tag the run, lateness and retry meters with the job id
	 */
	public SchedulerMetrics(SchedulerManager schedulers, boolean jobTag) {
		this(schedulers, jobTag, DEFAULT_MAX_JOB_TAGS);
	}

	/**
	 * Creates a binder of every instance of a manager.
	 * @param schedulers the instances
	 * @param jobTag whether to tag the run, lateness and retry meters with the job id
	 * @param maxJobTags the most job ids an instance's meters are tagged with; the jobs seen after
	 * that share the job tag {@value #OTHER_JOBS}
	 */
	public SchedulerMetrics(SchedulerManager schedulers, boolean jobTag, int maxJobTags) {
		if (maxJobTags < 1) {
			throw new IllegalArgumentException("maxJobTags must be at least 1: " + maxJobTags);
		}
		this.schedulers = schedulers;
		this.jobTag = jobTag;
		this.maxJobTags = maxJobTags;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		for (Scheduler scheduler : this.schedulers.schedulers()) {
			scheduler.addListener(new RunMeters(registry, scheduler.name(), this.jobTag, this.maxJobTags),
					RUN_EVENTS);
			bindGauges(registry, scheduler);
		}
	}

	private static void bindGauges(MeterRegistry registry, Scheduler scheduler) {
		Tags instance = Tags.of("instance", scheduler.name());
		StatusCache status = new StatusCache(scheduler);
		Gauge.builder(JOBS, status, (cache) -> cache.get().scheduledJobs())
			.tags(instance.and("state", "scheduled"))
			.strongReference(true)
			.description("Jobs of the scheduler instance, by state")
			.register(registry);
		Gauge.builder(JOBS, status, (cache) -> cache.get().pausedJobs())
			.tags(instance.and("state", "paused"))
			.strongReference(true)
			.description("Jobs of the scheduler instance, by state")
			.register(registry);
		Gauge.builder(RUNNING, scheduler, (instanceScheduler) -> instanceScheduler.getRunningRuns().size())
			.tags(instance)
			.description("Runs whose handler is running on this node")
			.register(registry);
		for (ExecutorStatus executor : scheduler.executorStatus()) {
			String name = executor.name();
			Gauge.builder(EXECUTOR_QUEUED, scheduler, (instanceScheduler) -> executorStatus(instanceScheduler, name).queued())
				.tags(instance.and("executor", name))
				.description("Runs waiting for a thread of the executor")
				.register(registry);
			Gauge.builder(EXECUTOR_ACTIVE, scheduler, (instanceScheduler) -> executorStatus(instanceScheduler, name).active())
				.tags(instance.and("executor", name))
				.description("Runs the executor is running")
				.register(registry);
		}
	}

	private static ExecutorStatus executorStatus(Scheduler scheduler, String name) {
		for (ExecutorStatus executor : scheduler.executorStatus()) {
			if (executor.name().equals(name)) {
				return executor;
			}
		}
		return new ExecutorStatus(name, "removed", 0, 0);
	}

	/** The outcomes of {@value #RUNS}. */
	enum Outcome {

		SUCCESS("success"), FAILURE("failure"), TIMEOUT("timeout"), MISSED("missed"), MAX_INSTANCES("max-instances");

		private final String tag;

		Outcome(String tag) {
			this.tag = tag;
		}

	}

	/** Records the run meters of one instance from its events; the meters of each job are looked up once. */
	private static final class RunMeters implements SchedulerListener {

		private static final String ALL_JOBS = "";

		private final MeterRegistry registry;

		private final String instance;

		private final boolean jobTag;

		private final int maxJobTags;

		private final ConcurrentMap<String, JobMeters> jobs = new ConcurrentHashMap<>();

		private final AtomicBoolean limitReported = new AtomicBoolean();

		RunMeters(MeterRegistry registry, String instance, boolean jobTag, int maxJobTags) {
			this.registry = registry;
			this.instance = instance;
			this.jobTag = jobTag;
			this.maxJobTags = maxJobTags;
		}

		@Override
		public void onEvent(SchedulerEvent event) {
			if (event instanceof JobExecuted executed) {
				JobMeters meters = meters(executed.jobId());
				meters.run(Outcome.SUCCESS, executed.result().duration());
				meters.lateness(executed.scheduledRunTime(), executed.result());
			}
			else if (event instanceof JobError error) {
				JobMeters meters = meters(error.jobId());
				meters.lateness(error.scheduledRunTime(), error.result());
				if (error.willRetry()) {
					meters.retries().increment();
				}
				else {
					meters.run((error.result().exception() instanceof JobTimeoutException) ? Outcome.TIMEOUT
							: Outcome.FAILURE, error.result().duration());
				}
			}
			else if (event instanceof JobMissed missed) {
				meters(missed.jobId()).run(Outcome.MISSED, Duration.ZERO);
			}
			else if (event instanceof JobMaxInstances blocked) {
				JobMeters meters = meters(blocked.jobId());
				for (int i = 0; i < blocked.scheduledRunTimes().size(); i++) {
					meters.run(Outcome.MAX_INSTANCES, Duration.ZERO);
				}
			}
		}

		private JobMeters meters(String jobId) {
			String key = this.jobTag ? jobId : ALL_JOBS;
			JobMeters meters = this.jobs.get(key);
			if (meters == null) {
				if (this.jobTag && this.jobs.size() >= this.maxJobTags) {
					if (this.limitReported.compareAndSet(false, true)) {
						logger.warn("Scheduler '{}' has run more than {} jobs; the meters of the others are tagged "
								+ "job={} (see scheduler.metrics.max-job-tags and job-tag)", this.instance,
								this.maxJobTags, OTHER_JOBS);
					}
					key = OTHER_JOBS;
					meters = this.jobs.get(key);
					if (meters != null) {
						return meters;
					}
				}
				String tag = key;
				Tags tags = this.jobTag ? Tags.of("instance", this.instance, "job", tag)
						: Tags.of("instance", this.instance);
				meters = this.jobs.computeIfAbsent(key, (ignored) -> new JobMeters(this.registry, tags));
			}
			return meters;
		}

	}

	/** The run meters of one job (or of every job, without the job tag). */
	private static final class JobMeters {

		private final MeterRegistry registry;

		private final Tags tags;

		private final @Nullable Timer[] runs = new Timer[Outcome.values().length];

		private volatile @Nullable Timer lateness;

		private volatile @Nullable Counter retries;

		JobMeters(MeterRegistry registry, Tags tags) {
			this.registry = registry;
			this.tags = tags;
		}

		void run(Outcome outcome, @Nullable Duration duration) {
			Timer timer = this.runs[outcome.ordinal()];
			if (timer == null) {
				timer = Timer.builder(RUNS)
					.tags(this.tags.and("outcome", outcome.tag))
					.description("Runs of scheduled jobs by outcome; skipped ones (missed, max-instances) have no duration")
					.register(this.registry);
				this.runs[outcome.ordinal()] = timer;
			}
			timer.record((duration != null) ? duration : Duration.ZERO);
		}

		void lateness(Instant scheduledRunTime, JobResult result) {
			Instant start = result.start();
			if (result.attempts() != 1 || start == null) {
				return;
			}
			Timer timer = this.lateness;
			if (timer == null) {
				timer = Timer.builder(LATENESS)
					.tags(this.tags)
					.description("How late the first attempt of each run started after its scheduled run time")
					.register(this.registry);
				this.lateness = timer;
			}
			Duration late = Duration.between(scheduledRunTime, start);
			timer.record(late.isNegative() ? Duration.ZERO : late);
		}

		Counter retries() {
			Counter counter = this.retries;
			if (counter == null) {
				counter = Counter.builder(RETRIES)
					.tags(this.tags)
					.description("Failed attempts of scheduled jobs that are tried again")
					.register(this.registry);
				this.retries = counter;
			}
			return counter;
		}

	}

	/** An instance's status, read again at most once per {@link #STATUS_MAX_AGE}. */
	private static final class StatusCache {

		private final Scheduler scheduler;

		private volatile @Nullable Snapshot snapshot;

		StatusCache(Scheduler scheduler) {
			this.scheduler = scheduler;
		}

		SchedulerStatus get() {
			long now = System.nanoTime();
			Snapshot current = this.snapshot;
			if (current == null || now - current.readAt() > STATUS_MAX_AGE.toNanos()) {
				current = new Snapshot(this.scheduler.status(), now);
				this.snapshot = current;
			}
			return current.status();
		}

		private record Snapshot(SchedulerStatus status, long readAt) {
		}

	}

}
