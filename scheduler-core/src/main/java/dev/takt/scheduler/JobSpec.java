package dev.takt.scheduler;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import dev.takt.scheduler.retry.RetryPolicy;
import dev.takt.scheduler.trigger.DateTrigger;
import dev.takt.scheduler.trigger.Trigger;
import org.jspecify.annotations.Nullable;

/**
 * What to add to a scheduler: a job with the options it sets itself; the scheduler fills in the
 * rest from its {@link JobDefaults}, works out the first run time and stores the resulting
 * {@link Job}. Built with {@link #builder(String)} (a named handler) or
 * {@link #builder(JobHandler)} (inline code, memory store only):
 * <pre>{@code
 * scheduler.addJob(JobSpec.builder("reportHandler")
 *         .id("nightly-report")
 *         .trigger(CronTrigger.fromCrontab("0 2 * * *", zone))
 *         .args("daily")
 *         .maxInstances(2)
 *         .retry(RetryPolicy.exponential(5, Duration.ofSeconds(1), 2.0))
 *         .build());
 * }</pre>
 * Every value is checked when it is set, so a bad one fails before anything is stored.
 */
public final class JobSpec {

	private final @Nullable String id;

	private final @Nullable String name;

	private final String handler;

	private final @Nullable JobHandler inlineHandler;

	private final List<@Nullable Object> args;

	private final Map<String, @Nullable Object> kwargs;

	private final @Nullable Trigger trigger;

	private final @Nullable String executor;

	private final @Nullable Boolean coalesce;

	private final @Nullable Integer maxInstances;

	private final boolean misfireGraceTimeSet;

	private final @Nullable Duration misfireGraceTime;

	private final @Nullable RetryPolicy retryPolicy;

	private final boolean timeoutSet;

	private final @Nullable Duration timeout;

	private final boolean nextRunTimeSet;

	private final @Nullable Instant nextRunTime;

	private JobSpec(Builder builder) {
		this.id = builder.id;
		this.name = builder.name;
		this.handler = builder.handler;
		this.inlineHandler = builder.inlineHandler;
		this.args = builder.args;
		this.kwargs = builder.kwargs;
		this.trigger = builder.trigger;
		this.executor = builder.executor;
		this.coalesce = builder.coalesce;
		this.maxInstances = builder.maxInstances;
		this.misfireGraceTimeSet = builder.misfireGraceTimeSet;
		this.misfireGraceTime = builder.misfireGraceTime;
		this.retryPolicy = builder.retryPolicy;
		this.timeoutSet = builder.timeoutSet;
		this.timeout = builder.timeout;
		this.nextRunTimeSet = builder.nextRunTimeSet;
		this.nextRunTime = builder.nextRunTime;
	}

	/**
	 * Starts a spec for a job that runs the handler registered under the given name.
	 * @param handler the handler name
	 * @return the builder
	 */
	public static Builder builder(String handler) {
		Job.requireText("handler", handler);
		if (Job.INLINE_HANDLER.equals(handler)) {
			throw new InvalidJobException("handler", handler, "is reserved for jobs with inline code");
		}
		return new Builder(handler, null);
	}

	/**
	 * Starts a spec for a job that runs inline code. Only the memory job store keeps such jobs;
	 * a store that persists jobs refuses them.
	 * @param handler the code to run
	 * @return the builder
	 */
	public static Builder builder(JobHandler handler) {
		return new Builder(Job.INLINE_HANDLER, Objects.requireNonNull(handler, "handler must not be null"));
	}

	/**
	 * Starts a spec for a job that runs inline code. Only the memory job store keeps such jobs.
	 * @param task the code to run
	 * @return the builder
	 */
	public static Builder builder(Runnable task) {
		return builder(JobHandler.of(task));
	}

	/**
	 * Returns the id the job will have, when one was given.
	 * @return the id, or empty for a generated one
	 */
	public Optional<String> id() {
		return Optional.ofNullable(this.id);
	}

