package dev.takt.scheduler.boot.autoconfigure;

import java.time.Duration;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.takt.scheduler.JobDefaults;
import dev.takt.scheduler.trigger.DstPolicy;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.convert.DurationUnit;

/**
 * Configuration properties of the scheduler, {@code scheduler.*}. The top-level values configure
 * the {@code default} instance and are the defaults of every named instance
 * ({@code scheduler.instances.<name>.*}); durations without a unit are seconds, as APScheduler's.
 */
@ConfigurationProperties("scheduler")
public class SchedulerProperties {

	/**
	 * Whether to enable the scheduler auto-configuration.
	 */
	private boolean enabled = true;

	/**
	 * Whether to start the scheduler instances once the application context is ready.
	 */
	private boolean autoStartup = true;

	/**
	 * Time zone of the default instance: of its cron expressions that name none, and of local
	 * date-times. Defaults to the system time zone.
	 */
	private @Nullable ZoneId timezone;

	/**
	 * Whether several missed run times of a job run once (the latest) rather than each.
	 */
	private boolean coalesce = true;

	/**
	 * Number of runs of a job that may be in progress at once.
	 */
	private int maxInstances = 1;

	/**
	 * How late a run may start and still run; a later one is reported as missed.
	 */
	@DurationUnit(ChronoUnit.SECONDS)
	private Duration misfireGraceTime = JobDefaults.DEFAULT_MISFIRE_GRACE_TIME;

	/**
	 * Largest random delay added to each fire time of the cron and interval triggers of declared
	 * jobs. None by default.
	 */
	@DurationUnit(ChronoUnit.SECONDS)
	private @Nullable Duration jitter;

	/**
	 * Longest a run may take before it is interrupted and failed. No limit by default.
	 */
	@DurationUnit(ChronoUnit.SECONDS)
	private @Nullable Duration timeout;

	/**
	 * Where jobs are kept: "memory:", a "jdbc:" URL, an APScheduler-style URL
	 * ("sqlite:///jobs.db", "postgresql://user:pass@host/db", "mysql://...",
	 * "redis://host:6379/0"), or the name of a DataSource, RedisConnectionFactory or JobStore bean.
	 */
	private String jobstoreUrl = "memory:";

	private final Jdbc jdbc = new Jdbc();

	/**
	 * Executors by name. "default" runs the jobs that name none; unless configured it is a pool of
	 * 10 threads.
	 */
	private Map<String, Executor> executors = new LinkedHashMap<>();

	private final Retry retry = new Retry();

	private final Dst dst = new Dst();

	private final Shutdown shutdown = new Shutdown();

	private final DeclaredJobs declaredJobs = new DeclaredJobs();

	private final Metrics metrics = new Metrics();

	private final Endpoint endpoint = new Endpoint();

	/**
	 * Named scheduler instances. Each has its own store, executors and defaults; what it does not
	 * set is taken from the top-level properties.
	 */
	private Map<String, Instance> instances = new LinkedHashMap<>();

	/**
	 * Jobs declared by id: handler bean, trigger and options.
	 */
	private Map<String, JobProperties> jobs = new LinkedHashMap<>();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public boolean isAutoStartup() {
		return this.autoStartup;
	}

	public void setAutoStartup(boolean autoStartup) {
		this.autoStartup = autoStartup;
	}

	public @Nullable ZoneId getTimezone() {
		return this.timezone;
	}

	public void setTimezone(@Nullable ZoneId timezone) {
		this.timezone = timezone;
	}

	public boolean isCoalesce() {
		return this.coalesce;
	}

	public void setCoalesce(boolean coalesce) {
		this.coalesce = coalesce;
	}

	public int getMaxInstances() {
		return this.maxInstances;
	}

	public void setMaxInstances(int maxInstances) {
		this.maxInstances = maxInstances;
	}

	public Duration getMisfireGraceTime() {
		return this.misfireGraceTime;
	}

	public void setMisfireGraceTime(Duration misfireGraceTime) {
		this.misfireGraceTime = misfireGraceTime;
	}

	public @Nullable Duration getJitter() {
		return this.jitter;
	}

	public void setJitter(@Nullable Duration jitter) {
		this.jitter = jitter;
	}

	public @Nullable Duration getTimeout() {
		return this.timeout;
	}

