package dev.takt.scheduler.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.takt.scheduler.AsyncJobHandler;
import dev.takt.scheduler.Job;
import dev.takt.scheduler.JobContext;
import dev.takt.scheduler.JobHandler;
import dev.takt.scheduler.JobResult;
import dev.takt.scheduler.JobTimeoutException;
import dev.takt.scheduler.RunInProgress;
import dev.takt.scheduler.SchedulerException;
import dev.takt.scheduler.UnknownHandlerException;
import dev.takt.scheduler.event.EventType;
import dev.takt.scheduler.event.JobError;
import dev.takt.scheduler.event.JobExecuted;
import dev.takt.scheduler.event.JobMissed;
import dev.takt.scheduler.history.RunRecord;
import dev.takt.scheduler.retry.RetryListener;
import dev.takt.scheduler.retry.RetryPolicy;
import dev.takt.scheduler.store.Run;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Executes one claimed {@link Run} on its executor: its run times one after the other, each
 * checked against the misfire grace time as it starts (APScheduler's {@code run_job}), each
 * attempt timed, its result recorded, and on failure either a retry stored or the failure
 * recorded. An asynchronous handler releases the thread and the run goes on when its stage
 * completes.
 * <p>
 * A run taken over from a node whose lease expired is not checked against the grace time: it
 * was claimed in time, and its node's death is what made it late, so it runs however late (a
 * one-off job that never finished runs again).
 */
final class RunExecution implements Runnable {

	private static final Logger logger = LoggerFactory.getLogger(RunExecution.class);

	private final LoopScheduler scheduler;

	private final Run run;

	private final Job job;

	/** Whether the run was taken over from a node that died, and so runs however late. */
	private final boolean recovered;

	private int index;

	private int attempt;

	private volatile @Nullable Instant startedAt;

	/** The attempt in progress, or {@code null} before the first starts. */
	private volatile @Nullable JobContext current;

	private volatile boolean leaseLost;

	RunExecution(LoopScheduler scheduler, Run run, boolean recovered) {
		this.scheduler = scheduler;
		this.run = run;
		this.job = run.job();
		this.recovered = recovered;
		this.attempt = run.attempt();
	}

	Run claimedRun() {
		return this.run;
	}

	@Nullable Instant startedAt() {
		return this.startedAt;
	}

	/** Returns the attempt in progress, or {@code null} when none has started. */
	@Nullable RunInProgress inProgress() {
		JobContext context = this.current;
		if (context == null) {
			return null;
		}
		return new RunInProgress(this.run.id(), this.job.id(), context.scheduledFireTime(), context.attempt(),
				context.actualFireTime(), this.job.timeout(), this.leaseLost);
	}

	/** Marks the run as one whose lease this node lost. */
	void leaseLost() {
		this.leaseLost = true;
	}

	@Override
	public void run() {
		long started = System.nanoTime();
		try {
			proceed();
		}
		catch (Throwable ex) {
			logger.error("Run of job '{}' failed in the scheduler itself", this.job.id(), ex);
			this.scheduler.runEnded(this, true);
		}
		finally {
			this.scheduler.taskReturned(System.nanoTime() - started);
		}
	}

	/** Runs the run times from {@link #index} on, until one goes asynchronous or a retry is stored. */
	private void proceed() {
		while (this.index < this.run.runTimes().size()) {
			Instant runTime = this.run.runTimes().get(this.index);
			Instant start = this.scheduler.clock().instant();
			if (this.startedAt == null) {
				this.startedAt = start;
			}
			Duration grace = this.job.misfireGraceTime();
			if (this.attempt == 1 && !this.recovered && grace != null && start.isAfter(runTime.plus(grace))) {
				missed(runTime, start);
				this.index++;
				continue;
			}
			JobContext context = new JobContext(this.job.id(), this.job.name(), runTime, start, this.attempt,
					this.job.args(), this.job.kwargs(), this.scheduler.name());
			this.current = context;
			try (RunLog.MdcScope scope = RunLog.open(context)) {
				JobHandler handler;
				try {
					handler = resolveHandler();
				}
				catch (SchedulerException ex) {
					if (finish(context, null, JobResult.failure(ex.getMessage(), ex), false)) {
						return;
					}
					continue;
				}
				if (handler instanceof AsyncJobHandler async) {
					startAsync(async, context);
					return;
				}
				if (finish(context, handler, invoke(handler, context), true)) {
					return;
				}
			}
		}
		this.scheduler.runEnded(this, true);
	}

