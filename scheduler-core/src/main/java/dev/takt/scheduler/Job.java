package dev.takt.scheduler;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import dev.takt.scheduler.retry.RetryPolicy;
import dev.takt.scheduler.trigger.Trigger;
import org.jspecify.annotations.Nullable;

/**
 * A scheduled job, as stored: what to run (a handler name, or in memory only inline code), with
 * which arguments, when (its trigger and next run time), where (its executor) and under which
 * rules (coalesce, max instances, misfire grace time, retry, timeout). Immutable; change it through
 * the {@code withX} copies and {@link Scheduler#modifyJob}.
 * <p>
 * A stored job never holds code: {@code handler} names a {@link JobHandler} in the scheduler's
 * {@link HandlerRegistry}, and {@code args} and {@code kwargs} are JSON values. Only a job added
 * with inline code ({@link JobSpec#builder(JobHandler)}) carries an {@code inlineHandler}; stores
 * that persist jobs refuse those.
 *
 * @param id the unique id
 * @param name a readable name (by default the handler name)
 * @param handler the handler name ({@value #INLINE_HANDLER} for inline code)
 * @param inlineHandler the inline code, or {@code null} for a job that names its handler
 * @param args positional arguments, JSON values
 * @param kwargs keyword arguments, JSON values by name
 * @param trigger when the job fires
 * @param executor the name of the executor that runs it
 * @param coalesce whether several missed run times run once (the latest) rather than each
 * @param maxInstances how many runs of this job may be in progress at once, at least 1
 * @param misfireGraceTime how late a run may start and still run, or {@code null} to run however
 * late; positive
 * @param retryPolicy how failed runs are retried
 * @param timeout how long a run may take before it is interrupted and failed, or {@code null} for
 * no limit; positive
 * @param nextRunTime the next time the job fires, or {@code null} when the job is paused
 */