	public void setTimeout(@Nullable Duration timeout) {
		this.timeout = timeout;
	}

	public String getJobstoreUrl() {
		return this.jobstoreUrl;
	}

	public void setJobstoreUrl(String jobstoreUrl) {
		this.jobstoreUrl = jobstoreUrl;
	}

	public Jdbc getJdbc() {
		return this.jdbc;
	}

	public Map<String, Executor> getExecutors() {
		return this.executors;
	}

	public void setExecutors(Map<String, Executor> executors) {
		this.executors = executors;
	}

	public Retry getRetry() {
		return this.retry;
	}

	public Dst getDst() {
		return this.dst;
	}

	public Shutdown getShutdown() {
		return this.shutdown;
	}

	public DeclaredJobs getDeclaredJobs() {
		return this.declaredJobs;
	}

	public Metrics getMetrics() {
		return this.metrics;
	}

	public Endpoint getEndpoint() {
		return this.endpoint;
	}

	public Map<String, Instance> getInstances() {
		return this.instances;
	}

	public void setInstances(Map<String, Instance> instances) {
		this.instances = instances;
	}

	public Map<String, JobProperties> getJobs() {
		return this.jobs;
	}

	public void setJobs(Map<String, JobProperties> jobs) {
		this.jobs = jobs;
	}

	/**
	 * Kinds of executor.
	 */
	public enum ExecutorType {

		/**
		 * A bounded pool of platform threads; runs beyond its size wait in a queue.
		 */
		THREAD_POOL,

		/**
		 * A new virtual thread for each run (Java 21 or later).
		 */
		VIRTUAL

	}

	/**
	 * An executor's settings.
	 */
	public static class Executor {

		/**
		 * Kind of executor.
		 */
		private ExecutorType type = ExecutorType.THREAD_POOL;

		/**
		 * Number of threads of a thread-pool executor.
		 */
		private int size = 10;

		public ExecutorType getType() {
			return this.type;
		}

		public void setType(ExecutorType type) {
			this.type = type;
		}

		public int getSize() {
			return this.size;
		}

		public void setSize(int size) {
			this.size = size;
		}

	}

	/**
	 * Default retry policy of jobs.
	 */
	public static class Retry {

		/**
		 * Number of attempts a failed run gets in all; 1 means no retry.
		 */
		private int maxAttempts = 1;

		/**
		 * Wait after the first failed attempt.
		 */
		@DurationUnit(ChronoUnit.SECONDS)
		private Duration delay = Duration.ofSeconds(1);

		/**
		 * Factor each further wait grows by; 1 means a fixed delay.
		 */
		private double multiplier = 1.0;

		/**
		 * Longest wait between attempts. No limit by default.
		 */
		@DurationUnit(ChronoUnit.SECONDS)
		private @Nullable Duration maxDelay;

		/**
		 * Exception types that are retried; every exception when empty.
		 */
		private List<Class<? extends Throwable>> retryOn = new ArrayList<>();

		/**
		 * Exception types that are never retried.
		 */
		private List<Class<? extends Throwable>> abortOn = new ArrayList<>();

		public int getMaxAttempts() {
			return this.maxAttempts;
		}

		public void setMaxAttempts(int maxAttempts) {
			this.maxAttempts = maxAttempts;
		}

		public Duration getDelay() {
			return this.delay;
		}

		public void setDelay(Duration delay) {
			this.delay = delay;
		}

		public double getMultiplier() {
			return this.multiplier;
		}

		public void setMultiplier(double multiplier) {
			this.multiplier = multiplier;
		}

		public @Nullable Duration getMaxDelay() {
			return this.maxDelay;
		}

		public void setMaxDelay(@Nullable Duration maxDelay) {
			this.maxDelay = maxDelay;
		}

		public List<Class<? extends Throwable>> getRetryOn() {
			return this.retryOn;
		}

		public void setRetryOn(List<Class<? extends Throwable>> retryOn) {
			this.retryOn = retryOn;
		}

		public List<Class<? extends Throwable>> getAbortOn() {
			return this.abortOn;
		}

		public void setAbortOn(List<Class<? extends Throwable>> abortOn) {
			this.abortOn = abortOn;
		}

	}

	/**
	 * What the cron triggers of declared jobs do at daylight-saving changes.
	 */
	public static class Dst {