	private JobHandler resolveHandler() {
		JobHandler inline = this.job.inlineHandler();
		if (inline != null) {
			return inline;
		}
		return this.scheduler.handlers().find(this.job.handler())
			.orElseThrow(() -> new UnknownHandlerException(this.job.handler(), this.scheduler.handlers().names()));
	}

	private JobResult invoke(JobHandler handler, JobContext context) {
		Duration timeout = this.job.timeout();
		Interrupter interrupter = (timeout != null) ? new Interrupter(Thread.currentThread()) : null;
		if (interrupter != null) {
			interrupter.arm(this.scheduler.timer().schedule(interrupter, timeout.toNanos(), TimeUnit.NANOSECONDS));
		}
		JobResult result;
		try {
			result = handler.handle(context);
			if (result == null) {
				result = JobResult.failure("Handler of job '" + this.job.id() + "' returned no result");
			}
		}
		catch (Throwable ex) {
			result = JobResult.failure(ex);
		}
		if (interrupter != null && interrupter.disarm()) {
			result = JobResult.failure(new JobTimeoutException(this.job.id(), timeout));
		}
		else if (timeout != null && Duration.between(context.actualFireTime(), this.scheduler.clock().instant())
			.compareTo(timeout) > 0) {
			result = JobResult.failure(new JobTimeoutException(this.job.id(), timeout));
		}
		return result;
	}

	private void startAsync(AsyncJobHandler handler, JobContext context) {
		AtomicBoolean done = new AtomicBoolean();
		CompletionStage<JobResult> stage;
		try {
			stage = handler.handleAsync(context);
			if (stage == null) {
				throw new IllegalStateException("Handler of job '" + this.job.id() + "' returned no stage");
			}
		}
		catch (Throwable ex) {
			if (!finish(context, handler, JobResult.failure(ex), true)) {
				proceed();
			}
			return;
		}
		Duration timeout = this.job.timeout();
		ScheduledFuture<?> timer = null;
		if (timeout != null) {
			CompletionStage<JobResult> running = stage;
			timer = this.scheduler.timer().schedule(() -> {
				if (done.compareAndSet(false, true)) {
					running.toCompletableFuture().cancel(true);
					completeAsync(context, handler, JobResult.failure(new JobTimeoutException(this.job.id(), timeout)));
				}
			}, timeout.toNanos(), TimeUnit.NANOSECONDS);
		}
		ScheduledFuture<?> timeoutTask = timer;
		stage.whenComplete((result, failure) -> {
			if (!done.compareAndSet(false, true)) {
				return;
			}
			if (timeoutTask != null) {
				timeoutTask.cancel(false);
			}
			JobResult outcome;
			if (failure != null) {
				outcome = JobResult.failure(unwrap(failure));
			}
			else if (result == null) {
				outcome = JobResult.failure("Handler of job '" + this.job.id() + "' completed with no result");
			}
			else {
				outcome = result;
			}
			completeAsync(context, handler, outcome);
		});
	}

	private void completeAsync(JobContext context, JobHandler handler, JobResult result) {
		try {
			boolean stopped;
			try (RunLog.MdcScope scope = RunLog.open(context)) {
				stopped = finish(context, handler, result, true);
			}
			if (!stopped) {
				proceed();
			}
		}
		catch (Throwable ex) {
			logger.error("Run of job '{}' failed in the scheduler itself", this.job.id(), ex);
			this.scheduler.runEnded(this, true);
		}
	}

