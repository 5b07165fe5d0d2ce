package dev.takt.scheduler.engine;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.UnaryOperator;

import dev.takt.scheduler.ConflictingJobIdException;
import dev.takt.scheduler.HandlerRegistry;
import dev.takt.scheduler.InvalidJobException;
import dev.takt.scheduler.Job;
import dev.takt.scheduler.JobDefaults;
import dev.takt.scheduler.JobNotFoundException;
import dev.takt.scheduler.JobResult;
import dev.takt.scheduler.JobSpec;
import dev.takt.scheduler.RunInProgress;
import dev.takt.scheduler.Scheduler;
import dev.takt.scheduler.SchedulerAlreadyRunningException;
import dev.takt.scheduler.SchedulerException;
import dev.takt.scheduler.SchedulerNotRunningException;
import dev.takt.scheduler.SchedulerState;
import dev.takt.scheduler.SchedulerStatus;
import dev.takt.scheduler.UnknownHandlerException;
import dev.takt.scheduler.event.AllJobsRemoved;
import dev.takt.scheduler.event.EventType;
import dev.takt.scheduler.event.ExecutorAdded;
import dev.takt.scheduler.event.ExecutorRemoved;
import dev.takt.scheduler.event.JobAdded;
import dev.takt.scheduler.event.JobError;
import dev.takt.scheduler.event.JobMaxInstances;
import dev.takt.scheduler.event.JobMissed;
import dev.takt.scheduler.event.JobModified;
import dev.takt.scheduler.event.JobRemoved;
import dev.takt.scheduler.event.JobStoreAdded;
import dev.takt.scheduler.event.JobStoreRemoved;
import dev.takt.scheduler.event.JobSubmitted;
import dev.takt.scheduler.event.SchedulerListener;
import dev.takt.scheduler.event.SchedulerPaused;
import dev.takt.scheduler.event.SchedulerResumed;
import dev.takt.scheduler.event.SchedulerShutdown;
import dev.takt.scheduler.event.SchedulerStarted;
import dev.takt.scheduler.executor.ExecutorStatus;
import dev.takt.scheduler.executor.JobExecutor;
import dev.takt.scheduler.executor.ThreadPoolJobExecutor;
import dev.takt.scheduler.history.RunHistory;
import dev.takt.scheduler.history.RunRecord;
import dev.takt.scheduler.store.Claim;
import dev.takt.scheduler.store.ClusteredJobStore;
import dev.takt.scheduler.store.FirePlan;
import dev.takt.scheduler.store.FirePlanner;
import dev.takt.scheduler.store.JobCounts;
import dev.takt.scheduler.store.JobStore;
import dev.takt.scheduler.store.Run;
import dev.takt.scheduler.trigger.Trigger;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link Scheduler} implementation: one loop thread that sleeps until the store's earliest
 * next run time, or until a change made through this scheduler makes an earlier one (no polling of
 * the memory store; stores shared with others are looked at every {@code maxWait}), claims due
 * work in batches ({@link JobStore#acquireDue} with the {@link DuePlanner}), reports missed and
 * blocked run times, and hands runs to their executors. Runs report back through
 * {@link RunExecution}; no lock is held while user code runs.
 * <p>
 * The loop claims no more than its executors can start soon. While every executor is bounded
 * ({@link JobExecutor#maxConcurrency()}), the runs handed to them and not yet returned stay under
 * a capacity of {@value #RUNS_PER_THREAD} runs per thread, raised as far as the executors would run
 * dry during one pass of the loop (a store call and the hand-over of its claims) when their tasks
 * are quicker than that, up to two batches; once they hold it, the loop waits for a quarter of it
 * to return before it claims again. Due jobs wait in the store meanwhile, so the nodes of a
 * cluster share them and a node that dies holds few claimed runs that have not started, while
 * quick jobs still go through in large claims.
 * <p>
 * On a store that claims ahead ({@link JobStore#claimsAhead()}, a database), the loop also claims
 * the jobs due within {@link SchedulerSettings#claimAhead()} and holds their runs until their run
 * times on a thread of their own ({@link HeldRuns}), so that the store's round trip does not make
 * them late; it sleeps until that much before the next run time, and claims again no sooner
 * than a quarter of the window after its last claim that was not full, so that one claim takes
 * the jobs of a quarter of the window. A held run whose time comes
 * while the scheduler is paused goes back to the store; at shutdown, held runs start if their
 * time comes within the wait and go back to the store otherwise.
 * <p>
 * Built by {@code Scheduler.builder()}; a tick-driven one (no loop thread, see
 * {@link SchedulerSettings#asTickDriven()}) processes due work only in {@link #runDue()}.
 */
public final class LoopScheduler implements Scheduler {

	private static final Logger logger = LoggerFactory.getLogger(LoopScheduler.class);

	private static final String STORE_ALIAS = "default";

	/** How many runs per executor thread the loop may keep handed on and not returned, at least. */
	static final int RUNS_PER_THREAD = 2;

	/** The longest the loop waits for room in its executors without looking again. */
	private static final Duration CAPACITY_WAIT = Duration.ofSeconds(1);

	private final SchedulerSettings settings;

	private final String name;

	private final JobStore store;

	private final Clock clock;

	private final EventBus events = new EventBus();

	private final Map<String, JobExecutor> executors = new ConcurrentHashMap<>();

	private final DuePlanner planner;

	/**
	 * Jobs left in the store because their handler is not registered, by id: reported once, shown
	 * by {@link #status()} while the planner keeps skipping them.
	 */
	private final Map<String, MissingHandler> missingHandlers = new ConcurrentHashMap<>();

	private final Set<RunExecution> inFlight = ConcurrentHashMap.newKeySet();

	/** Runs handed to an executor whose task has not returned yet (waiting, or running on a thread). */
	private final AtomicInteger handedOn = new AtomicInteger();

	/** Tasks returned from the executors, ever, and the nanoseconds they took in all. */
	private final AtomicLong returned = new AtomicLong();

	private final AtomicLong returnedNanos = new AtomicLong();

	/** The most runs the loop keeps handed on, as it last worked it out. */
	private volatile long capacity = Long.MAX_VALUE;

	/** Whether the loop waits for room in its executors, to be woken when a task returns. */
	private volatile boolean awaitingCapacity;

	/** How long a task takes, and a pass of the loop, on average lately (loop thread only; 0 for unknown). */
	private double taskNanos;

	private double passNanos;

	private long taskNanosCount;

	private long taskNanosSum;

	private final Object lifecycle = new Object();

	private volatile SchedulerState state = SchedulerState.STOPPED;

	private volatile @Nullable Instant startedAt;

	private volatile @Nullable Thread loopThread;

	private volatile boolean wakeRequested;

	/** The time the loop sleeps until; {@code null} while it is awake (it looks at the store again before sleeping). */
	private volatile @Nullable Instant sleepingUntil;

	private volatile @Nullable String storeFailure;

	private volatile @Nullable ScheduledThreadPoolExecutor timer;

	/** Runs claimed ahead of their time, or {@code null} when the loop claims due jobs only. */
	private final @Nullable HeldRuns held;

	/** How far ahead of their time the loop claims jobs; zero when it does not. */
	private final Duration claimAhead;

	/** Whether runs held when the scheduler shuts down still start at their time (it was running, not paused). */
	private volatile boolean startHeldOnShutdown;

	/**
	 * Creates a scheduler from its settings; it is not started.
	 * @param settings the settings
	 */
	public LoopScheduler(SchedulerSettings settings) {
		this.settings = Objects.requireNonNull(settings, "settings must not be null");
		this.name = settings.name();
		this.store = settings.store();
		this.clock = settings.clock();
		this.planner = new DuePlanner(settings.handlers());
		this.executors.putAll(settings.executors());
		this.executors.computeIfAbsent(JobDefaults.DEFAULT_EXECUTOR,
				(key) -> ThreadPoolJobExecutor.ofSize(ThreadPoolJobExecutor.DEFAULT_SIZE, "takt-" + this.name + "-"));
		for (SchedulerSettings.Listener listener : settings.listeners()) {
			this.events.add(listener.listener(), listener.mask());
		}
		checkExecutor(settings.jobDefaults().executor());
		boolean ahead = !settings.tickDriven() && this.store.claimsAhead() && !settings.claimAhead().isZero();
		this.claimAhead = ahead ? settings.claimAhead() : Duration.ZERO;
		this.held = ahead ? new HeldRuns("takt-" + this.name + "-hold", this::heldRunDue) : null;
	}

	// --- identity ---

	@Override
	public String name() {
		return this.name;
	}

	@Override
	public SchedulerState state() {
		return this.state;
	}

	@Override
	public Clock clock() {
		return this.clock;
	}

	@Override
	public ZoneId timezone() {
		return this.settings.timezone();
	}

	@Override
	public HandlerRegistry handlers() {
		return this.settings.handlers();
	}

	@Override
	public JobDefaults jobDefaults() {
		return this.settings.jobDefaults();
	}

	/**
	 * Returns the settings the scheduler was built from.
	 * @return the settings
	 */
	public SchedulerSettings settings() {
		return this.settings;
	}

	// --- lifecycle ---

	@Override
	public void start(boolean paused) {
		synchronized (this.lifecycle) {
			if (this.state != SchedulerState.STOPPED) {
				throw new SchedulerAlreadyRunningException(this.name,
						(this.state == SchedulerState.SHUT_DOWN) ? "it was shut down" : "it is already running");
			}
			this.startedAt = this.clock.instant();
			for (String executor : this.executors.keySet()) {
				this.events.publish(new ExecutorAdded(this.name, executor));
			}
			this.events.publish(new JobStoreAdded(this.name, STORE_ALIAS));
			this.state = paused ? SchedulerState.PAUSED : SchedulerState.RUNNING;
			if (!this.settings.tickDriven()) {
				Thread thread = new Thread(this::loop, "takt-" + this.name + "-loop");
				this.loopThread = thread;
				thread.start();
				if (this.store instanceof ClusteredJobStore clustered) {
					long period = Math.max(1, clustered.leaseTime().toMillis() / 3);
					timer().scheduleWithFixedDelay(this::maintainLeases, period, period, TimeUnit.MILLISECONDS);
				}
			}
			logger.info("Scheduler '{}' started{}", this.name, paused ? " (paused)" : "");
		}
		this.events.publish(new SchedulerStarted(this.name));
	}

	@Override
	public boolean shutdown(@Nullable Duration maxWait) {
		Thread loop;
		synchronized (this.lifecycle) {
			if (this.state != SchedulerState.RUNNING && this.state != SchedulerState.PAUSED) {
				throw new SchedulerNotRunningException(this.name);
			}
			this.startHeldOnShutdown = this.state == SchedulerState.RUNNING;
			this.state = SchedulerState.SHUT_DOWN;
			loop = this.loopThread;
		}
		if (loop != null) {
			LockSupport.unpark(loop);
			if (loop != Thread.currentThread()) {
				joinUninterruptibly(loop);
			}
		}
		long deadline = (maxWait != null) ? System.nanoTime() + maxWait.toNanos() : Long.MAX_VALUE;
		if (this.held != null) {
			// runs claimed ahead start at their time if it comes before the wait is over, as claimed runs
			// do; the others go back to the store, due for whichever node runs next
			giveBack(this.held.stopAfter(this.startHeldOnShutdown ? deadline : System.nanoTime()));
		}
		for (JobExecutor executor : this.executors.values()) {
			executor.shutdown();
		}
		boolean finished = awaitRuns(deadline);
		if (!finished) {
			List<Run> dropped = new ArrayList<>();
			for (JobExecutor executor : this.executors.values()) {
				for (Runnable task : executor.shutdownNow()) {
					if (task instanceof RunExecution execution && this.inFlight.remove(execution)) {
						dropped.add(execution.claimedRun());
					}
				}
			}
			giveBack(dropped);
		}
		ScheduledThreadPoolExecutor timerNow = this.timer;
		if (timerNow != null) {
			// a heartbeat in progress may be writing the completions of runs that just ended (a store
			// that groups them lets any caller write them): let it finish within the wait
			timerNow.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
			timerNow.shutdown();
			awaitUninterruptibly(timerNow, deadline);
			timerNow.shutdownNow();
		}
		for (String executor : this.executors.keySet()) {
			this.events.publish(new ExecutorRemoved(this.name, executor));
		}
		this.events.publish(new JobStoreRemoved(this.name, STORE_ALIAS));
		logger.info("Scheduler '{}' has been shut down", this.name);
		this.events.publish(new SchedulerShutdown(this.name));
		return finished;
	}

	@Override
	public void pause() {
		synchronized (this.lifecycle) {
			if (this.state != SchedulerState.RUNNING && this.state != SchedulerState.PAUSED) {
				throw new SchedulerNotRunningException(this.name);
			}
			if (this.state == SchedulerState.PAUSED) {
				return;
			}
			this.state = SchedulerState.PAUSED;
		}
		logger.info("Paused scheduler '{}'", this.name);
		this.events.publish(new SchedulerPaused(this.name));
	}

	@Override
	public void resume() {
		synchronized (this.lifecycle) {
			if (this.state != SchedulerState.RUNNING && this.state != SchedulerState.PAUSED) {
				throw new SchedulerNotRunningException(this.name);
			}
			if (this.state == SchedulerState.RUNNING) {
				return;
			}
			this.state = SchedulerState.RUNNING;
		}
		logger.info("Resumed scheduler '{}'", this.name);
		this.events.publish(new SchedulerResumed(this.name));
		wakeUp();
	}

	// --- jobs ---

	@Override
	public Job addJob(JobSpec spec, boolean replaceExisting) {
		Objects.requireNonNull(spec, "spec must not be null");
		Job job = spec.toJob(this.settings.jobDefaults(), this.clock.instant());
		validate(job);
		if (replaceExisting) {
			try {
				this.store.add(job);
			}
			catch (ConflictingJobIdException ex) {
				this.store.update(job.id(), (stored) -> job);
			}
		}
		else {
			this.store.add(job);
		}
		this.missingHandlers.remove(job.id());
		logger.debug("Added job {}", job);
		this.events.publish(new JobAdded(this.name, job));
		wakeIfEarlier(job.nextRunTime());
		return job;
	}

	@Override
	public Job modifyJob(String jobId, UnaryOperator<Job> change) {
		Objects.requireNonNull(change, "change must not be null");
		Job modified = this.store.update(jobId, (stored) -> {
			Job changed = Objects.requireNonNull(change.apply(stored), "change must return a job");
			if (!changed.id().equals(stored.id())) {
				throw new InvalidJobException("id", changed.id(), "the id of job '" + stored.id() + "' cannot change");
			}
			// check only what changes: a job whose handler went away can still be modified
			if (!changed.handler().equals(stored.handler()) || changed.inlineHandler() != stored.inlineHandler()) {
				checkHandler(changed);
			}
			if (!changed.executor().equals(stored.executor())) {
				checkExecutor(changed.executor());
			}
			return changed;
		});
		return modified(modified);
	}

	@Override
	public Job rescheduleJob(String jobId, Trigger trigger) {
		Objects.requireNonNull(trigger, "trigger must not be null");
		Instant now = this.clock.instant();
		Instant next = trigger.nextFireTime(null, now).orElse(null);
		return modified(this.store.update(jobId, (stored) -> stored.withTrigger(trigger).withNextRunTime(next)));
	}

	@Override
	public Job pauseJob(String jobId) {
		return modified(this.store.update(jobId, (stored) -> stored.withNextRunTime(null)));
	}

	@Override
	public Optional<Job> resumeJob(String jobId) {
		Instant now = this.clock.instant();
		Job resumed = this.store.update(jobId,
				(stored) -> stored.withNextRunTime(stored.trigger().nextFireTime(null, now).orElse(null)));
		if (resumed.nextRunTime() == null) {
			removeJob(jobId);
			return Optional.empty();
		}
		return Optional.of(modified(resumed));
	}

	@Override
	public void removeJob(String jobId) {
		this.store.remove(jobId);
		this.missingHandlers.remove(jobId);
		logger.debug("Removed job '{}'", jobId);
		this.events.publish(new JobRemoved(this.name, jobId));
	}

	@Override
	public void removeAllJobs() {
		this.store.removeAll();
		this.missingHandlers.clear();
		this.events.publish(new AllJobsRemoved(this.name));
	}

	@Override
	public Optional<Job> getJob(String jobId) {
		return this.store.get(jobId);
	}

	@Override
	public List<Job> getJobs() {
		return this.store.list();
	}

	@Override
	public boolean runNow(String jobId) {
		SchedulerState current = this.state;
		if (current != SchedulerState.RUNNING && current != SchedulerState.PAUSED) {
			throw new SchedulerNotRunningException(this.name);
		}
		checkHandler(this.store.get(jobId).orElseThrow(() -> new JobNotFoundException(jobId)));
		Claim claim = this.store.acquire(jobId, this.clock.instant(), RUN_NOW);
		handle(claim);
		return claim.run() != null;
	}

	/** Plans one extra run now, leaving the schedule as it is. */
	private static final FirePlanner RUN_NOW = (job, running, now) -> (running >= job.maxInstances())
			? new FirePlan(List.of(), List.of(), List.of(now), job.nextRunTime(), false)
			: new FirePlan(List.of(now), List.of(), List.of(), job.nextRunTime(), false);

	// --- executors and listeners ---

	@Override
	public void addExecutor(String executorName, JobExecutor executor) {
		Objects.requireNonNull(executor, "executor must not be null");
		if (this.executors.putIfAbsent(executorName, executor) != null) {
			throw new InvalidJobException("executor", executorName, "an executor with this name exists");
		}
		this.events.publish(new ExecutorAdded(this.name, executorName));
	}

	@Override
	public void removeExecutor(String executorName) {
		if (JobDefaults.DEFAULT_EXECUTOR.equals(executorName)) {
			throw new InvalidJobException("executor", executorName, "the default executor cannot be removed");
		}
		JobExecutor removed = this.executors.remove(executorName);
		if (removed == null) {
			throw new InvalidJobException("executor", executorName, "no executor has this name");
		}
		removed.shutdown();
		this.events.publish(new ExecutorRemoved(this.name, executorName));
	}

	@Override
	public void addListener(SchedulerListener listener, Set<EventType> mask) {
		this.events.add(Objects.requireNonNull(listener, "listener must not be null"), mask);
	}

	@Override
	public boolean removeListener(SchedulerListener listener) {
		return this.events.remove(listener);
	}

	// --- status and history ---

	@Override
	public SchedulerStatus status() {
		SchedulerState current = this.state;
		Instant now = this.clock.instant();
		Instant started = this.startedAt;
		boolean running = current == SchedulerState.RUNNING || current == SchedulerState.PAUSED;
		Duration uptime = (running && started != null) ? Duration.between(started, now) : Duration.ZERO;
		JobCounts counts = new JobCounts(0, 0, 0, 0);
		Instant next = null;
		String failure = this.storeFailure;
		try {
			counts = this.store.counts();
			next = this.store.nextRunTime().orElse(null);
		}
		catch (RuntimeException ex) {
			failure = String.valueOf(ex.getMessage());
		}
		Instant oldest = null;
		for (RunExecution execution : this.inFlight) {
			Instant start = execution.startedAt();
			if (start != null && (oldest == null || start.isBefore(oldest))) {
				oldest = start;
			}
		}
		Thread loop = this.loopThread;
		boolean loopAlive = running && (this.settings.tickDriven() || (loop != null && loop.isAlive()));
		// a job the planner no longer skips (removed or fixed elsewhere) is not seen again: forget it
		Instant forgotten = now.minus(DuePlanner.MISSING_HANDLER_RECHECK.multipliedBy(3));
		this.missingHandlers.values().removeIf((missing) -> missing.lastSeen().isBefore(forgotten));
		Map<String, String> missing = new TreeMap<>();
		this.missingHandlers.forEach((jobId, entry) -> missing.put(jobId, entry.handler()));
		return new SchedulerStatus(this.name, current, started, uptime, counts.scheduled(), counts.paused(),
				this.inFlight.size(), counts.pendingRetries(), next, oldest, loopAlive, failure, missing);
	}

	@Override
	public List<RunInProgress> getRunningRuns() {
		List<RunInProgress> runs = new ArrayList<>(this.inFlight.size());
		for (RunExecution execution : this.inFlight) {
			RunInProgress run = execution.inProgress();
			if (run != null) {
				runs.add(run);
			}
		}
		runs.sort(Comparator.comparing(RunInProgress::startedAt));
		return runs;
	}

	@Override
	public List<ExecutorStatus> executorStatus() {
		List<ExecutorStatus> statuses = new ArrayList<>(this.executors.size());
		this.executors.forEach((executorName, executor) -> statuses.add(ExecutorStatus.of(executorName, executor)));
		statuses.sort(Comparator.comparing(ExecutorStatus::name));
		return statuses;
	}

	@Override
	public String storeKind() {
		return this.store.getClass().getSimpleName();
	}

	@Override
	public List<RunRecord> getRuns(String jobId, int limit) {
		return this.settings.runHistory().runs(jobId, limit);
	}

	@Override
	public List<RunRecord> getRecentRuns(int limit) {
		return this.settings.runHistory().recent(limit);
	}

	// --- the loop ---

	/**
	 * Processes all due work now, on the calling thread: claims due jobs and retries until none
	 * is left and hands their runs to the executors (direct ones in a tick-driven scheduler, so
	 * the runs are over when this returns). Only for a tick-driven scheduler that is running.
	 * @return the number of runs started
	 */
	public int runDue() {
		if (!this.settings.tickDriven()) {
			throw new IllegalStateException(
					"Scheduler '" + this.name + "' has its own loop; runDue is for tick-driven schedulers");
		}
		if (this.state == SchedulerState.STOPPED || this.state == SchedulerState.SHUT_DOWN) {
			throw new SchedulerNotRunningException(this.name);
		}
		int started = 0;
		while (this.state == SchedulerState.RUNNING) {
			List<Claim> claims = this.store.acquireDue(this.clock.instant(), this.settings.batchSize(), this.planner);
			reportPlanFailures();
			if (claims.isEmpty()) {
				break;
			}
			for (Claim claim : claims) {
				if (handle(claim)) {
					started++;
				}
			}
		}
		return started;
	}

	private void loop() {
		logger.debug("Loop of scheduler '{}' started", this.name);
		while (true) {
			SchedulerState current = this.state;
			if (current == SchedulerState.SHUT_DOWN) {
				break;
			}
			this.wakeRequested = false;
			if (current == SchedulerState.PAUSED) {
				sleep(null);
				continue;
			}
			Instant next;
			Instant passStart = this.clock.instant();
			try {
				int limit = claimLimit();
				if (limit == 0) {
					awaitCapacity();
					continue;
				}
				int claimed = processDue(limit);
				if (claimed >= limit) {
					continue;
				}
				next = this.store.nextRunTime().orElse(null);
				this.storeFailure = null;
			}
			catch (Throwable ex) {
				this.storeFailure = String.valueOf(ex.getMessage());
				logger.error("Scheduler '{}' could not process due jobs; trying again in {}", this.name,
						this.settings.storeRetryInterval(), ex);
				sleep(this.clock.instant().plus(this.settings.storeRetryInterval()));
				continue;
			}
			if (next != null && !this.claimAhead.isZero()) {
				// the claim took every job due within the window; those coming into it meanwhile wait
				// for the next claim, a quarter of the window later at the earliest, so that one claim
				// takes many (and a job held by another node, or a retry, which is not claimed ahead,
				// does not keep the loop claiming)
				next = next.minus(this.claimAhead);
				Instant earliest = passStart.plus(this.claimAhead.dividedBy(4));
				if (next.isBefore(earliest)) {
					next = earliest;
				}
			}
			Duration maxWait = this.settings.maxWait();
			if (maxWait != null) {
				Instant latest = this.clock.instant().plus(maxWait);
				if (next == null || next.isAfter(latest)) {
					next = latest;
				}
			}
			sleep(next);
		}
		logger.debug("Loop of scheduler '{}' ended", this.name);
	}

	/** One pass: claims up to {@code limit} due jobs and retries and hands them on; returns the number of claims. */
	private int processDue(int limit) {
		long started = System.nanoTime();
		List<Claim> claims = this.claimAhead.isZero() ? this.store.acquireDue(this.clock.instant(), limit, this.planner)
				: this.store.acquireDue(this.clock.instant(), this.claimAhead, limit, this.planner);
		reportPlanFailures();
		for (Claim claim : claims) {
			try {
				handle(claim);
			}
			catch (RuntimeException ex) {
				logger.error("Could not hand on a run of job '{}'", claim.job().id(), ex);
			}
		}
		if (!claims.isEmpty()) {
			this.passNanos = average(this.passNanos, System.nanoTime() - started);
		}
		return claims.size();
	}

	/**
	 * Returns how many claims the loop makes now: its batch size, or, when its executors are all
	 * bounded, the room they have left under their capacity, or 0 while that room is under a
	 * quarter of the capacity (so that a claim is worth its store call) and they still hold runs.
	 * The capacity is {@link #RUNS_PER_THREAD} runs a thread, times the number of tasks a thread gets
	 * through during a pass of the loop when that is more, up to two batches. Called by the loop
	 * thread only.
	 */
	private int claimLimit() {
		int batch = this.settings.batchSize();
		long threads = 0;
		for (JobExecutor executor : this.executors.values()) {
			int max = executor.maxConcurrency();
			if (max == Integer.MAX_VALUE) {
				this.capacity = Long.MAX_VALUE;
				return batch;
			}
			threads += Math.max(1, max);
		}
		long least = RUNS_PER_THREAD * threads;
		double task = taskNanos();
		double perPass = (task > 0) ? this.passNanos / task : 1;
		long current = (long) Math.max(least, Math.min(least * perPass, 2.0 * batch));
		this.capacity = current;
		return (int) Math.min(batch, room(current, this.handedOn.get()));
	}

	/** The room to claim in under a capacity, or 0 while the room is too small to be worth a claim. */
	private static long room(long capacity, int held) {
		long room = capacity - held;
		return (room <= 0 || (held > 0 && room < Math.max(1, capacity / 4))) ? 0 : room;
	}

	/** Returns how long the executors' tasks take on average lately, in nanoseconds, or 0 before any returned. */
	private double taskNanos() {
		long count = this.returned.get();
		long sum = this.returnedNanos.get();
		if (count > this.taskNanosCount) {
			double lately = (double) (sum - this.taskNanosSum) / (count - this.taskNanosCount);
			this.taskNanos = average(this.taskNanos, lately);
			this.taskNanosCount = count;
			this.taskNanosSum = sum;
		}
		return this.taskNanos;
	}

	/** A moving average that follows a change within a few samples; the first sample starts it. */
	private static double average(double average, double sample) {
		return (average == 0) ? sample : 0.75 * average + 0.25 * sample;
	}

	/** Waits until a returning task makes room in the executors (or a change wakes the loop). */
	private void awaitCapacity() {
		this.awaitingCapacity = true;
		try {
			// a task that returned before the flag was up did not wake the loop: look again first
			if (claimLimit() == 0) {
				sleep(this.clock.instant().plus(CAPACITY_WAIT));
			}
		}
		finally {
			this.awaitingCapacity = false;
		}
	}

	/** Sleeps until the given time, a wake-up, or indefinitely for {@code null}. */
	private void sleep(@Nullable Instant until) {
		if (until == null) {
			this.sleepingUntil = Instant.MAX;
		}
		else {
			this.sleepingUntil = until;
		}
		try {
			if (this.wakeRequested || this.state == SchedulerState.SHUT_DOWN) {
				return;
			}
			if (until == null) {
				LockSupport.park(this);
			}
			else {
				long nanos = Duration.between(this.clock.instant(), until).toNanos();
				if (nanos > 0) {
					LockSupport.parkNanos(this, nanos);
				}
			}
		}
		catch (ArithmeticException ex) {
			LockSupport.park(this);
		}
		finally {
			this.sleepingUntil = null;
			// the loop stops by state, not by interrupts: a stray interrupt would turn parking into spinning
			Thread.interrupted();
		}
	}

	/** Wakes the loop at once. */
	void wakeUp() {
		this.wakeRequested = true;
		Thread loop = this.loopThread;
		if (loop != null) {
			LockSupport.unpark(loop);
		}
	}

	/** Wakes the loop when {@code time}, less the claim window, is earlier than the time it sleeps until. */
	void wakeIfEarlier(@Nullable Instant time) {
		if (time == null || this.state != SchedulerState.RUNNING) {
			return;
		}
		Instant until = this.sleepingUntil;
		if (until == null) {
			this.wakeRequested = true;
			until = this.sleepingUntil;
			if (until == null) {
				return;
			}
		}
		// a job is claimed that much before its time
		if (time.minus(this.claimAhead).isBefore(until)) {
			wakeUp();
		}
	}

	/** Reports a claim's skipped run times and hands its run on; returns whether a run started. */
	private boolean handle(Claim claim) {
		Job job = claim.job();
		if (!this.missingHandlers.isEmpty() && (claim.jobRemoved() || hasHandler(job))) {
			this.missingHandlers.remove(job.id());
		}
		for (Instant missed : claim.missedRunTimes()) {
			RunLog.missed(this.name, job.id(), missed, Duration.between(missed, this.clock.instant()));
			if (this.events.wants(EventType.JOB_MISSED)) {
				this.events.publish(new JobMissed(this.name, job.id(), missed));
			}
		}
		if (!claim.blockedRunTimes().isEmpty()) {
			RunLog.maxInstances(this.name, job.id(), claim.blockedRunTimes(), job.maxInstances());
			if (this.events.wants(EventType.JOB_MAX_INSTANCES)) {
				this.events.publish(new JobMaxInstances(this.name, job.id(), claim.blockedRunTimes()));
			}
		}
		Run run = claim.run();
		if (run != null) {
			long early = (this.held != null) ? Duration.between(this.clock.instant(), run.runTime()).toNanos() : 0;
			if (early <= 0 || !this.held.hold(run, early)) {
				dispatch(run, false);
			}
		}
		if (claim.jobRemoved()) {
			logger.debug("Removed job '{}': its trigger has no more fire times", job.id());
			this.events.publish(new JobRemoved(this.name, job.id()));
		}
		return run != null;
	}

	/**
	 * A run claimed ahead comes due: it starts while the scheduler runs (or shuts down from
	 * running, within its wait); a paused scheduler gives it back to the store, where it is due
	 * again, to run once the scheduler is resumed.
	 */
	private void heldRunDue(Run run) {
		try {
			SchedulerState current = this.state;
			if (current == SchedulerState.RUNNING || (current == SchedulerState.SHUT_DOWN && this.startHeldOnShutdown)) {
				dispatch(run, false);
			}
			else {
				giveBack(List.of(run));
			}
		}
		catch (RuntimeException ex) {
			logger.error("Could not hand on a run of job '{}'", run.job().id(), ex);
		}
	}

	/** Hands a run to its executor; a recovered run was taken over from a node that died. */
	private void dispatch(Run run, boolean recovered) {
		JobExecutor executor = this.executors.get(run.job().executor());
		if (executor == null) {
			SchedulerException failure = new SchedulerException("No executor named '" + run.job().executor()
					+ "' for job '" + run.job().id() + "' (known: " + this.executors.keySet() + ")");
			logger.error(failure.getMessage());
			this.events.publish(new JobError(this.name, run.job().id(), run.runTime(),
					JobResult.failure(failure.getMessage(), failure), null));
			completeInStore(run);
			return;
		}
		RunExecution execution = new RunExecution(this, run, recovered);
		this.inFlight.add(execution);
		if (this.events.wants(EventType.JOB_SUBMITTED)) {
			this.events.publish(new JobSubmitted(this.name, run.job().id(), run.runTimes()));
		}
		this.handedOn.incrementAndGet();
		try {
			executor.submit(execution);
		}
		catch (RejectedExecutionException ex) {
			logger.error("Executor '{}' refused a run of job '{}'", run.job().executor(), run.job().id(), ex);
			this.handedOn.decrementAndGet();
			runEnded(execution, true);
		}
	}

	private void reportPlanFailures() {
		for (DuePlanner.PlanFailure failure : this.planner.drainFailures()) {
			logger.error("Trigger of job '{}' failed; the job is paused", failure.job().id(), failure.exception());
			this.events.publish(new JobError(this.name, failure.job().id(), failure.runTime(),
					JobResult.failure("Trigger failed; job paused: " + failure.exception().getMessage(),
							failure.exception()),
					null));
		}
		for (Job job : this.planner.drainUnhandled()) {
			MissingHandler before = this.missingHandlers.put(job.id(),
					new MissingHandler(job.handler(), this.clock.instant()));
			if (before == null) {
				UnknownHandlerException missing = new UnknownHandlerException(job.handler(),
						this.settings.handlers().names());
				logger.warn("Job '{}' is due but left in the store as it is: {}", job.id(), missing.getMessage());
				this.events.publish(new JobError(this.name, job.id(), Objects.requireNonNull(job.nextRunTime()),
						JobResult.failure("Handler missing; job left in the store: " + missing.getMessage(), missing),
						null));
			}
		}
	}

	// --- called by runs ---

	/**
	 * A run's task returned from its executor after {@code nanos}: its thread is free (the run
	 * itself may go on asynchronously).
	 */
	void taskReturned(long nanos) {
		int held = this.handedOn.decrementAndGet();
		this.returnedNanos.addAndGet(nanos);
		this.returned.incrementAndGet();
		if (this.awaitingCapacity && room(this.capacity, held) > 0) {
			wakeUp();
		}
	}

	/** A run is over on this node; with {@code complete} the store forgets it too. */
	void runEnded(RunExecution execution, boolean complete) {
		if (!this.inFlight.remove(execution)) {
			return;
		}
		if (complete) {
			completeInStore(execution.claimedRun());
		}
	}

	/** A run failed and waits for a retry, kept by the store. */
	void retryLater(RunExecution execution, Run retry, Instant dueAt) {
		try {
			this.store.retryLater(retry, dueAt);
			runEnded(execution, false);
		}
		catch (RuntimeException ex) {
			logger.error("Could not store the retry of job '{}'; the run ends here", retry.job().id(), ex);
			runEnded(execution, true);
			return;
		}
		wakeIfEarlier(dueAt);
	}

	/**
	 * Hands back runs that were claimed but never started: a clustered store makes them due for
	 * another node, any other store forgets them.
	 */
	private void giveBack(List<Run> runs) {
		if (runs.isEmpty()) {
			return;
		}
		if (this.store instanceof ClusteredJobStore clustered) {
			try {
				clustered.release(runs);
			}
			catch (RuntimeException ex) {
				logger.warn("Could not release {} runs of scheduler '{}'", runs.size(), this.name, ex);
			}
		}
		else {
			logger.warn("Scheduler '{}' shut down before {} claimed runs started; they are dropped", this.name,
					runs.size());
			runs.forEach(this::completeInStore);
		}
	}

	private void completeInStore(Run run) {
		try {
			this.store.complete(run);
		}
		catch (RuntimeException ex) {
			logger.error("Could not complete run {} in the store", run, ex);
		}
	}

	EventBus events() {
		return this.events;
	}

	RunHistory runHistory() {
		return this.settings.runHistory();
	}

	/** The timer for run timeouts and lease heartbeats, started on first use. */
	ScheduledThreadPoolExecutor timer() {
		ScheduledThreadPoolExecutor current = this.timer;
		if (current == null) {
			synchronized (this.lifecycle) {
				current = this.timer;
				if (current == null) {
					current = new ScheduledThreadPoolExecutor(1, (task) -> {
						Thread thread = new Thread(task, "takt-" + this.name + "-timer");
						thread.setDaemon(true);
						return thread;
					});
					current.setRemoveOnCancelPolicy(true);
					this.timer = current;
				}
			}
		}
		return current;
	}

	// --- internals ---

	private void maintainLeases() {
		if (!(this.store instanceof ClusteredJobStore clustered)) {
			return;
		}
		try {
			List<Run> running = new ArrayList<>(this.inFlight.size());
			for (RunExecution execution : this.inFlight) {
				running.add(execution.claimedRun());
			}
			if (!running.isEmpty()) {
				Set<String> lost = clustered.heartbeat(running);
				if (!lost.isEmpty()) {
					logger.warn("Scheduler '{}' lost the leases of runs {}; another node took them over", this.name,
							lost);
					for (RunExecution execution : this.inFlight) {
						if (lost.contains(execution.claimedRun().id())) {
							execution.leaseLost();
						}
					}
				}
			}
			if (this.state == SchedulerState.RUNNING) {
				for (Run run : clustered.recoverExpired(this.clock.instant(), this.settings.batchSize())) {
					logger.warn("Recovered run {} whose node's lease expired", run);
					dispatch(run, true);
				}
			}
		}
		catch (RuntimeException ex) {
			logger.warn("Lease maintenance of scheduler '{}' failed", this.name, ex);
		}
	}

	private Job modified(Job job) {
		// the store offers a changed job to the planner again at once, which reports it again if need be
		this.missingHandlers.remove(job.id());
		logger.debug("Modified job {}", job);
		this.events.publish(new JobModified(this.name, job));
		wakeIfEarlier(job.nextRunTime());
		return job;
	}

	private void validate(Job job) {
		checkHandler(job);
		checkExecutor(job.executor());
	}

	private void checkHandler(Job job) {
		if (!hasHandler(job)) {
			throw new UnknownHandlerException(job.handler(), this.settings.handlers().names());
		}
	}

	private boolean hasHandler(Job job) {
		return job.isInline() || this.settings.handlers().find(job.handler()).isPresent();
	}

	private void checkExecutor(String executorName) {
		if (!this.executors.containsKey(executorName)) {
			throw new InvalidJobException("executor", executorName, "no executor has this name (known: "
					+ new TreeSet<>(this.executors.keySet()) + ")");
		}
	}

	private boolean awaitRuns(long deadline) {
		for (JobExecutor executor : this.executors.values()) {
			long left = deadline - System.nanoTime();
			if (left <= 0 || !executor.awaitTermination(Duration.ofNanos(left))) {
				return this.inFlight.isEmpty();
			}
		}
		while (!this.inFlight.isEmpty()) {
			long left = deadline - System.nanoTime();
			if (left <= 0) {
				return false;
			}
			LockSupport.parkNanos(this, Math.min(left, TimeUnit.MILLISECONDS.toNanos(10)));
			if (Thread.currentThread().isInterrupted()) {
				return false;
			}
		}
		return true;
	}

	private static void awaitUninterruptibly(ScheduledThreadPoolExecutor executor, long deadline) {
		boolean interrupted = false;
		while (true) {
			long left = (deadline == Long.MAX_VALUE) ? Long.MAX_VALUE : deadline - System.nanoTime();
			try {
				if (left <= 0 || executor.awaitTermination(left, TimeUnit.NANOSECONDS)) {
					break;
				}
			}
			catch (InterruptedException ex) {
				interrupted = true;
			}
		}
		if (interrupted) {
			Thread.currentThread().interrupt();
		}
	}

	private static void joinUninterruptibly(Thread thread) {
		boolean interrupted = false;
		while (true) {
			try {
				thread.join();
				break;
			}
			catch (InterruptedException ex) {
				interrupted = true;
			}
		}
		if (interrupted) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public String toString() {
		return "Scheduler[" + this.name + ", " + this.state + "]";
	}

	/** A job left in the store for a missing handler: the handler's name, and when the planner last skipped it. */
	private record MissingHandler(String handler, Instant lastSeen) {
	}

}