		/**
		 * What happens to local times that a change to summer time skips: "shift" fires them
		 * shifted by the gap, as APScheduler does; "skip" does not fire them.
		 */
		private DstPolicy.Gap gap = DstPolicy.APSCHEDULER.gap();

		/**
		 * What happens to local times that a change back to winter time repeats: "both" fires
		 * both occurrences, as APScheduler does; "once" fires the first only.
		 */
		private DstPolicy.Repeat repeat = DstPolicy.APSCHEDULER.repeat();

		public DstPolicy.Gap getGap() {
			return this.gap;
		}

		public void setGap(DstPolicy.Gap gap) {
			this.gap = gap;
		}

		public DstPolicy.Repeat getRepeat() {
			return this.repeat;
		}

		public void setRepeat(DstPolicy.Repeat repeat) {
			this.repeat = repeat;
		}

	}

	/**
	 * How the instances shut down with the application.
	 */
	public static class Shutdown {

		/**
		 * Whether to wait for running jobs to finish on shutdown.
		 */
		private boolean awaitTermination = true;

		/**
		 * Longest wait for running jobs on shutdown; jobs still running then are interrupted.
		 */
		@DurationUnit(ChronoUnit.SECONDS)
		private Duration awaitTerminationPeriod = Duration.ofSeconds(30);

		public boolean isAwaitTermination() {
			return this.awaitTermination;
		}

		public void setAwaitTermination(boolean awaitTermination) {
			this.awaitTermination = awaitTermination;
		}

		public Duration getAwaitTerminationPeriod() {
			return this.awaitTerminationPeriod;
		}

		public void setAwaitTerminationPeriod(Duration awaitTerminationPeriod) {
			this.awaitTerminationPeriod = awaitTerminationPeriod;
		}

	}

	/**
	 * The SQL job store of the instances whose jobstore-url is a database (needs
	 * dev.takt:scheduler-jdbc).
	 */
	public static class Jdbc {

		/**
		 * When to create the job store's tables at start-up, if they do not exist: "embedded" in
		 * an embedded database only (H2 in memory or in a file, SQLite), "always", or "never" (the
		 * application creates them, from a Flyway or Liquibase migration, say).
		 */
		private SchemaInitialization initializeSchema = SchemaInitialization.EMBEDDED;

		/**
		 * Prefix of the job store's table names, optionally after a schema name and a dot
		 * ("scheduling.takt_"). A named instance's tables add its name ("takt_report_jobs").
		 */
		private String tablePrefix = "takt_";

		/**
		 * How long a running job's lease lasts without a heartbeat: about how long the jobs of a
		 * node that died wait before another node takes them over.
		 */
		@DurationUnit(ChronoUnit.SECONDS)
		private Duration leaseTime = Duration.ofSeconds(15);

		/**
		 * How long the run history table keeps the record of a run.
		 */
		@DurationUnit(ChronoUnit.SECONDS)
		private Duration historyRetention = Duration.ofDays(7);

		public SchemaInitialization getInitializeSchema() {
			return this.initializeSchema;
		}

		public void setInitializeSchema(SchemaInitialization initializeSchema) {
			this.initializeSchema = initializeSchema;
		}

		public String getTablePrefix() {
			return this.tablePrefix;
		}

		public void setTablePrefix(String tablePrefix) {
			this.tablePrefix = tablePrefix;
		}

		public Duration getLeaseTime() {
			return this.leaseTime;
		}

		public void setLeaseTime(Duration leaseTime) {
			this.leaseTime = leaseTime;
		}

		public Duration getHistoryRetention() {
			return this.historyRetention;
		}

		public void setHistoryRetention(Duration historyRetention) {
			this.historyRetention = historyRetention;
		}

	}

	/**
	 * When the SQL job store creates its tables.
	 */
	public enum SchemaInitialization {

		/**
		 * In an embedded database only: H2 in memory or in a file, and SQLite.
		 */
		EMBEDDED,

		/**
		 * In any database.
		 */
		ALWAYS,

		/**
		 * Never: the application creates them.
		 */
		NEVER

	}

	/**
	 * How declared jobs ({@code @ScheduledJob} methods and {@code scheduler.jobs}) meet the jobs
	 * already stored at start-up.
	 */
	public static class DeclaredJobs {