	/**
	 * Records one attempt's result.
	 * @return whether the run stops here (a retry was stored)
	 */
	private boolean finish(JobContext context, @Nullable JobHandler handler, JobResult result, boolean retryable) {
		Instant end = this.scheduler.clock().instant();
		Duration took = Duration.between(context.actualFireTime(), end);
		JobResult timed = result.withRun(this.attempt, context.actualFireTime(), took);
		RetryListener hooks = (handler instanceof RetryListener listener) ? listener : null;
		Instant runTime = context.scheduledFireTime();
		if (timed.successful()) {
			RunLog.succeeded(context, took);
			record(runTime, timed);
			EventBus events = this.scheduler.events();
			if (events.wants(EventType.JOB_EXECUTED)) {
				events.publish(new JobExecuted(this.scheduler.name(), this.job.id(), runTime, timed));
			}
			if (hooks != null) {
				callHook(() -> hooks.onSuccess(context, timed));
			}
			next();
			return false;
		}
		Throwable failure = timed.exception();
		RetryPolicy policy = this.job.retryPolicy();
		if (retryable && policy.shouldRetry(failure, this.attempt)) {
			Duration delay = policy.delayAfter(this.attempt);
			Instant retryAt = end.plus(delay);
			RunLog.retrying(context, took, timed.message(), retryAt, failure);
			this.scheduler.events()
				.publish(new JobError(this.scheduler.name(), this.job.id(), runTime, timed, retryAt));
			if (hooks != null) {
				callHook(() -> hooks.onRetry(context, timed, delay));
			}
			this.scheduler.retryLater(this, this.run.retry(this.index, this.attempt), retryAt);
			return true;
		}
		RunLog.failed(context, took, timed.message(),
				(failure instanceof JobTimeoutException) ? "timeout" : "failure", failure);
		record(runTime, timed);
		this.scheduler.events().publish(new JobError(this.scheduler.name(), this.job.id(), runTime, timed, null));
		if (hooks != null) {
			callHook(() -> hooks.onFailure(context, timed));
		}
		next();
		return false;
	}

	private void next() {
		this.index++;
		this.attempt = 1;
	}

	private void missed(Instant runTime, Instant start) {
		RunLog.missed(this.scheduler.name(), this.job.id(), runTime, Duration.between(runTime, start));
		this.scheduler.events().publish(new JobMissed(this.scheduler.name(), this.job.id(), runTime));
	}

	private void record(Instant runTime, JobResult result) {
		try {
			this.scheduler.runHistory().record(new RunRecord(this.job.id(), this.job.name(), runTime, result));
		}
		catch (RuntimeException ex) {
			logger.warn("Could not record a run of job '{}' in the run history", this.job.id(), ex);
		}
	}

	private void callHook(Runnable hook) {
		try {
			hook.run();
		}
		catch (Throwable ex) {
			logger.warn("Retry hook of job '{}' failed", this.job.id(), ex);
		}
	}

	private static Throwable unwrap(Throwable failure) {
		Throwable current = failure;
		while ((current instanceof CompletionException || current instanceof ExecutionException)
				&& current.getCause() != null) {
			current = current.getCause();
		}
		return current;
	}

	@Override
	public String toString() {
		return "RunExecution[" + this.run + "]";
	}

	/**
	 * Interrupts a handler's thread when its timeout passes, unless the handler finished first;
	 * a late interrupt never leaks to the thread's next task.
	 */
	private static final class Interrupter implements Runnable {

		private final Thread thread;

		private @Nullable ScheduledFuture<?> task;

		private boolean finished;

		private boolean fired;

		Interrupter(Thread thread) {
			this.thread = thread;
		}

		synchronized void arm(ScheduledFuture<?> task) {
			this.task = task;
		}

		@Override
		public synchronized void run() {
			if (!this.finished) {
				this.fired = true;
				this.thread.interrupt();
			}
		}

		/** Returns whether the timeout fired; clears the interrupt it caused. */
		synchronized boolean disarm() {
			this.finished = true;
			if (this.task != null) {
				this.task.cancel(false);
			}
			if (this.fired) {
				Thread.interrupted();
				return true;
			}
			return false;
		}

	}

}
