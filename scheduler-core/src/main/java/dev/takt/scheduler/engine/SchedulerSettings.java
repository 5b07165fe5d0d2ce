package dev.takt.scheduler.engine;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import dev.takt.scheduler.HandlerRegistry;
import dev.takt.scheduler.JobDefaults;
import dev.takt.scheduler.event.EventType;
import dev.takt.scheduler.event.SchedulerListener;
import dev.takt.scheduler.executor.DirectJobExecutor;
import dev.takt.scheduler.executor.JobExecutor;
import dev.takt.scheduler.history.RunHistory;
import dev.takt.scheduler.store.JobStore;
import org.jspecify.annotations.Nullable;

/**
 * Everything a scheduler is built from, as collected by {@code Scheduler.builder()}.
 *
 * @param name the instance name
 * @param store the job store
 * @param executors the executors by name; {@code default} is created (a pool of 10) when absent
 * @param handlers resolves handler names
 * @param clock the clock
 * @param timezone the time zone of crontab strings
 * @param jobDefaults options for jobs that do not set them
 * @param runHistory where run outcomes are kept
 * @param listeners listeners registered from the start, with their masks
 * @param maxWait the longest the loop sleeps without looking at the store, or {@code null} to
 * sleep until the next run time or a change made through this scheduler
 * @param storeRetryInterval how long the loop waits before trying a failing store again
 * @param batchSize the most jobs the loop claims in one store call
 * @param claimAhead how far ahead of their time the loop claims jobs from a store that claims
 * ahead ({@link JobStore#claimsAhead()}), holding their runs until their run times
 * @param tickDriven whether the scheduler has no loop thread and processes due jobs only when
 * asked (tests)
 */
public record SchedulerSettings(String name, JobStore store, Map<String, JobExecutor> executors,
		HandlerRegistry handlers, Clock clock, ZoneId timezone, JobDefaults jobDefaults, RunHistory runHistory,
		List<Listener> listeners, @Nullable Duration maxWait, Duration storeRetryInterval, int batchSize,
		Duration claimAhead, boolean tickDriven) {

	/**
	 * Creates settings, checking their values.
	 * @param name the instance name
	 * @param store the job store
	 * @param executors the executors by name
	 * @param handlers the handler registry
	 * @param clock the clock
	 * @param timezone the crontab time zone
	 * @param jobDefaults the job defaults
	 * @param runHistory the run history
	 * @param listeners the initial listeners
	 * @param maxWait the longest sleep, or {@code null}
	 * @param storeRetryInterval the wait after a store failure
	 * @param batchSize the claim batch size
	 * @param claimAhead how far ahead the loop claims, zero to one minute
	 * @param tickDriven whether the scheduler is tick-driven
	 */
	public SchedulerSettings {
		Objects.requireNonNull(name, "name must not be null");
		if (name.isBlank()) {
			throw new IllegalArgumentException("name must not be blank");
		}
		Objects.requireNonNull(store, "store must not be null");
		executors = Map.copyOf(executors);
		Objects.requireNonNull(handlers, "handlers must not be null");
		Objects.requireNonNull(clock, "clock must not be null");
		Objects.requireNonNull(timezone, "timezone must not be null");
		Objects.requireNonNull(jobDefaults, "jobDefaults must not be null");
		Objects.requireNonNull(runHistory, "runHistory must not be null");
		listeners = List.copyOf(listeners);
		if (maxWait != null && (maxWait.isNegative() || maxWait.isZero())) {
			throw new IllegalArgumentException("maxWait must be positive: " + maxWait);
		}
		if (storeRetryInterval.isNegative() || storeRetryInterval.isZero()) {
			throw new IllegalArgumentException("storeRetryInterval must be positive: " + storeRetryInterval);
		}
		if (batchSize < 1) {
			throw new IllegalArgumentException("batchSize must be at least 1: " + batchSize);
		}
		Objects.requireNonNull(claimAhead, "claimAhead must not be null");
		if (claimAhead.isNegative() || claimAhead.compareTo(Duration.ofMinutes(1)) > 0) {
			throw new IllegalArgumentException("claimAhead must be from zero to one minute: " + claimAhead);
		}
	}

	/**
	 * Returns a copy for a tick-driven scheduler: no loop thread, and every executor name (with
	 * {@code default}) mapped to a {@link DirectJobExecutor}, so runs happen on the thread that
	 * ticks.
	 * @return the new settings
	 */
	public SchedulerSettings asTickDriven() {
		Map<String, JobExecutor> direct = new LinkedHashMap<>();
		direct.put(JobDefaults.DEFAULT_EXECUTOR, new DirectJobExecutor());
		for (String executor : this.executors.keySet()) {
			direct.put(executor, new DirectJobExecutor());
		}
		return new SchedulerSettings(this.name, this.store, direct, this.handlers, this.clock, this.timezone,
				this.jobDefaults, this.runHistory, this.listeners, this.maxWait, this.storeRetryInterval,
				this.batchSize, this.claimAhead, true);
	}

	/**
	 * A listener with its mask.
	 *
	 * @param listener the listener
	 * @param mask the event types it receives
	 */
	public record Listener(SchedulerListener listener, Set<EventType> mask) {

		/**
		 * Creates a registration.
		 * @param listener the listener
		 * @param mask the event types
		 */
		public Listener {
			Objects.requireNonNull(listener, "listener must not be null");
			mask = Set.copyOf(mask);
		}

	}

}