		/**
		 * What to do when a declared job's id is already stored: "replace" a stored job that
		 * differs (one that does not keeps its next run time), "keep" the stored job, or "fail"
		 * start-up when the stored job differs.
		 */
		private ConflictPolicy conflictPolicy = ConflictPolicy.REPLACE;

		/**
		 * Whether to remove, at start-up, stored jobs that were declared by an earlier start but are
		 * not declared any more. Jobs added through the API are never removed.
		 */
		private boolean removeUndeclared;

		public ConflictPolicy getConflictPolicy() {
			return this.conflictPolicy;
		}

		public void setConflictPolicy(ConflictPolicy conflictPolicy) {
			this.conflictPolicy = conflictPolicy;
		}

		public boolean isRemoveUndeclared() {
			return this.removeUndeclared;
		}

		public void setRemoveUndeclared(boolean removeUndeclared) {
			this.removeUndeclared = removeUndeclared;
		}

	}

	/**
	 * The scheduler's Micrometer meters.
	 */
	public static class Metrics {

		/**
		 * Whether to publish the scheduler's meters when the application has a MeterRegistry.
		 */
		private boolean enabled = true;

		/**
		 * Whether to tag the run, lateness and retry meters with the job id. Turn it off when there
		 * are very many jobs, or jobs with generated ids.
		 */
		private boolean jobTag = true;

		/**
		 * Most job ids an instance's meters are tagged with; the jobs that run after that share the
		 * job tag "<other>".
		 */
		private int maxJobTags = 1000;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public boolean isJobTag() {
			return this.jobTag;
		}

		public void setJobTag(boolean jobTag) {
			this.jobTag = jobTag;
		}

		public int getMaxJobTags() {
			return this.maxJobTags;
		}

		public void setMaxJobTags(int maxJobTags) {
			this.maxJobTags = maxJobTags;
		}

	}

	/**
	 * The scheduler actuator endpoint.
	 */
	public static class Endpoint {

		/**
		 * Roles that may use the endpoint's write and delete operations when Spring Security is on
		 * the class path. Any authenticated user when empty.
		 */
		private List<String> writeRoles = new ArrayList<>();

		public List<String> getWriteRoles() {
			return this.writeRoles;
		}

		public void setWriteRoles(List<String> writeRoles) {
			this.writeRoles = writeRoles;
		}

	}

	/**
	 * A named instance's settings; each one left unset is taken from the top level.
	 */
	public static class Instance {

		/**
		 * Time zone of the instance.
		 */
		private @Nullable ZoneId timezone;

		/**
		 * Whether several missed run times of a job run once.
		 */
		private @Nullable Boolean coalesce;

		/**
		 * Number of runs of a job that may be in progress at once.
		 */
		private @Nullable Integer maxInstances;

		/**
		 * How late a run may start and still run.
		 */
		@DurationUnit(ChronoUnit.SECONDS)
		private @Nullable Duration misfireGraceTime;

		/**
		 * Largest random delay added to each fire time of declared jobs.
		 */
		@DurationUnit(ChronoUnit.SECONDS)
		private @Nullable Duration jitter;

		/**
		 * Longest a run may take.
		 */
		@DurationUnit(ChronoUnit.SECONDS)
		private @Nullable Duration timeout;

		/**
		 * Where the instance keeps its jobs.
		 */
		private @Nullable String jobstoreUrl;

		/**
		 * Executors by name, added to (or replacing by name) the top-level ones.
		 */
		private Map<String, Executor> executors = new LinkedHashMap<>();

		/**
		 * Default retry policy; unset values are taken from the top level.
		 */
		private final RetryOverrides retry = new RetryOverrides();

		/**
		 * Daylight-saving policy of cron triggers; unset values are taken from the top level.
		 */
		private final DstOverrides dst = new DstOverrides();

		/**
		 * SQL job store settings; unset values are taken from the top level.
		 */
		private final JdbcOverrides jdbc = new JdbcOverrides();

		public @Nullable ZoneId getTimezone() {
			return this.timezone;
		}

		public void setTimezone(@Nullable ZoneId timezone) {
			this.timezone = timezone;
		}

		public @Nullable Boolean getCoalesce() {
			return this.coalesce;
		}

		public void setCoalesce(@Nullable Boolean coalesce) {
			this.coalesce = coalesce;
		}

		public @Nullable Integer getMaxInstances() {
			return this.maxInstances;
		}