	/**
	 * Returns the handler name ({@value Job#INLINE_HANDLER} for inline code).
	 * @return the handler name
	 */
	public String handler() {
		return this.handler;
	}

	/**
	 * Returns the trigger, when one was given.
	 * @return the trigger, or empty for "run once, now"
	 */
	public Optional<Trigger> trigger() {
		return Optional.ofNullable(this.trigger);
	}

	/**
	 * Returns whether the job runs inline code.
	 * @return whether the job runs inline code
	 */
	public boolean isInline() {
		return this.inlineHandler != null;
	}

	/**
	 * Returns the job this spec describes, with the given defaults for the options it does not
	 * set, and its first run time worked out at {@code now}: the time set with
	 * {@link Builder#nextRunTime}, none when {@link Builder#paused()} was asked for, else the
	 * trigger's first fire time (a trigger that never fires gives a paused job, as in APScheduler).
	 * @param defaults the options for what the spec leaves unset
	 * @param now the current time
	 * @return the job
	 */
	public Job toJob(JobDefaults defaults, Instant now) {
		Trigger resolvedTrigger = (this.trigger != null) ? this.trigger : DateTrigger.at(now);
		String resolvedId = (this.id != null) ? this.id : UUID.randomUUID().toString().replace("-", "");
		String resolvedName = (this.name != null) ? this.name
				: (this.inlineHandler != null) ? resolvedId : this.handler;
		Instant next = this.nextRunTimeSet ? this.nextRunTime : resolvedTrigger.nextFireTime(null, now).orElse(null);
		return new Job(resolvedId, resolvedName, this.handler, this.inlineHandler, this.args, this.kwargs,
				resolvedTrigger, (this.executor != null) ? this.executor : defaults.executor(),
				(this.coalesce != null) ? this.coalesce : defaults.coalesce(),
				(this.maxInstances != null) ? this.maxInstances : defaults.maxInstances(),
				this.misfireGraceTimeSet ? this.misfireGraceTime : defaults.misfireGraceTime(),
				(this.retryPolicy != null) ? this.retryPolicy : defaults.retryPolicy(),
				this.timeoutSet ? this.timeout : defaults.timeout(), next);
	}

	@Override
	public String toString() {
		return "JobSpec[id=" + this.id + ", handler=" + this.handler + ", trigger=" + this.trigger + "]";
	}

	/**
	 * Builds a {@link JobSpec}; every setter checks its value.
	 */
	public static final class Builder {

		private @Nullable String id;

		private @Nullable String name;

		private final String handler;

		private final @Nullable JobHandler inlineHandler;

		private List<@Nullable Object> args = JsonValues.EMPTY_LIST;

		private Map<String, @Nullable Object> kwargs = JsonValues.EMPTY_MAP;

		private @Nullable Trigger trigger;

		private @Nullable String executor;

		private @Nullable Boolean coalesce;

		private @Nullable Integer maxInstances;

		private boolean misfireGraceTimeSet;

		private @Nullable Duration misfireGraceTime;

		private @Nullable RetryPolicy retryPolicy;

		private boolean timeoutSet;

		private @Nullable Duration timeout;

		private boolean nextRunTimeSet;

		private @Nullable Instant nextRunTime;

		private Builder(String handler, @Nullable JobHandler inlineHandler) {
			this.handler = handler;
			this.inlineHandler = inlineHandler;
		}

		/**
		 * Sets the job id; without one, a random id is generated.
		 * @param id the id
		 * @return this builder
		 */
		public Builder id(String id) {
			Job.requireText("id", id);
			this.id = id;
			return this;
		}

		/**
		 * Sets a readable name; by default the handler name.
		 * @param name the name
		 * @return this builder
		 */
		public Builder name(String name) {
			this.name = Objects.requireNonNull(name, "name must not be null");
			return this;
		}

		/**
		 * Sets when the job fires; without a trigger the job runs once, now.
		 * @param trigger the trigger
		 * @return this builder
		 */
		public Builder trigger(Trigger trigger) {
			this.trigger = Objects.requireNonNull(trigger, "trigger must not be null");
			return this;
		}