public record Job(String id, String name, String handler, @Nullable JobHandler inlineHandler,
		List<@Nullable Object> args, Map<String, @Nullable Object> kwargs, Trigger trigger, String executor,
		boolean coalesce, int maxInstances, @Nullable Duration misfireGraceTime, RetryPolicy retryPolicy,
		@Nullable Duration timeout, @Nullable Instant nextRunTime) {

	/** The handler name of a job that runs inline code. */
	public static final String INLINE_HANDLER = "<inline>";

	/**
	 * Creates a job, checking its values.
	 * @param id the unique id
	 * @param name a readable name
	 * @param handler the handler name
	 * @param inlineHandler the inline code, or {@code null}
	 * @param args positional arguments
	 * @param kwargs keyword arguments
	 * @param trigger when the job fires
	 * @param executor the executor name
	 * @param coalesce whether missed run times run once
	 * @param maxInstances the number of concurrent runs allowed
	 * @param misfireGraceTime how late a run may start, or {@code null}
	 * @param retryPolicy how failed runs are retried
	 * @param timeout the run timeout, or {@code null}
	 * @param nextRunTime the next run time, or {@code null} when paused
	 */
	public Job {
		requireText("id", id);
		Objects.requireNonNull(name, "name must not be null");
		requireText("handler", handler);
		if (inlineHandler != null && !INLINE_HANDLER.equals(handler)) {
			throw new InvalidJobException("handler", handler, "a job with inline code has the handler name "
					+ INLINE_HANDLER);
		}
		args = JsonValues.list("args", Objects.requireNonNull(args, "args must not be null"));
		kwargs = JsonValues.map("kwargs", Objects.requireNonNull(kwargs, "kwargs must not be null"));
		Objects.requireNonNull(trigger, "trigger must not be null");
		requireText("executor", executor);
		checkMaxInstances(maxInstances);
		checkPositive("misfireGraceTime", misfireGraceTime);
		Objects.requireNonNull(retryPolicy, "retryPolicy must not be null");
		checkPositive("timeout", timeout);
	}

	/**
	 * Returns whether the job is paused: it has no next run time.
	 * @return whether the job is paused
	 */
	public boolean isPaused() {
		return this.nextRunTime == null;
	}

	/**
	 * Returns whether the job runs inline code rather than a named handler; such a job can only be
	 * kept in memory.
	 * @return whether the job carries inline code
	 */
	public boolean isInline() {
		return this.inlineHandler != null;
	}

	/**
	 * Returns a copy with another name.
	 * @param name the new name
	 * @return the new job
	 */
	public Job withName(String name) {
		return new Job(this.id, name, this.handler, this.inlineHandler, this.args, this.kwargs, this.trigger,
				this.executor, this.coalesce, this.maxInstances, this.misfireGraceTime, this.retryPolicy, this.timeout,
				this.nextRunTime);
	}

	/**
	 * Returns a copy that runs another named handler (and no inline code).
	 * @param handler the handler name
	 * @return the new job
	 */
	public Job withHandler(String handler) {
		return new Job(this.id, this.name, handler, null, this.args, this.kwargs, this.trigger, this.executor,
				this.coalesce, this.maxInstances, this.misfireGraceTime, this.retryPolicy, this.timeout,
				this.nextRunTime);
	}

	/**
	 * Returns a copy with other positional arguments.
	 * @param args the arguments, JSON values
	 * @return the new job
	 */
	public Job withArgs(List<?> args) {
		return new Job(this.id, this.name, this.handler, this.inlineHandler, JsonValues.list("args", args),
				this.kwargs, this.trigger, this.executor, this.coalesce, this.maxInstances, this.misfireGraceTime,
				this.retryPolicy, this.timeout, this.nextRunTime);
	}

	/**
	 * Returns a copy with other keyword arguments.
	 * @param kwargs the arguments by name, JSON values
	 * @return the new job
	 */
	public Job withKwargs(Map<String, ?> kwargs) {
		return new Job(this.id, this.name, this.handler, this.inlineHandler, this.args,
				JsonValues.map("kwargs", kwargs), this.trigger, this.executor, this.coalesce, this.maxInstances,
				this.misfireGraceTime, this.retryPolicy, this.timeout, this.nextRunTime);
	}

	/**
	 * Returns a copy with another trigger; the next run time is left as it is (see
	 * {@link Scheduler#rescheduleJob} to recompute it).
	 * @param trigger the new trigger
	 * @return the new job
	 */
	public Job withTrigger(Trigger trigger) {
		return new Job(this.id, this.name, this.handler, this.inlineHandler, this.args, this.kwargs, trigger,
				this.executor, this.coalesce, this.maxInstances, this.misfireGraceTime, this.retryPolicy, this.timeout,
				this.nextRunTime);
	}

	/**
	 * Returns a copy that runs on another executor.
	 * @param executor the executor name
	 * @return the new job
	 */
	public Job withExecutor(String executor) {
		return new Job(this.id, this.name, this.handler, this.inlineHandler, this.args, this.kwargs, this.trigger,
				executor, this.coalesce, this.maxInstances, this.misfireGraceTime, this.retryPolicy, this.timeout,
				this.nextRunTime);
	}

	/**
	 * Returns a copy with another coalesce setting.
	 * @param coalesce whether missed run times run once
	 * @return the new job
	 */
	public Job withCoalesce(boolean coalesce) {
		return new Job(this.id, this.name, this.handler, this.inlineHandler, this.args, this.kwargs, this.trigger,
				this.executor, coalesce, this.maxInstances, this.misfireGraceTime, this.retryPolicy, this.timeout,
				this.nextRunTime);
	}

	/**
	 * Returns a copy with another limit of concurrent runs.
	 * @param maxInstances the limit, at least 1
	 * @return the new job
	 */
	public Job withMaxInstances(int maxInstances) {
		return new Job(this.id, this.name, this.handler, this.inlineHandler, this.args, this.kwargs, this.trigger,
				this.executor, this.coalesce, maxInstances, this.misfireGraceTime, this.retryPolicy, this.timeout,
				this.nextRunTime);
	}

	/**
	 * Returns a copy with another misfire grace time.
	 * @param misfireGraceTime how late a run may start, or {@code null} to run however late
	 * @return the new job
	 */
	public Job withMisfireGraceTime(@Nullable Duration misfireGraceTime) {
		return new Job(this.id, this.name, this.handler, this.inlineHandler, this.args, this.kwargs, this.trigger,
				this.executor, this.coalesce, this.maxInstances, misfireGraceTime, this.retryPolicy, this.timeout,
				this.nextRunTime);
	}

	/**
	 * Returns a copy with another retry policy.
	 * @param retryPolicy the policy
	 * @return the new job
	 */
	public Job withRetryPolicy(RetryPolicy retryPolicy) {
		return new Job(this.id, this.name, this.handler, this.inlineHandler, this.args, this.kwargs, this.trigger,
				this.executor, this.coalesce, this.maxInstances, this.misfireGraceTime, retryPolicy, this.timeout,
				this.nextRunTime);
	}

	/**
	 * Returns a copy with another run timeout.
	 * @param timeout the timeout, or {@code null} for none
	 * @return the new job
	 */
	public Job withTimeout(@Nullable Duration timeout) {
		return new Job(this.id, this.name, this.handler, this.inlineHandler, this.args, this.kwargs, this.trigger,
				this.executor, this.coalesce, this.maxInstances, this.misfireGraceTime, this.retryPolicy, timeout,
				this.nextRunTime);
	}

	/**
	 * Returns a copy with another next run time.
	 * @param nextRunTime the next run time, or {@code null} to pause the job
	 * @return the new job
	 */
	public Job withNextRunTime(@Nullable Instant nextRunTime) {
		return new Job(this.id, this.name, this.handler, this.inlineHandler, this.args, this.kwargs, this.trigger,
				this.executor, this.coalesce, this.maxInstances, this.misfireGraceTime, this.retryPolicy, this.timeout,
				nextRunTime);
	}

	@Override
	public String toString() {
		return "Job[id=" + this.id + ", name=" + this.name + ", trigger=" + this.trigger + ", "
				+ ((this.nextRunTime != null) ? "next run at " + this.nextRunTime : "paused") + "]";
	}

	static void requireText(String field, @Nullable String value) {
		Objects.requireNonNull(value, () -> field + " must not be null");
		if (value.isBlank()) {
			throw new InvalidJobException(field, value, "must not be blank");
		}
	}

	static void checkMaxInstances(int maxInstances) {
		if (maxInstances < 1) {
			throw new InvalidJobException("maxInstances", Integer.toString(maxInstances), "must be at least 1");
		}
	}

	static void checkPositive(String field, @Nullable Duration value) {
		if (value != null && (value.isNegative() || value.isZero())) {
			throw new InvalidJobException(field, value.toString(), "must be positive");
		}
	}

}