		public void setMaxInstances(@Nullable Integer maxInstances) {
			this.maxInstances = maxInstances;
		}

		public @Nullable Duration getMisfireGraceTime() {
			return this.misfireGraceTime;
		}

		public void setMisfireGraceTime(@Nullable Duration misfireGraceTime) {
			this.misfireGraceTime = misfireGraceTime;
		}

		public @Nullable Duration getJitter() {
			return this.jitter;
		}

		public void setJitter(@Nullable Duration jitter) {
			this.jitter = jitter;
		}

		public @Nullable Duration getTimeout() {
			return this.timeout;
		}

		public void setTimeout(@Nullable Duration timeout) {
			this.timeout = timeout;
		}

		public @Nullable String getJobstoreUrl() {
			return this.jobstoreUrl;
		}

		public void setJobstoreUrl(@Nullable String jobstoreUrl) {
			this.jobstoreUrl = jobstoreUrl;
		}

		public Map<String, Executor> getExecutors() {
			return this.executors;
		}

		public void setExecutors(Map<String, Executor> executors) {
			this.executors = executors;
		}

		public RetryOverrides getRetry() {
			return this.retry;
		}

		public DstOverrides getDst() {
			return this.dst;
		}

		public JdbcOverrides getJdbc() {
			return this.jdbc;
		}

	}

	/**
	 * Retry settings that fall back to others when unset.
	 */
	public static class RetryOverrides {

		/**
		 * Number of attempts a failed run gets in all.
		 */
		private @Nullable Integer maxAttempts;

		/**
		 * Wait after the first failed attempt.
		 */
		@DurationUnit(ChronoUnit.SECONDS)
		private @Nullable Duration delay;

		/**
		 * Factor each further wait grows by.
		 */
		private @Nullable Double multiplier;

		/**
		 * Longest wait between attempts.
		 */
		@DurationUnit(ChronoUnit.SECONDS)
		private @Nullable Duration maxDelay;

		/**
		 * Exception types that are retried.
		 */
		private @Nullable List<Class<? extends Throwable>> retryOn;

		/**
		 * Exception types that are never retried.
		 */
		private @Nullable List<Class<? extends Throwable>> abortOn;

		public @Nullable Integer getMaxAttempts() {
			return this.maxAttempts;
		}

		public void setMaxAttempts(@Nullable Integer maxAttempts) {
			this.maxAttempts = maxAttempts;
		}

		public @Nullable Duration getDelay() {
			return this.delay;
		}

		public void setDelay(@Nullable Duration delay) {
			this.delay = delay;
		}

		public @Nullable Double getMultiplier() {
			return this.multiplier;
		}

		public void setMultiplier(@Nullable Double multiplier) {
			this.multiplier = multiplier;
		}

		public @Nullable Duration getMaxDelay() {
			return this.maxDelay;
		}

		public void setMaxDelay(@Nullable Duration maxDelay) {
			this.maxDelay = maxDelay;
		}

		public @Nullable List<Class<? extends Throwable>> getRetryOn() {
			return this.retryOn;
		}

		public void setRetryOn(@Nullable List<Class<? extends Throwable>> retryOn) {
			this.retryOn = retryOn;
		}

		public @Nullable List<Class<? extends Throwable>> getAbortOn() {
			return this.abortOn;
		}

		public void setAbortOn(@Nullable List<Class<? extends Throwable>> abortOn) {
			this.abortOn = abortOn;
		}

		boolean isEmpty() {
			return this.maxAttempts == null && this.delay == null && this.multiplier == null && this.maxDelay == null
					&& this.retryOn == null && this.abortOn == null;
		}

	}

	/**
	 * Daylight-saving settings that fall back to others when unset.
	 */
	public static class DstOverrides {

		/**
		 * What happens to local times that a change to summer time skips.
		 */
		private DstPolicy.@Nullable Gap gap;

		/**
		 * What happens to local times that a change back to winter time repeats.
		 */
		private DstPolicy.@Nullable Repeat repeat;

		public DstPolicy.@Nullable Gap getGap() {
			return this.gap;
		}

		public void setGap(DstPolicy.@Nullable Gap gap) {
			this.gap = gap;
		}

		public DstPolicy.@Nullable Repeat getRepeat() {
			return this.repeat;
		}

		public void setRepeat(DstPolicy.@Nullable Repeat repeat) {
			this.repeat = repeat;
		}

	}

