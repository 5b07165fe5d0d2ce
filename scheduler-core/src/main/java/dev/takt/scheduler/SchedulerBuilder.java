package dev.takt.scheduler;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import dev.takt.scheduler.engine.LoopScheduler;
import dev.takt.scheduler.engine.SchedulerSettings;
import dev.takt.scheduler.event.EventType;
import dev.takt.scheduler.event.SchedulerListener;
import dev.takt.scheduler.executor.JobExecutor;
import dev.takt.scheduler.history.MemoryRunHistory;
import dev.takt.scheduler.history.RunHistory;
import dev.takt.scheduler.store.ClusteredJobStore;
import dev.takt.scheduler.store.JobStore;
import dev.takt.scheduler.store.MemoryJobStore;
import org.jspecify.annotations.Nullable;

/**
 * Builds a {@link Scheduler}; every option has a default, as APScheduler's: instance name
 * {@value #DEFAULT_NAME}, a {@link MemoryJobStore}, a {@code default} executor of 10 threads,
 * {@link JobDefaults#standard()}, the UTC system clock, the system time zone for crontab
 * strings, a run history of the last 1000 runs.
 */
public final class SchedulerBuilder {

	/** The name of a scheduler that is not given one. */
	public static final String DEFAULT_NAME = "default";

	/** How long the loop waits before trying a failing store again, as APScheduler's. */
	public static final Duration DEFAULT_STORE_RETRY_INTERVAL = Duration.ofSeconds(10);

	/** The longest the loop sleeps without looking at a store other than the memory store. */
	public static final Duration DEFAULT_MAX_WAIT = Duration.ofSeconds(10);

	/** The longest the loop sleeps without looking at a clustered store, where other nodes add jobs. */
	public static final Duration DEFAULT_CLUSTERED_MAX_WAIT = Duration.ofSeconds(1);

	/** The most jobs the loop claims in one store call. */
	public static final int DEFAULT_BATCH_SIZE = 256;

	/** How far ahead of their time the loop claims jobs from a store that claims ahead. */
	public static final Duration DEFAULT_CLAIM_AHEAD = Duration.ofMillis(100);

	private String name = DEFAULT_NAME;

	private @Nullable JobStore store;

	private final Map<String, JobExecutor> executors = new LinkedHashMap<>();

	private @Nullable HandlerRegistry handlers;

	private final SimpleHandlerRegistry extraHandlers = new SimpleHandlerRegistry();

	private Clock clock = Clock.systemUTC();

	private ZoneId timezone = ZoneId.systemDefault();

	private JobDefaults jobDefaults = JobDefaults.standard();

	private @Nullable RunHistory runHistory;

	private final List<SchedulerSettings.Listener> listeners = new ArrayList<>();

	private @Nullable Duration maxWait;

	private boolean maxWaitSet;

	private Duration storeRetryInterval = DEFAULT_STORE_RETRY_INTERVAL;

	private int batchSize = DEFAULT_BATCH_SIZE;

	private Duration claimAhead = DEFAULT_CLAIM_AHEAD;

	SchedulerBuilder() {
	}

	/**
	 * Sets the instance name, used in thread names, events and {@link SchedulerManager}.
	 * @param name the name
	 * @return this builder
	 */
	public SchedulerBuilder name(String name) {
		Job.requireText("name", name);
		this.name = name;
		return this;
	}

	/**
	 * Sets the job store.
	 * @param store the store
	 * @return this builder
	 */
	public SchedulerBuilder jobStore(JobStore store) {
		this.store = Objects.requireNonNull(store, "store must not be null");
		return this;
	}

	/**
	 * Adds a named executor; naming one {@code default} replaces the default pool. The scheduler
	 * owns it and shuts it down with itself.
	 * @param name the executor name
	 * @param executor the executor
	 * @return this builder
	 */
	public SchedulerBuilder executor(String name, JobExecutor executor) {
		Job.requireText("executor", name);
		this.executors.put(name, Objects.requireNonNull(executor, "executor must not be null"));
		return this;
	}

	/**
	 * Sets the clock the scheduler reads the time from.
	 * @param clock the clock
	 * @return this builder
	 */
	public SchedulerBuilder clock(Clock clock) {
		this.clock = Objects.requireNonNull(clock, "clock must not be null");
		return this;
	}

	/**
	 * Sets the time zone of crontab strings given to the one-call {@code addCronJob} forms.
	 * @param timezone the time zone
	 * @return this builder
	 */
	public SchedulerBuilder timezone(ZoneId timezone) {
		this.timezone = Objects.requireNonNull(timezone, "timezone must not be null");
		return this;
	}

	/**
	 * Sets the options jobs get when they do not set them.
	 * @param jobDefaults the defaults
	 * @return this builder
	 */
	public SchedulerBuilder jobDefaults(JobDefaults jobDefaults) {
		this.jobDefaults = Objects.requireNonNull(jobDefaults, "jobDefaults must not be null");
		return this;
	}

	/**
	 * Sets the registry handler names are resolved with; handlers added with
	 * {@link #handler(String, JobHandler)} are looked up first.
	 * @param handlers the registry
	 * @return this builder
	 */
	public SchedulerBuilder handlers(HandlerRegistry handlers) {
		this.handlers = Objects.requireNonNull(handlers, "handlers must not be null");
		return this;
	}

