package dev.takt.scheduler.testing;

import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

import dev.takt.scheduler.HandlerRegistry;
import dev.takt.scheduler.Job;
import dev.takt.scheduler.JobSpec;
import dev.takt.scheduler.Scheduler;
import dev.takt.scheduler.SchedulerBuilder;
import dev.takt.scheduler.SchedulerState;
import dev.takt.scheduler.SchedulerStatus;
import dev.takt.scheduler.engine.LoopScheduler;
import dev.takt.scheduler.event.EventType;
import dev.takt.scheduler.event.SchedulerListener;
import dev.takt.scheduler.executor.JobExecutor;
import dev.takt.scheduler.history.RunRecord;
import dev.takt.scheduler.trigger.Trigger;
import org.jspecify.annotations.Nullable;

/**
 * A scheduler for deterministic tests: no loop thread, a {@link MutableClock}, and every executor
 * replaced by a direct one, so jobs run only in {@link #tick()} (or {@link #advance}), on the
 * calling thread, at the clock's time:
 * <pre>{@code
 * MutableClock clock = MutableClock.at("2025-01-01T00:00:00Z");
 * TickScheduler scheduler = TickScheduler.create(Scheduler.builder().handler("ping", handler), clock);
 * scheduler.start();
 * scheduler.addIntervalJob("ping", Duration.ofMinutes(1), "ping");
 * scheduler.advance(Duration.ofMinutes(1));   // runs "ping" once
 * }</pre>
 * Otherwise it is the real engine: same store, planner, events, retries and history.
 */
public final class TickScheduler implements Scheduler {

	private final LoopScheduler scheduler;

	private final MutableClock clock;

	private TickScheduler(LoopScheduler scheduler, MutableClock clock) {
		this.scheduler = scheduler;
		this.clock = clock;
	}

	/**
	 * Returns a tick-driven scheduler with default settings.
	 * @param clock the clock
	 * @return the scheduler, not started
	 */
	public static TickScheduler create(MutableClock clock) {
		return create(Scheduler.builder(), clock);
	}

	/**
	 * Returns a tick-driven scheduler with the builder's settings and the given clock.
	 * @param builder the settings (its clock is replaced, its executors made direct)
	 * @param clock the clock
	 * @return the scheduler, not started
	 */
	public static TickScheduler create(SchedulerBuilder builder, MutableClock clock) {
		Objects.requireNonNull(clock, "clock must not be null");
		return new TickScheduler(new LoopScheduler(builder.clock(clock).settings().asTickDriven()), clock);
	}

	/**
	 * Runs every job and retry due at the clock's time, until none is left.
	 * @return the number of runs started
	 */
	public int tick() {
		return this.scheduler.runDue();
	}

	/**
	 * Moves the clock and runs what is then due.
	 * @param amount how far to move the clock
	 * @return the number of runs started
	 */
	public int advance(Duration amount) {
		this.clock.advance(amount);
		return tick();
	}

	@Override
	public MutableClock clock() {
		return this.clock;
	}

	@Override
	public String name() {
		return this.scheduler.name();
	}

	@Override
	public SchedulerState state() {
		return this.scheduler.state();
	}

	@Override
	public ZoneId timezone() {
		return this.scheduler.timezone();
	}

	@Override
	public HandlerRegistry handlers() {
		return this.scheduler.handlers();
	}

	@Override
	public void start(boolean paused) {
		this.scheduler.start(paused);
	}

	@Override
	public boolean shutdown(@Nullable Duration maxWait) {
		return this.scheduler.shutdown(maxWait);
	}

	@Override
	public void pause() {
		this.scheduler.pause();
	}

	@Override
	public void resume() {
		this.scheduler.resume();
	}

	@Override
	public Job addJob(JobSpec spec, boolean replaceExisting) {
		return this.scheduler.addJob(spec, replaceExisting);
	}

	@Override
	public Job modifyJob(String jobId, UnaryOperator<Job> change) {
		return this.scheduler.modifyJob(jobId, change);
	}

	@Override
	public Job rescheduleJob(String jobId, Trigger trigger) {
		return this.scheduler.rescheduleJob(jobId, trigger);
	}

	@Override
	public Job pauseJob(String jobId) {
		return this.scheduler.pauseJob(jobId);
	}

	@Override
	public Optional<Job> resumeJob(String jobId) {
		return this.scheduler.resumeJob(jobId);
	}

	@Override
	public void removeJob(String jobId) {
		this.scheduler.removeJob(jobId);
	}

	@Override
	public void removeAllJobs() {
		this.scheduler.removeAllJobs();
	}

	@Override
	public Optional<Job> getJob(String jobId) {
		return this.scheduler.getJob(jobId);
	}

	@Override
	public List<Job> getJobs() {
		return this.scheduler.getJobs();
	}

	@Override
	public boolean runNow(String jobId) {
		return this.scheduler.runNow(jobId);
	}

	@Override
	public void addExecutor(String name, JobExecutor executor) {
		this.scheduler.addExecutor(name, executor);
	}

	@Override
	public void removeExecutor(String name) {
		this.scheduler.removeExecutor(name);
	}

	@Override
	public void addListener(SchedulerListener listener, Set<EventType> mask) {
		this.scheduler.addListener(listener, mask);
	}

	@Override
	public boolean removeListener(SchedulerListener listener) {
		return this.scheduler.removeListener(listener);
	}

	@Override
	public SchedulerStatus status() {
		return this.scheduler.status();
	}

	@Override
	public List<RunRecord> getRuns(String jobId, int limit) {
		return this.scheduler.getRuns(jobId, limit);
	}

	@Override
	public List<RunRecord> getRecentRuns(int limit) {
		return this.scheduler.getRecentRuns(limit);
	}

	@Override
	public String toString() {
		return "TickScheduler[" + this.scheduler.name() + ", " + this.clock.instant() + "]";
	}

}