	/**
	 * SQL job store settings that fall back to others when unset.
	 */
	public static class JdbcOverrides {

		/**
		 * When to create the instance's tables at start-up.
		 */
		private @Nullable SchemaInitialization initializeSchema;

		/**
		 * Prefix of the instance's table names. Defaults to the top-level prefix followed by the
		 * instance name and an underscore.
		 */
		private @Nullable String tablePrefix;

		/**
		 * How long a running job's lease lasts without a heartbeat.
		 */
		@DurationUnit(ChronoUnit.SECONDS)
		private @Nullable Duration leaseTime;

		/**
		 * How long the run history table keeps the record of a run.
		 */
		@DurationUnit(ChronoUnit.SECONDS)
		private @Nullable Duration historyRetention;

		public @Nullable SchemaInitialization getInitializeSchema() {
			return this.initializeSchema;
		}

		public void setInitializeSchema(@Nullable SchemaInitialization initializeSchema) {
			this.initializeSchema = initializeSchema;
		}

		public @Nullable String getTablePrefix() {
			return this.tablePrefix;
		}

		public void setTablePrefix(@Nullable String tablePrefix) {
			this.tablePrefix = tablePrefix;
		}

		public @Nullable Duration getLeaseTime() {
			return this.leaseTime;
		}

		public void setLeaseTime(@Nullable Duration leaseTime) {
			this.leaseTime = leaseTime;
		}

		public @Nullable Duration getHistoryRetention() {
			return this.historyRetention;
		}

		public void setHistoryRetention(@Nullable Duration historyRetention) {
			this.historyRetention = historyRetention;
		}

	}

	/**
	 * A job declared in the configuration, {@code scheduler.jobs.<id>}: its handler, one trigger
	 * ({@code cron}, the cron fields, {@code interval} or {@code run-at}) and its options; the
	 * options it does not set are its instance's.
	 */
	public static class JobProperties {

		/**
		 * Name of the JobHandler bean that runs the job.
		 */
		private @Nullable String handler;

		/**
		 * Readable name. Defaults to the handler name.
		 */
		private @Nullable String name;

		/**
		 * Name of the scheduler instance that runs the job.
		 */
		private String scheduler = "default";

		/**
		 * Cron expression: 5-field crontab, 6-field with seconds first, or a macro such as
		 * "@daily".
		 */
		private @Nullable String cron;

		/**
		 * APScheduler cron field "year".
		 */
		private @Nullable String year;

		/**
		 * APScheduler cron field "month".
		 */
		private @Nullable String month;

		/**
		 * APScheduler cron field "day".
		 */
		private @Nullable String day;

		/**
		 * APScheduler cron field "week".
		 */
		private @Nullable String week;

		/**
		 * APScheduler cron field "day_of_week" (0 is Monday).
		 */
		private @Nullable String dayOfWeek;

		/**
		 * APScheduler cron field "hour".
		 */
		private @Nullable String hour;

		/**
		 * APScheduler cron field "minute".
		 */
		private @Nullable String minute;

		/**
		 * APScheduler cron field "second".
		 */
		private @Nullable String second;

		/**
		 * Time between runs, the first one interval after start-up.
		 */
		@DurationUnit(ChronoUnit.SECONDS)
		private @Nullable Duration interval;

		/**
		 * When to run once: an ISO-8601 date-time, with an offset or local to the zone.
		 */
		private @Nullable String runAt;

		/**
		 * Time zone of the cron expression or fields and of a local run-at.
		 */
		private @Nullable ZoneId zone;

		/**
		 * Positional arguments given to the handler.
		 */
		private List<Object> args = new ArrayList<>();

		/**
		 * Keyword arguments given to the handler.
		 */
		private Map<String, Object> kwargs = new LinkedHashMap<>();

		/**
		 * Name of the executor that runs the job.
		 */
		private @Nullable String executor;

		/**
		 * Whether several missed run times run once.
		 */
		private @Nullable Boolean coalesce;

		/**
		 * Number of runs that may be in progress at once.
		 */
		private @Nullable Integer maxInstances;

		/**
		 * How late a run may start and still run.
		 */
		@DurationUnit(ChronoUnit.SECONDS)
		private @Nullable Duration misfireGraceTime;