		/**
		 * Sets the positional arguments.
		 * @param args the arguments, JSON values
		 * @return this builder
		 */
		public Builder args(@Nullable Object... args) {
			return args(Arrays.asList(args));
		}

		/**
		 * Sets the positional arguments.
		 * @param args the arguments, JSON values
		 * @return this builder
		 */
		public Builder args(List<?> args) {
			this.args = JsonValues.list("args", new ArrayList<>(args));
			return this;
		}

		/**
		 * Sets the keyword arguments.
		 * @param kwargs the arguments by name, JSON values
		 * @return this builder
		 */
		public Builder kwargs(Map<String, ?> kwargs) {
			this.kwargs = JsonValues.map("kwargs", new LinkedHashMap<>(kwargs));
			return this;
		}

		/**
		 * Adds one keyword argument.
		 * @param name the argument's name
		 * @param value the value, a JSON value
		 * @return this builder
		 */
		public Builder kwarg(String name, @Nullable Object value) {
			LinkedHashMap<String, @Nullable Object> copy = new LinkedHashMap<>(this.kwargs);
			copy.put(Objects.requireNonNull(name, "name must not be null"), value);
			this.kwargs = JsonValues.map("kwargs", copy);
			return this;
		}

		/**
		 * Sets the executor that runs the job.
		 * @param executor the executor name
		 * @return this builder
		 */
		public Builder executor(String executor) {
			Job.requireText("executor", executor);
			this.executor = executor;
			return this;
		}

		/**
		 * Sets whether several missed run times run once (the latest) rather than each.
		 * @param coalesce whether to coalesce
		 * @return this builder
		 */
		public Builder coalesce(boolean coalesce) {
			this.coalesce = coalesce;
			return this;
		}

		/**
		 * Sets how many runs of the job may be in progress at once.
		 * @param maxInstances the limit, at least 1
		 * @return this builder
		 */
		public Builder maxInstances(int maxInstances) {
			Job.checkMaxInstances(maxInstances);
			this.maxInstances = maxInstances;
			return this;
		}

		/**
		 * Sets how late a run may start and still run.
		 * @param misfireGraceTime the grace time, positive, or {@code null} to run however late
		 * @return this builder
		 */
		public Builder misfireGraceTime(@Nullable Duration misfireGraceTime) {
			Job.checkPositive("misfireGraceTime", misfireGraceTime);
			this.misfireGraceTimeSet = true;
			this.misfireGraceTime = misfireGraceTime;
			return this;
		}

		/**
		 * Sets how failed runs are retried.
		 * @param retryPolicy the policy
		 * @return this builder
		 */
		public Builder retry(RetryPolicy retryPolicy) {
			this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy must not be null");
			return this;
		}

		/**
		 * Sets how long a run may take before it is interrupted and failed.
		 * @param timeout the timeout, positive, or {@code null} for no limit
		 * @return this builder
		 */
		public Builder timeout(@Nullable Duration timeout) {
			Job.checkPositive("timeout", timeout);
			this.timeoutSet = true;
			this.timeout = timeout;
			return this;
		}

		/**
		 * Sets the first run time instead of the trigger's first fire time.
		 * @param nextRunTime the first run time
		 * @return this builder
		 */
		public Builder nextRunTime(Instant nextRunTime) {
			this.nextRunTimeSet = true;
			this.nextRunTime = Objects.requireNonNull(nextRunTime, "nextRunTime must not be null");
			return this;
		}

		/**
		 * Adds the job paused: it has no next run time until it is resumed.
		 * @return this builder
		 */
		public Builder paused() {
			this.nextRunTimeSet = true;
			this.nextRunTime = null;
			return this;
		}

		/**
		 * Returns the spec.
		 * @return the spec
		 */
		public JobSpec build() {
			return new JobSpec(this);
		}

	}

}