	/**
	 * Registers a handler under a name.
	 * @param name the handler name
	 * @param handler the handler
	 * @return this builder
	 */
	public SchedulerBuilder handler(String name, JobHandler handler) {
		this.extraHandlers.register(name, handler);
		return this;
	}

	/**
	 * Sets where run outcomes are kept.
	 * @param runHistory the history
	 * @return this builder
	 */
	public SchedulerBuilder runHistory(RunHistory runHistory) {
		this.runHistory = Objects.requireNonNull(runHistory, "runHistory must not be null");
		return this;
	}

	/**
	 * Adds a listener for every event, registered before the scheduler starts.
	 * @param listener the listener
	 * @return this builder
	 */
	public SchedulerBuilder listener(SchedulerListener listener) {
		return listener(listener, EventType.all());
	}

	/**
	 * Adds a listener for the events of the given types, registered before the scheduler starts.
	 * @param listener the listener
	 * @param mask the event types
	 * @return this builder
	 */
	public SchedulerBuilder listener(SchedulerListener listener, Set<EventType> mask) {
		this.listeners.add(new SchedulerSettings.Listener(listener, mask));
		return this;
	}

	/**
	 * Sets the longest the loop sleeps without looking at the store. Changes made through this
	 * scheduler wake it at once; this bounds how late it notices jobs added to a shared store by
	 * others. By default none for the memory store, {@link #DEFAULT_CLUSTERED_MAX_WAIT} for a
	 * clustered store and {@link #DEFAULT_MAX_WAIT} for any other.
	 * @param maxWait the longest sleep, positive, or {@code null} for none
	 * @return this builder
	 */
	public SchedulerBuilder maxWait(@Nullable Duration maxWait) {
		this.maxWait = maxWait;
		this.maxWaitSet = true;
		return this;
	}

	/**
	 * Sets how long the loop waits before trying a failing store again.
	 * @param storeRetryInterval the wait, positive
	 * @return this builder
	 */
	public SchedulerBuilder storeRetryInterval(Duration storeRetryInterval) {
		this.storeRetryInterval = Objects.requireNonNull(storeRetryInterval, "storeRetryInterval must not be null");
		return this;
	}

	/**
	 * Sets the most jobs the loop claims in one store call.
	 * @param batchSize the batch size, at least 1
	 * @return this builder
	 */
	public SchedulerBuilder batchSize(int batchSize) {
		this.batchSize = batchSize;
		return this;
	}

	/**
	 * Sets how far ahead of their time the loop claims jobs from a store that can
	 * ({@link JobStore#claimsAhead()}, the SQL store): it holds their runs and starts each at its
	 * run time, so that runs are not late by the time a claim takes in the database. A job changed
	 * or removed within this time before a fire still has that fire run, and a node that dies holds
	 * its claims of this time until their lease expires, as it does its running runs.
	 * {@link #DEFAULT_CLAIM_AHEAD} by default; zero claims due jobs only.
	 * @param claimAhead how far ahead, zero to one minute
	 * @return this builder
	 */
	public SchedulerBuilder claimAhead(Duration claimAhead) {
		this.claimAhead = Objects.requireNonNull(claimAhead, "claimAhead must not be null");
		return this;
	}

	/**
	 * Returns the settings collected so far, with the defaults filled in.
	 * @return the settings
	 */
	public SchedulerSettings settings() {
		JobStore resolvedStore = (this.store != null) ? this.store : new MemoryJobStore();
		Duration resolvedMaxWait = this.maxWaitSet ? this.maxWait
				: (resolvedStore instanceof MemoryJobStore) ? null
				: (resolvedStore instanceof ClusteredJobStore) ? DEFAULT_CLUSTERED_MAX_WAIT : DEFAULT_MAX_WAIT;
		RunHistory resolvedHistory = (this.runHistory != null) ? this.runHistory
				: MemoryRunHistory.ofCapacity(MemoryRunHistory.DEFAULT_CAPACITY);
		return new SchedulerSettings(this.name, resolvedStore, this.executors, resolvedHandlers(), this.clock,
				this.timezone, this.jobDefaults, resolvedHistory, this.listeners, resolvedMaxWait,
				this.storeRetryInterval, this.batchSize, this.claimAhead, false);
	}

	/**
	 * Builds the scheduler; it is not started.
	 * @return the scheduler
	 */
	public Scheduler build() {
		return new LoopScheduler(settings());
	}

	private HandlerRegistry resolvedHandlers() {
		HandlerRegistry base = this.handlers;
		if (base == null) {
			return this.extraHandlers;
		}
		if (this.extraHandlers.names().isEmpty()) {
			return base;
		}
		SimpleHandlerRegistry extra = this.extraHandlers;
		return new HandlerRegistry() {

			@Override
			public Optional<JobHandler> find(String name) {
				Optional<JobHandler> found = extra.find(name);
				return found.isPresent() ? found : base.find(name);
			}

			@Override
			public Set<String> names() {
				Set<String> names = new TreeSet<>(base.names());
				names.addAll(extra.names());
				return names;
			}

		};
	}

}