		/**
		 * Largest random delay added to each fire time.
		 */
		@DurationUnit(ChronoUnit.SECONDS)
		private @Nullable Duration jitter;

		/**
		 * Longest a run may take.
		 */
		@DurationUnit(ChronoUnit.SECONDS)
		private @Nullable Duration timeout;

		/**
		 * Retry policy; unset values are the instance's.
		 */
		private final RetryOverrides retry = new RetryOverrides();

		/**
		 * Daylight-saving policy of the cron trigger; unset values are the instance's.
		 */
		private final DstOverrides dst = new DstOverrides();

		public @Nullable String getHandler() {
			return this.handler;
		}

		public void setHandler(@Nullable String handler) {
			this.handler = handler;
		}

		public @Nullable String getName() {
			return this.name;
		}

		public void setName(@Nullable String name) {
			this.name = name;
		}

		public String getScheduler() {
			return this.scheduler;
		}

		public void setScheduler(String scheduler) {
			this.scheduler = scheduler;
		}

		public @Nullable String getCron() {
			return this.cron;
		}

		public void setCron(@Nullable String cron) {
			this.cron = cron;
		}

		public @Nullable String getYear() {
			return this.year;
		}

		public void setYear(@Nullable String year) {
			this.year = year;
		}

		public @Nullable String getMonth() {
			return this.month;
		}

		public void setMonth(@Nullable String month) {
			this.month = month;
		}

		public @Nullable String getDay() {
			return this.day;
		}

		public void setDay(@Nullable String day) {
			this.day = day;
		}

		public @Nullable String getWeek() {
			return this.week;
		}

		public void setWeek(@Nullable String week) {
			this.week = week;
		}

		public @Nullable String getDayOfWeek() {
			return this.dayOfWeek;
		}

		public void setDayOfWeek(@Nullable String dayOfWeek) {
			this.dayOfWeek = dayOfWeek;
		}

		public @Nullable String getHour() {
			return this.hour;
		}

		public void setHour(@Nullable String hour) {
			this.hour = hour;
		}

		public @Nullable String getMinute() {
			return this.minute;
		}

		public void setMinute(@Nullable String minute) {
			this.minute = minute;
		}

		public @Nullable String getSecond() {
			return this.second;
		}

		public void setSecond(@Nullable String second) {
			this.second = second;
		}

		public @Nullable Duration getInterval() {
			return this.interval;
		}

		public void setInterval(@Nullable Duration interval) {
			this.interval = interval;
		}

		public @Nullable String getRunAt() {
			return this.runAt;
		}

		public void setRunAt(@Nullable String runAt) {
			this.runAt = runAt;
		}

		public @Nullable ZoneId getZone() {
			return this.zone;
		}

		public void setZone(@Nullable ZoneId zone) {
			this.zone = zone;
		}

		public List<Object> getArgs() {
			return this.args;
		}

		public void setArgs(List<Object> args) {
			this.args = args;
		}

		public Map<String, Object> getKwargs() {
			return this.kwargs;
		}

		public void setKwargs(Map<String, Object> kwargs) {
			this.kwargs = kwargs;
		}

		public @Nullable String getExecutor() {
			return this.executor;
		}

		public void setExecutor(@Nullable String executor) {
			this.executor = executor;
		}

		public @Nullable Boolean getCoalesce() {
			return this.coalesce;
		}

		public void setCoalesce(@Nullable Boolean coalesce) {
			this.coalesce = coalesce;
		}

		public @Nullable Integer getMaxInstances() {
			return this.maxInstances;
		}

		public void setMaxInstances(@Nullable Integer maxInstances) {
			this.maxInstances = maxInstances;
		}

		public @Nullable Duration getMisfireGraceTime() {
			return this.misfireGraceTime;
		}

		public void setMisfireGraceTime(@Nullable Duration misfireGraceTime) {
			this.misfireGraceTime = misfireGraceTime;
		}

		public @Nullable Duration getJitter() {
			return this.jitter;
		}

		public void setJitter(@Nullable Duration jitter) {
			this.jitter = jitter;
		}

		public @Nullable Duration getTimeout() {
			return this.timeout;
		}

		public void setTimeout(@Nullable Duration timeout) {
			this.timeout = timeout;
		}

		public RetryOverrides getRetry() {
			return this.retry;
		}

		public DstOverrides getDst() {
			return this.dst;
		}

	}

}
