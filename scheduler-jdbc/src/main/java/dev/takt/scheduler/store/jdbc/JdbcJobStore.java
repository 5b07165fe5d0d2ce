package dev.takt.scheduler.store.jdbc;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

import javax.sql.DataSource;

import dev.takt.scheduler.ConflictingJobIdException;
import dev.takt.scheduler.HandlerRegistry;
import dev.takt.scheduler.InvalidJobException;
import dev.takt.scheduler.Job;
import dev.takt.scheduler.JobNotFoundException;
import dev.takt.scheduler.JobPersistenceException;
import dev.takt.scheduler.store.Claim;
import dev.takt.scheduler.store.ClusteredJobStore;
import dev.takt.scheduler.store.FirePlan;
import dev.takt.scheduler.store.FirePlanner;
import dev.takt.scheduler.store.JobCounts;
import dev.takt.scheduler.store.Run;
import dev.takt.scheduler.store.jdbc.JobCodec.UnreadableJobException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps jobs in a SQL database, as APScheduler's {@code SQLAlchemyJobStore}, and lets several
 * scheduler nodes share them: every due fire runs on exactly one node, and the runs of a node that
 * dies are taken over by another once their lease expires. See the package documentation for
 * the tables.
 * <pre>{@code
 * JdbcJobStore store = JdbcJobStore.builder(dataSource).tablePrefix("takt_").build();
 * Scheduler scheduler = Scheduler.builder().jobStore(store).handler("report", reportHandler).build();
 * }</pre>
 * <ul>
 * <li><b>Claims.</b> {@link #acquireDue} takes up to a batch of due jobs in one transaction with
 * {@code SELECT ... FOR UPDATE SKIP LOCKED} (SQLite: guarded by the version column), applies each
 * job's {@link FirePlan} (its next run time advanced, a finished job deleted) and inserts the runs,
 * so no other node sees the fire due again; asked to claim ahead (the scheduler does, by
 * {@code claimAhead}, 100 ms by default), it also takes the jobs due within that window, each
 * planned at its own next run time, and the scheduler starts their runs at their run times. On
 * PostgreSQL one statement advances every job of a claim. Runs completed by the worker threads
 * are deleted in groups, one statement for the runs of many threads: the thread that completes a
 * run while no delete is in flight deletes it and the runs the others complete meanwhile, which
 * do not wait for it (a node that dies in between has those runs taken over and run again, as a
 * run it was running).</li>
 * <li><b>Leases.</b> A run is owned by the node that claimed it ({@link #owner()}) until
 * {@link #leaseTime()} after its claim or its last {@link #heartbeat}. {@link #recoverExpired}
 * takes over other nodes' runs whose lease expired, with their attempt as it was (a one-off job
 * that never finished runs again, however late: it was claimed in time); a recurring
 * job's later fires are in its row, and the loop applies coalescing and the misfire grace time to
 * those it missed. Each take of a run (its claim, the claim of its retry, its recovery) writes
 * the time of the take in the row's {@code claimed_at}, which is the run's {@link Run#lease()}:
 * only the node that holds the run under that lease completes it or stores its retry, so a node
 * that stalled past its lease cannot end the run the new owner is executing; its late completion
 * is logged and ignored.</li>
 * <li><b>Max instances</b> are counted from the runs table under the job's row lock, so the limit
 * holds across nodes; a run waiting for a retry is a row too, so the retry survives a
 * restart.</li>
 * <li><b>Time.</b> The database server's clock is the reference for due times and leases: the
 * store keeps the offset of the server's clock from this node's and converts.</li>
 * <li><b>Transactions.</b> Adding, changing and removing jobs joins the caller's Spring
 * transaction on the same data source (through the transaction manager given, by default a
 * {@link DataSourceTransactionManager}), so a job added in the application's transaction commits
 * or rolls back with it; the loop's claims, completions and heartbeats run in transactions of
 * their own.</li>
 * <li><b>Bad rows.</b> A stored job that no longer reads (its trigger spec does not parse, say),
 * that the scheduler's planner skips (its handler is not registered on this node), or whose
 * handler this node lacks (when given the {@link Builder#handlers handlers}), is listed by
 * {@link #skippedJobs()}, left untouched and not claimed by this node for a while.</li>
 * </ul>
 */
public final class JdbcJobStore implements ClusteredJobStore {

	private static final Logger logger = LoggerFactory.getLogger(JdbcJobStore.class);

	/** The lease time of a store that is not given one. */
	public static final Duration DEFAULT_LEASE_TIME = Duration.ofSeconds(15);

	private static final long UNREADABLE_RECHECK_NANOS = 60_000_000_000L;

	private static final long UNHANDLED_RECHECK_NANOS = 10_000_000_000L;

	private static final int MAX_OPTIMISTIC_TRIES = 20;

	private static final String JOB_COLUMNS = "id, next_run_time, version, handler, job_data";

	private static final String RUN_COLUMNS = "id, job_id, handler, owner, lease_until, retry_at, attempt, run_times,"
			+ " job_next_run_time, job_data, claimed_at";

	private final JdbcSchema schema;

	private final Dialect dialect;

	private final JdbcTemplate jdbc;

	private final TransactionTemplate apiTx;

	private final TransactionTemplate loopTx;

	private final String owner;

	private final Duration leaseTime;

	private final StoreClock clock;

	private final JobCodec codec = new JobCodec();

	private final Completions<Completed> completions;

	private final String runIdPrefix = Long.toHexString(ThreadLocalRandom.current().nextLong() | Long.MIN_VALUE) + "-";

	private final AtomicLong runIds = new AtomicLong();

	/** When this node's last heartbeat started ({@link System#nanoTime()}), or long ago. */
	private volatile long lastHeartbeat = System.nanoTime() - Long.MAX_VALUE / 2;

	/** Jobs left alone, by id: they did not read, or this node has no handler for them. */
	private final Map<String, Skipped> skipped = new ConcurrentHashMap<>();

	private final @Nullable HandlerRegistry handlers;

	private final String jobs;

	private final String runs;

	private JdbcJobStore(Builder builder, JdbcDatabase database) {
		this.schema = JdbcSchema.of(database, builder.tablePrefix);
		this.dialect = Dialect.of(database);
		this.jdbc = new JdbcTemplate(builder.dataSource);
		PlatformTransactionManager own = new DataSourceTransactionManager(builder.dataSource);
		this.apiTx = new TransactionTemplate((builder.transactionManager != null) ? builder.transactionManager : own);
		this.apiTx.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRED);
		this.loopTx = new TransactionTemplate(own);
		this.loopTx.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		this.loopTx.setIsolationLevel(this.dialect.loopIsolation());
		this.owner = (builder.owner != null) ? builder.owner : defaultOwner();
		this.leaseTime = builder.leaseTime;
		this.clock = new StoreClock(this.dialect.currentTimeMicros(), this.jdbc);
		this.completions = new Completions<>(this::deleteCompleted);
		this.jobs = this.schema.jobsTable();
		this.runs = this.schema.runsTable();
		this.handlers = builder.handlers;
	}

	/**
	 * Returns a store on a data source with the default settings: the database detected from the
	 * data source, the table prefix {@value JdbcSchema#DEFAULT_TABLE_PREFIX}, a lease of
	 * {@link #DEFAULT_LEASE_TIME}. The tables must exist ({@link JdbcSchema#create}).
	 * @param dataSource the data source
	 * @return the store
	 */
	public static JdbcJobStore create(DataSource dataSource) {
		return builder(dataSource).build();
	}

	/**
	 * Returns a builder of a store on a data source.
	 * @param dataSource the data source
	 * @return the builder
	 */
	public static Builder builder(DataSource dataSource) {
		return new Builder(dataSource);
	}

	/**
	 * Returns the store's tables.
	 * @return the schema
	 */
	public JdbcSchema schema() {
		return this.schema;
	}

	@Override
	public String owner() {
		return this.owner;
	}

	@Override
	public Duration leaseTime() {
		return this.leaseTime;
	}

	/**
	 * Returns the due jobs this node leaves alone, with the reason, for health details: stored
	 * jobs that do not read (their spec no longer parses, an exception type of their retry policy
	 * is gone), jobs the scheduler's planner skipped (its handler is not registered on this node;
	 * the scheduler reports those itself) and, when the store was given the
	 * {@link Builder#handlers handlers}, jobs whose handler this node does not have. They stay in
	 * the store untouched, for a node that can run them; the store looks at them again after a
	 * while (a minute for an unreadable job, ten seconds for a missing handler, the planner's time
	 * for a skipped job), and fixing or removing a job clears it.
	 * @return the reasons, by job id
	 */
	public Map<String, String> skippedJobs() {
		Map<String, String> reasons = new LinkedHashMap<>();
		this.skipped.forEach((id, entry) -> reasons.put(id, entry.reason()));
		return reasons;
	}

	// --- jobs ---

	@Override
	public void add(Job job) {
		Objects.requireNonNull(job, "job must not be null");
		if (job.isInline()) {
			throw JobPersistenceException.inlineHandler(job, "jdbc");
		}
		String data = this.codec.write(job);
		api("add job '" + job.id() + "'", () -> {
			int inserted;
			try {
				inserted = this.jdbc.update(this.dialect.insertJob(this.jobs), job.id(),
						Micros.ofNullable(job.nextRunTime()), job.handler(), data);
			}
			catch (DuplicateKeyException ex) {
				inserted = 0;
			}
			if (inserted == 0) {
				throw new ConflictingJobIdException(job.id());
			}
			return null;
		});
	}

	@Override
	public Job update(String jobId, UnaryOperator<Job> change) {
		Objects.requireNonNull(change, "change must not be null");
		return api("update job '" + jobId + "'", () -> {
			for (int attempt = 1;; attempt++) {
				JobRow row = selectJob(jobId, true).orElseThrow(() -> new JobNotFoundException(jobId));
				Job stored = read(row);
				Job changed = Objects.requireNonNull(change.apply(stored), "change must return a job");
				if (!changed.id().equals(jobId)) {
					throw new InvalidJobException("id", changed.id(), "the id of job '" + jobId + "' cannot change");
				}
				if (changed.isInline()) {
					throw JobPersistenceException.inlineHandler(changed, "jdbc");
				}
				int updated = this.jdbc.update("UPDATE " + this.jobs + " SET next_run_time = ?, version = version + 1,"
						+ " handler = ?, job_data = ? WHERE id = ? AND version = ?", Micros.ofNullable(changed.nextRunTime()),
						changed.handler(), this.codec.write(changed), jobId, row.version());
				if (updated == 1) {
					this.skipped.remove(jobId);
					return changed;
				}
				checkTries(attempt, jobId);
			}
		});
	}

	@Override
	public void remove(String jobId) {
		api("remove job '" + jobId + "'", () -> {
			int removed = this.jdbc.update("DELETE FROM " + this.jobs + " WHERE id = ?", jobId);
			if (removed == 0) {
				throw new JobNotFoundException(jobId);
			}
			this.jdbc.update("DELETE FROM " + this.runs + " WHERE job_id = ? AND retry_at IS NOT NULL", jobId);
			return null;
		});
		this.codec.forget(jobId);
		this.skipped.remove(jobId);
	}

	@Override
	public void removeAll() {
		api("remove all jobs", () -> {
			this.jdbc.update("DELETE FROM " + this.jobs);
			this.jdbc.update("DELETE FROM " + this.runs + " WHERE retry_at IS NOT NULL");
			return null;
		});
		this.skipped.clear();
	}

	@Override
	public Optional<Job> get(String jobId) {
		Optional<JobRow> row = api("read job '" + jobId + "'", () -> selectJob(jobId, false));
		return row.map(this::read);
	}

	@Override
	public List<Job> list() {
		List<JobRow> rows = api("list jobs",
				() -> this.jdbc.query("SELECT " + JOB_COLUMNS + " FROM " + this.jobs, JOB_ROW));
		List<Job> all = new ArrayList<>(rows.size());
		for (JobRow row : rows) {
			try {
				all.add(read(row));
			}
			catch (UnreadableJobException ex) {
				// reported by read; left out of the list
			}
		}
		all.sort(Comparator.comparing(Job::nextRunTime, Comparator.nullsLast(Comparator.naturalOrder()))
			.thenComparing(Job::id));
		return all;
	}

	@Override
	public Optional<Instant> nextRunTime() {
		this.completions.flushPending();
		List<String> excluded = excludedJobs();
		String sql = "SELECT (SELECT MIN(next_run_time) FROM " + this.jobs + notIn(excluded) + "), (SELECT MIN(retry_at) FROM "
				+ this.runs + ")";
		Long[] times = api("read the next run time", () -> this.jdbc.queryForObject(sql,
				(rs, n) -> new Long[] { nullableLong(rs, 1), nullableLong(rs, 2) }, excluded.toArray()));
		Long next = min(times[0], times[1]);
		return (next != null) ? Optional.of(this.clock.toLocal(next)) : Optional.empty();
	}

	@Override
	public JobCounts counts() {
		this.completions.flushPending();
		return api("count jobs", () -> this.jdbc.queryForObject("SELECT (SELECT COUNT(*) FROM " + this.jobs
				+ "), (SELECT COUNT(next_run_time) FROM " + this.jobs + "), (SELECT COUNT(*) FROM " + this.runs
				+ "), (SELECT COUNT(retry_at) FROM " + this.runs + ")", (rs, n) -> {
					long all = rs.getLong(1);
					return new JobCounts(all, all - rs.getLong(2), rs.getLong(3), rs.getLong(4));
				}));
	}

	// --- claims ---

	@Override
	public List<Claim> acquireDue(Instant now, int limit, FirePlanner planner) {
		return acquireDue(now, Duration.ZERO, limit, planner);
	}

	/**
	 * {@inheritDoc}
	 * <p>
	 * The window is measured on the database's clock, as due times are.
	 */
	@Override
	public List<Claim> acquireDue(Instant now, Duration ahead, int limit, FirePlanner planner) {
		Objects.requireNonNull(planner, "planner must not be null");
		Objects.requireNonNull(ahead, "ahead must not be null");
		if (limit < 1) {
			throw new IllegalArgumentException("limit must be at least 1: " + limit);
		}
		if (ahead.isNegative()) {
			throw new IllegalArgumentException("ahead must not be negative: " + ahead);
		}
		this.completions.flushPending();
		long storeNow = this.clock.toStore(now);
		long horizon = storeNow + ahead.toNanos() / 1_000;
		List<String> excluded = excludedJobs();
		return loop("claim due jobs", () -> {
			List<JobRow> dueJobs = this.jdbc.query("SELECT " + JOB_COLUMNS + " FROM " + this.jobs
					+ " WHERE next_run_time <= ?" + andNotIn(excluded) + " ORDER BY next_run_time, id LIMIT ?"
					+ this.dialect.skipLocked(), JOB_ROW, params(horizon, excluded, limit));
			List<RunRow> dueRetries = this.jdbc.query("SELECT " + RUN_COLUMNS + " FROM " + this.runs
					+ " WHERE retry_at <= ? ORDER BY retry_at, id LIMIT ?" + this.dialect.skipLocked(), RUN_ROW, storeNow,
					limit);
			// oldest first, a retry before a job due at the same time, as the memory store
			List<JobRow> takenJobs = new ArrayList<>();
			List<RunRow> takenRetries = new ArrayList<>();
			List<Object> order = new ArrayList<>();
			int j = 0;
			int r = 0;
			while (order.size() < limit && (j < dueJobs.size() || r < dueRetries.size())) {
				boolean retryFirst = r < dueRetries.size() && (j >= dueJobs.size()
						|| dueRetries.get(r).dueAt() <= dueJobs.get(j).nextRunTimeOrMax());
				if (retryFirst) {
					takenRetries.add(dueRetries.get(r));
					order.add(dueRetries.get(r++));
				}
				else {
					takenJobs.add(dueJobs.get(j));
					order.add(dueJobs.get(j++));
				}
			}
			Map<String, Claim> jobClaims = claimJobs(takenJobs, storeNow, true, planner, new HashSet<>());
			Map<String, Run> retryClaims = claimRetries(takenRetries, storeNow);
			List<Claim> claims = new ArrayList<>(order.size());
			for (Object taken : order) {
				if (taken instanceof JobRow row) {
					Claim claim = jobClaims.get(row.id());
					if (claim != null) {
						claims.add(claim);
					}
				}
				else {
					Run run = retryClaims.get(((RunRow) taken).id());
					if (run != null) {
						claims.add(Claim.retry(run));
					}
				}
			}
			return claims;
		});
	}

	/**
	 * {@inheritDoc}
	 * @return true: a claim is a round trip to the database
	 */
	@Override
	public boolean claimsAhead() {
		return true;
	}

	@Override
	public Claim acquire(String jobId, Instant now, FirePlanner planner) {
		Objects.requireNonNull(planner, "planner must not be null");
		long storeNow = this.clock.toStore(now);
		return api("claim job '" + jobId + "'", () -> {
			for (int attempt = 1;; attempt++) {
				JobRow row = selectJob(jobId, true).orElseThrow(() -> new JobNotFoundException(jobId));
				Job job = read(row);
				Set<String> skippedByPlan = new HashSet<>();
				Claim claim = claimJobs(List.of(row), storeNow, false, planner, skippedByPlan).get(jobId);
				if (claim != null) {
					return claim;
				}
				if (skippedByPlan.contains(jobId)) {
					return new Claim(job, null, List.of(), List.of(), false);
				}
				checkTries(attempt, jobId);
			}
		});
	}

	/**
	 * Plans and claims locked (or, without row locks, versioned) job rows: deletes the finished,
	 * advances the others, inserts the runs. Returns the claims by job id; a job whose row changed
	 * meanwhile (optimistic claims only), that does not read, or that its plan skips (its id added
	 * to {@code skippedByPlan}) has none. With {@code ahead}, a job not due yet (claimed ahead) is
	 * planned at its next run time, else at the store's now.
	 */
	private Map<String, Claim> claimJobs(List<JobRow> rows, long storeNow, boolean ahead, FirePlanner planner,
			Set<String> skippedByPlan) {
		Map<String, Claim> claims = new HashMap<>();
		if (rows.isEmpty()) {
			return claims;
		}
		Map<String, Integer> running = runningCounts(rows);
		Instant nowInstant = Micros.instant(storeNow);
		List<Planned> planned = new ArrayList<>(rows.size());
		for (JobRow row : rows) {
			// a job claimed ahead of its time is planned as at its time
			boolean early = ahead && row.nextRunTime() != null && row.nextRunTime() > storeNow;
			Instant planTime = early ? Micros.instant(row.nextRunTime()) : nowInstant;
			Job job;
			try {
				job = read(row);
			}
			catch (UnreadableJobException ex) {
				continue;
			}
			if (this.handlers != null && this.handlers.find(job.handler()).isEmpty()) {
				skipUnhandled(job);
				continue;
			}
			int runningInstances = running.getOrDefault(row.id(), 0);
			if (early && runningInstances >= job.maxInstances()) {
				// its runs may end before its time: left for the claim at its time, as if not looked at
				continue;
			}
			FirePlan plan = planner.plan(job, runningInstances, planTime);
			if (plan.skipped()) {
				skipPlanned(job, planTime, plan.skippedUntil());
				skippedByPlan.add(row.id());
				continue;
			}
			Run run = plan.startsRun() ? new Run(nextRunId(), job, plan.runTimes(), 1, lease(storeNow)) : null;
			planned.add(new Planned(row, job, plan, run));
		}
		List<Planned> deletes = new ArrayList<>();
		List<Planned> updates = new ArrayList<>();
		for (Planned p : planned) {
			if (p.plan().finished()) {
				deletes.add(p);
			}
			else if (!this.dialect.locksRows() || p.run() != null
					|| !Objects.equals(p.plan().nextRunTime(), p.job().nextRunTime())) {
				updates.add(p);
			}
		}
		Set<String> lost = new HashSet<>();
		if (this.dialect.locksRows()) {
			deleteByIds(this.jobs, deletes.stream().map((p) -> p.row().id()).toList());
		}
		else {
			collectLost(deletes, this.jdbc.batchUpdate("DELETE FROM " + this.jobs + " WHERE id = ? AND version = ?",
					deletes.stream().map((p) -> new Object[] { p.row().id(), p.row().version() }).toList()), lost);
		}
		String advance = this.dialect.advanceJobs(this.jobs);
		if (!updates.isEmpty() && advance != null && this.dialect.locksRows()) {
			String[] ids = new String[updates.size()];
			Long[] nextRunTimes = new Long[updates.size()];
			Long[] versions = new Long[updates.size()];
			for (int i = 0; i < ids.length; i++) {
				Planned p = updates.get(i);
				ids[i] = p.row().id();
				nextRunTimes[i] = Micros.ofNullable(p.plan().nextRunTime());
				versions[i] = p.row().version();
			}
			this.jdbc.update(advance, ids, nextRunTimes, versions);
		}
		else if (!updates.isEmpty()) {
			int[] counts = this.jdbc.batchUpdate("UPDATE " + this.jobs + " SET next_run_time = ?, version = version + 1"
					+ " WHERE id = ? AND version = ?", updates.stream()
						.map((p) -> new Object[] { Micros.ofNullable(p.plan().nextRunTime()), p.row().id(), p.row().version() })
						.toList());
			if (!this.dialect.locksRows()) {
				collectLost(updates, counts, lost);
			}
		}
		List<Planned> started = new ArrayList<>();
		for (Planned p : planned) {
			if (lost.contains(p.row().id())) {
				continue;
			}
			if (p.run() != null) {
				started.add(p);
			}
			if (p.plan().finished()) {
				this.codec.forget(p.row().id());
			}
			claims.put(p.row().id(), Claim.of(p.job(), p.plan(), p.run()));
		}
		insertRuns(started, storeNow);
		return claims;
	}

	private static void collectLost(List<Planned> planned, int[] counts, Set<String> lost) {
		for (int i = 0; i < counts.length; i++) {
			if (counts[i] == 0) {
				lost.add(planned.get(i).row().id());
			}
		}
	}

	private Map<String, Integer> runningCounts(List<JobRow> rows) {
		Map<String, Integer> counts = new HashMap<>();
		List<String> ids = rows.stream().map(JobRow::id).toList();
		for (List<String> chunk : chunks(ids, this.dialect.maxParameters())) {
			this.jdbc.query("SELECT job_id, COUNT(*) FROM " + this.runs + " WHERE job_id IN (" + marks(chunk.size())
					+ ") GROUP BY job_id", (rs) -> {
						counts.put(rs.getString(1), rs.getInt(2));
					}, chunk.toArray());
		}
		return counts;
	}

	private void insertRuns(List<Planned> started, long storeNow) {
		int perRow = 11;
		int rowsPerStatement = Math.max(1, this.dialect.maxParameters() / perRow);
		for (List<Planned> chunk : chunks(started, rowsPerStatement)) {
			StringBuilder sql = new StringBuilder("INSERT INTO ").append(this.runs)
				.append(" (id, job_id, handler, owner, lease_until, retry_at, attempt, run_times, claimed_at,"
						+ " job_next_run_time, job_data) VALUES ");
			List<Object> params = new ArrayList<>(chunk.size() * perRow);
			long leaseUntil = storeNow + leaseMicros();
			for (int i = 0; i < chunk.size(); i++) {
				Planned p = chunk.get(i);
				Run run = Objects.requireNonNull(p.run());
				sql.append((i == 0) ? "" : ", ").append("(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
				params.add(run.id());
				params.add(p.row().id());
				params.add(p.row().handler());
				params.add(this.owner);
				params.add(leaseUntil);
				params.add(null);
				params.add(run.attempt());
				params.add(encodeRunTimes(run.runTimes()));
				params.add(storeNow);
				params.add(p.row().nextRunTime());
				params.add(p.row().data());
			}
			this.jdbc.update(sql.toString(), params.toArray());
		}
	}

	/** Takes locked (or versioned) runs whose retry is due: this node's now, under a lease. */
	private Map<String, Run> claimRetries(List<RunRow> rows, long storeNow) {
		Map<String, Run> claimed = new HashMap<>();
		if (rows.isEmpty()) {
			return claimed;
		}
		long leaseUntil = storeNow + leaseMicros();
		List<RunRow> readable = new ArrayList<>();
		for (RunRow row : rows) {
			if (toRun(row, row.attempt()) != null) {
				readable.add(row);
			}
		}
		int[] counts;
		if (this.dialect.locksRows()) {
			List<String> ids = readable.stream().map(RunRow::id).toList();
			for (List<String> chunk : chunks(ids, this.dialect.maxParameters() - 3)) {
				List<Object> params = new ArrayList<>();
				params.add(this.owner);
				params.add(leaseUntil);
				params.add(storeNow);
				params.addAll(chunk);
				this.jdbc.update("UPDATE " + this.runs + " SET owner = ?, lease_until = ?, retry_at = NULL,"
						+ " claimed_at = ? WHERE id IN (" + marks(chunk.size()) + ")", params.toArray());
			}
			counts = null;
		}
		else {
			counts = this.jdbc.batchUpdate("UPDATE " + this.runs + " SET owner = ?, lease_until = ?, retry_at = NULL,"
					+ " claimed_at = ? WHERE id = ? AND retry_at = ?", readable.stream()
						.map((row) -> new Object[] { this.owner, leaseUntil, storeNow, row.id(), row.retryAt() })
						.toList());
		}
		for (int i = 0; i < readable.size(); i++) {
			if (counts == null || counts[i] != 0) {
				RunRow row = readable.get(i);
				claimed.put(row.id(), toRun(row, row.attempt()).withLease(lease(storeNow)));
			}
		}
		return claimed;
	}

	// --- runs ---

	@Override
	public void retryLater(Run retry, Instant dueAt) {
		Objects.requireNonNull(retry, "retry must not be null");
		Objects.requireNonNull(dueAt, "dueAt must not be null");
		long due = this.clock.toStore(dueAt);
		Long claimedAt = claimedAt(retry);
		int stored = loop("store the retry of job '" + retry.job().id() + "'", () -> this.jdbc.update("UPDATE "
				+ this.runs + " SET retry_at = ?, attempt = ?, run_times = ?, owner = NULL, lease_until = NULL"
				+ " WHERE id = ? AND owner = ?" + ((claimedAt != null) ? " AND claimed_at = ?" : ""),
				withClaimedAt(new Object[] { due, retry.attempt(), encodeRunTimes(retry.runTimes()), retry.id(),
						this.owner }, claimedAt)));
		if (stored == 0) {
			logger.warn("Did not store the retry of run {} of job '{}': this node no longer holds the run", retry.id(),
					retry.job().id());
		}
	}

	/**
	 * {@inheritDoc}
	 * <p>
	 * Only the node that holds the run, under the lease the run carries, ends it: a late completion
	 * from a node that lost the run to another (it stalled past its lease) is logged and ignored.
	 */
	@Override
	public void complete(Run run) {
		Objects.requireNonNull(run, "run must not be null");
		this.completions.complete(new Completed(run.id(), claimedAt(run)));
	}

	/** Deletes completed runs held by this node, one statement per lease; logs those held by another. */
	private void deleteCompleted(List<Completed> completed) {
		Map<Long, List<String>> byLease = new LinkedHashMap<>();
		for (Completed run : completed) {
			byLease.computeIfAbsent(run.claimedAt(), (key) -> new ArrayList<>()).add(run.runId());
		}
		List<String> taken = loop("complete runs", () -> {
			relaxCommit();
			int deleted = 0;
			for (Map.Entry<Long, List<String>> lease : byLease.entrySet()) {
				Long claimedAt = lease.getKey();
				int fixed = (claimedAt != null) ? 2 : 1;
				for (List<String> chunk : chunks(lease.getValue(), this.dialect.maxParameters() - fixed)) {
					List<Object> params = new ArrayList<>(chunk.size() + fixed);
					params.add(this.owner);
					if (claimedAt != null) {
						params.add(claimedAt);
					}
					params.addAll(chunk);
					deleted += this.jdbc.update("DELETE FROM " + this.runs + " WHERE owner = ?"
							+ ((claimedAt != null) ? " AND claimed_at = ?" : "") + " AND id IN ("
							+ marks(chunk.size()) + ")", params.toArray());
				}
			}
			if (deleted == completed.size()) {
				return List.of();
			}
			// rare: a run completed twice, or one this node lost to another; only the latter is still there
			List<String> left = new ArrayList<>();
			List<String> ids = completed.stream().map(Completed::runId).distinct().toList();
			for (List<String> chunk : chunks(ids, this.dialect.maxParameters())) {
				left.addAll(this.jdbc.queryForList("SELECT id FROM " + this.runs + " WHERE id IN ("
						+ marks(chunk.size()) + ")", String.class, chunk.toArray()));
			}
			return left;
		});
		if (!taken.isEmpty()) {
			logger.warn("Ignored the late completion of runs {}: this node lost their lease, and they are held under"
					+ " another now", taken);
		}
	}

	/** Lets this transaction's commit return before the disk has it, where the database allows. */
	private void relaxCommit() {
		String relaxed = this.dialect.relaxedCommit();
		if (relaxed != null) {
			this.jdbc.execute(relaxed);
		}
	}

	/**
	 * {@inheritDoc}
	 * <p>
	 * One statement extends the lease of every run this node owns (runs whose completion is still
	 * to be written included). Runs can only have been taken over when this node's last heartbeat
	 * is older than half the lease time; only then are the given runs looked up one by one.
	 */
	@Override
	public Set<String> heartbeat(Collection<Run> inProgress) {
		this.completions.flushPending();
		long started = System.nanoTime();
		long leaseUntil = this.clock.now() + leaseMicros();
		boolean gap = started - this.lastHeartbeat > this.leaseTime.toNanos() / 2;
		List<Run> given = gap ? List.copyOf(inProgress) : List.of();
		List<String> ids = given.stream().map(Run::id).distinct().toList();
		Set<String> lost = loop("extend leases", () -> {
			relaxCommit();
			this.jdbc.update("UPDATE " + this.runs + " SET lease_until = ? WHERE owner = ?", leaseUntil, this.owner);
			Map<String, RunHolder> holders = new HashMap<>();
			for (List<String> chunk : chunks(ids, this.dialect.maxParameters())) {
				this.jdbc.query("SELECT id, owner, claimed_at FROM " + this.runs + " WHERE id IN ("
						+ marks(chunk.size()) + ")", (rs) -> {
							holders.put(rs.getString(1), new RunHolder(rs.getString(2), rs.getLong(3)));
						}, chunk.toArray());
			}
			Set<String> taken = new HashSet<>();
			for (Run run : given) {
				RunHolder holder = holders.get(run.id());
				Long claimedAt = claimedAt(run);
				// another node holds it, or took it since (a run waiting for a retry is held by none)
				if (holder != null && ((holder.owner() != null && !holder.owner().equals(this.owner))
						|| (claimedAt != null && claimedAt != holder.claimedAt()))) {
					taken.add(run.id());
				}
			}
			return taken;
		});
		this.lastHeartbeat = started;
		return lost;
	}

	@Override
	public List<Run> recoverExpired(Instant now, int limit) {
		this.completions.flushPending();
		long storeNow = this.clock.now();
		long leaseUntil = storeNow + leaseMicros();
		return loop("recover expired runs", () -> {
			List<RunRow> expired = this.jdbc.query("SELECT " + RUN_COLUMNS + " FROM " + this.runs
					+ " WHERE lease_until < ? AND owner <> ? ORDER BY lease_until, id LIMIT ?" + this.dialect.skipLocked(),
					RUN_ROW, storeNow, this.owner, limit);
			List<Run> recovered = new ArrayList<>();
			for (RunRow row : expired) {
				Run run = toRun(row, row.attempt());
				if (run == null) {
					continue;
				}
				int updated = this.jdbc.update("UPDATE " + this.runs + " SET owner = ?, lease_until = ?, claimed_at = ?"
						+ " WHERE id = ? AND owner = ? AND lease_until = ?", this.owner, leaseUntil, storeNow, row.id(),
						row.owner(), row.leaseUntil());
				if (updated == 1) {
					logger.warn("Took over run {} of job '{}' from node {}, whose lease expired", row.id(), row.jobId(),
							row.owner());
					recovered.add(run.withLease(lease(storeNow)));
				}
			}
			return recovered;
		});
	}

	@Override
	public void release(Collection<Run> released) {
		if (released.isEmpty()) {
			return;
		}
		long storeNow = this.clock.now();
		List<String> ids = released.stream().map(Run::id).distinct().toList();
		loop("release runs", () -> {
			for (List<String> chunk : chunks(ids, this.dialect.maxParameters() - 2)) {
				List<Object> params = new ArrayList<>();
				params.add(storeNow);
				params.add(this.owner);
				params.addAll(chunk);
				this.jdbc.update("UPDATE " + this.runs + " SET owner = NULL, lease_until = NULL, retry_at = ?"
						+ " WHERE owner = ? AND id IN (" + marks(chunk.size()) + ")", params.toArray());
			}
			return null;
		});
	}

	// --- rows ---

	private Optional<JobRow> selectJob(String jobId, boolean lock) {
		List<JobRow> rows = this.jdbc.query("SELECT " + JOB_COLUMNS + " FROM " + this.jobs + " WHERE id = ?"
				+ (lock ? this.dialect.forUpdate() : ""), JOB_ROW, jobId);
		return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
	}

	private Job read(JobRow row) {
		try {
			return this.codec.read(row.id(), row.handler(), Micros.instantOrNull(row.nextRunTime()), row.data());
		}
		catch (UnreadableJobException ex) {
			Skipped before = this.skipped.put(row.id(),
					new Skipped(ex.getMessage(), System.nanoTime() + UNREADABLE_RECHECK_NANOS));
			if (before == null) {
				logger.error("{}; the job is left in the store as it is and not run until it is fixed or removed",
						ex.getMessage(), ex.getCause());
			}
			throw ex;
		}
	}

	/** Returns the run of a run row with the given attempt, or null when its job does not read. */
	private @Nullable Run toRun(RunRow row, int attempt) {
		Job job;
		try {
			job = this.codec.read(row.jobId(), row.handler(), Micros.instantOrNull(row.jobNextRunTime()), row.jobData());
		}
		catch (UnreadableJobException ex) {
			logger.error("Run {} of job '{}' cannot be read and is left in the store: {}", row.id(), row.jobId(),
					ex.getMessage());
			return null;
		}
		return new Run(row.id(), job, decodeRunTimes(row.runTimes()), attempt);
	}

	private void skipUnhandled(Job job) {
		String reason = "No handler named '" + job.handler() + "' on this node (known: " + this.handlers.names() + ")";
		Skipped before = this.skipped.put(job.id(), new Skipped(reason, System.nanoTime() + UNHANDLED_RECHECK_NANOS));
		if (before == null) {
			logger.warn("Job '{}' is due but left in the store for another node: {}", job.id(), reason);
		}
	}

	/** Leaves a job its planner skipped alone, on this node, until the plan's time (a day at most). */
	private void skipPlanned(Job job, Instant planTime, Instant until) {
		Duration skip = Duration.between(planTime, until);
		long nanos = skip.isNegative() ? 0 : Math.min(skip.getSeconds(), 86_400L) * 1_000_000_000L + skip.getNano();
		this.skipped.put(job.id(), new Skipped("Left alone by this node's scheduler until " + until,
				System.nanoTime() + nanos));
	}

	private List<String> excludedJobs() {
		if (this.skipped.isEmpty()) {
			return List.of();
		}
		long now = System.nanoTime();
		this.skipped.values().removeIf((entry) -> now - entry.until() >= 0);
		return List.copyOf(this.skipped.keySet());
	}

	/**
	 * Returns the lease of a run this node took at {@code claimedAt}: the time, which the run's
	 * row keeps in {@code claimed_at}, and which differs from one take of the run to the next.
	 */
	private static String lease(long claimedAt) {
		return Long.toString(claimedAt);
	}

	/** Returns the claim time of a run's lease, or null for a run without one. */
	private static @Nullable Long claimedAt(Run run) {
		String lease = run.lease();
		if (lease == null) {
			return null;
		}
		try {
			return Long.valueOf(lease);
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("Run " + run.id() + " has a lease of another store: " + lease, ex);
		}
	}

	private static Object[] withClaimedAt(Object[] params, @Nullable Long claimedAt) {
		if (claimedAt == null) {
			return params;
		}
		Object[] all = Arrays.copyOf(params, params.length + 1);
		all[params.length] = claimedAt;
		return all;
	}

	private String nextRunId() {
		return this.runIdPrefix + this.runIds.incrementAndGet();
	}

	private long leaseMicros() {
		return this.leaseTime.toNanos() / 1_000;
	}

	private void deleteByIds(String table, List<String> ids) {
		for (List<String> chunk : chunks(ids, this.dialect.maxParameters())) {
			this.jdbc.update("DELETE FROM " + table + " WHERE id IN (" + marks(chunk.size()) + ")", chunk.toArray());
		}
	}

	private void checkTries(int attempt, String jobId) {
		if (attempt >= MAX_OPTIMISTIC_TRIES) {
			throw new JobPersistenceException("Job '" + jobId + "' kept changing under the store; gave up after "
					+ attempt + " tries");
		}
	}

	// --- transactions ---

	/** Runs an application-facing operation, in the caller's transaction if it has one. */
	private <T> T api(String what, Supplier<T> work) {
		return inTransaction(this.apiTx, what, work);
	}

	/** Runs a loop operation in a transaction of its own. */
	private <T> T loop(String what, Supplier<T> work) {
		return inTransaction(this.loopTx, what, work);
	}

	private <T> T inTransaction(TransactionTemplate transaction, String what, Supplier<T> work) {
		try {
			return transaction.execute((status) -> work.get());
		}
		catch (DataAccessException | TransactionException ex) {
			throw new JobPersistenceException("JDBC job store (" + this.schema.database().id() + ", " + this.jobs
					+ ") could not " + what + ": " + ex.getMessage(), ex);
		}
	}

	// --- SQL helpers ---

	private static String marks(int count) {
		StringBuilder marks = new StringBuilder(count * 3);
		for (int i = 0; i < count; i++) {
			marks.append((i == 0) ? "?" : ", ?");
		}
		return marks.toString();
	}

	private static String notIn(List<String> excluded) {
		return excluded.isEmpty() ? "" : " WHERE id NOT IN (" + marks(excluded.size()) + ")";
	}

	private static String andNotIn(List<String> excluded) {
		return excluded.isEmpty() ? "" : " AND id NOT IN (" + marks(excluded.size()) + ")";
	}

	private static Object[] params(long first, List<String> middle, int last) {
		Object[] params = new Object[middle.size() + 2];
		params[0] = first;
		for (int i = 0; i < middle.size(); i++) {
			params[i + 1] = middle.get(i);
		}
		params[params.length - 1] = last;
		return params;
	}

	private static <T> List<List<T>> chunks(List<T> items, int size) {
		if (items.size() <= size) {
			return items.isEmpty() ? List.of() : List.of(items);
		}
		List<List<T>> chunks = new ArrayList<>();
		for (int i = 0; i < items.size(); i += size) {
			chunks.add(items.subList(i, Math.min(items.size(), i + size)));
		}
		return chunks;
	}

	private static @Nullable Long min(@Nullable Long a, @Nullable Long b) {
		if (a == null) {
			return b;
		}
		return (b == null || a <= b) ? a : b;
	}

	private static @Nullable Long nullableLong(ResultSet rs, int column) throws SQLException {
		long value = rs.getLong(column);
		return rs.wasNull() ? null : value;
	}

	static String encodeRunTimes(List<Instant> runTimes) {
		StringBuilder text = new StringBuilder(runTimes.size() * 17);
		for (Instant runTime : runTimes) {
			if (!text.isEmpty()) {
				text.append(',');
			}
			text.append(Micros.of(runTime));
		}
		return text.toString();
	}

	static List<Instant> decodeRunTimes(String text) {
		List<Instant> runTimes = new ArrayList<>();
		for (String part : text.split(",")) {
			runTimes.add(Micros.instant(Long.parseLong(part.strip())));
		}
		return runTimes;
	}

	private static String defaultOwner() {
		String host;
		try {
			host = InetAddress.getLocalHost().getHostName();
		}
		catch (Exception ex) {
			host = "localhost";
		}
		String runtime = ManagementFactory.getRuntimeMXBean().getName();
		String pid = runtime.contains("@") ? runtime.substring(0, runtime.indexOf('@')) : runtime;
		String owner = host + "/" + pid + "/" + Integer.toHexString(ThreadLocalRandom.current().nextInt() & 0xfffff);
		return (owner.length() > 191) ? owner.substring(owner.length() - 191) : owner;
	}

	private static final RowMapper<JobRow> JOB_ROW = (rs, n) -> new JobRow(rs.getString(1), nullableLong(rs, 2),
			rs.getLong(3), rs.getString(4), rs.getString(5));

	private static final RowMapper<RunRow> RUN_ROW = (rs, n) -> new RunRow(rs.getString(1), rs.getString(2),
			rs.getString(3), rs.getString(4), nullableLong(rs, 5), nullableLong(rs, 6), rs.getInt(7), rs.getString(8),
			nullableLong(rs, 9), rs.getString(10), rs.getLong(11));

	@Override
	public String toString() {
		return "JdbcJobStore[" + this.schema.database().id() + ", " + this.jobs + ", owner " + this.owner + "]";
	}

	/** A row of the jobs table. */
	private record JobRow(String id, @Nullable Long nextRunTime, long version, String handler, String data) {

		long nextRunTimeOrMax() {
			return (this.nextRunTime != null) ? this.nextRunTime : Long.MAX_VALUE;
		}

	}

	/** A row of the runs table. */
	private record RunRow(String id, String jobId, String handler, @Nullable String owner, @Nullable Long leaseUntil,
			@Nullable Long retryAt, int attempt, String runTimes, @Nullable Long jobNextRunTime, String jobData,
			long claimedAt) {

		long dueAt() {
			return (this.retryAt != null) ? this.retryAt : Long.MAX_VALUE;
		}

	}

	/** A job row with its plan and the run the plan starts. */
	private record Planned(JobRow row, Job job, FirePlan plan, @Nullable Run run) {
	}

	/** Who holds a run row: its owner (none while it waits for a retry) and the claim time of its lease. */
	private record RunHolder(@Nullable String owner, long claimedAt) {
	}

	/** A run to delete: its id and the claim time of the lease it was held under, if it says. */
	private record Completed(String runId, @Nullable Long claimedAt) {
	}

	/** Why a job is left alone, and until when (in {@link System#nanoTime()}). */
	private record Skipped(String reason, long until) {
	}

	/**
	 * Builds a {@link JdbcJobStore}.
	 */
	public static final class Builder {

		private final DataSource dataSource;

		private @Nullable JdbcDatabase database;

		private String tablePrefix = JdbcSchema.DEFAULT_TABLE_PREFIX;

		private Duration leaseTime = DEFAULT_LEASE_TIME;

		private @Nullable String owner;

		private @Nullable PlatformTransactionManager transactionManager;

		private @Nullable HandlerRegistry handlers;

		private Builder(DataSource dataSource) {
			this.dataSource = Objects.requireNonNull(dataSource, "dataSource must not be null");
		}

		/**
		 * Sets the database; by default it is detected from a connection's metadata when the store
		 * is built.
		 * @param database the database
		 * @return this builder
		 */
		public Builder database(JdbcDatabase database) {
			this.database = Objects.requireNonNull(database, "database must not be null");
			return this;
		}

		/**
		 * Sets the prefix of the table names, {@value JdbcSchema#DEFAULT_TABLE_PREFIX} by default;
		 * see {@link JdbcSchema#of}.
		 * @param tablePrefix the prefix
		 * @return this builder
		 */
		public Builder tablePrefix(String tablePrefix) {
			this.tablePrefix = Objects.requireNonNull(tablePrefix, "tablePrefix must not be null");
			return this;
		}

		/**
		 * Sets how long a run's lease lasts without a heartbeat, which is about how long the runs
		 * of a node that died wait before another node takes them over; the scheduler heartbeats
		 * every third of it. {@link #DEFAULT_LEASE_TIME} by default.
		 * @param leaseTime the lease time, at least 100 ms
		 * @return this builder
		 */
		public Builder leaseTime(Duration leaseTime) {
			Objects.requireNonNull(leaseTime, "leaseTime must not be null");
			if (leaseTime.compareTo(Duration.ofMillis(100)) < 0) {
				throw new IllegalArgumentException("leaseTime must be at least 100 ms: " + leaseTime);
			}
			this.leaseTime = leaseTime;
			return this;
		}

		/**
		 * Sets the id this node owns its runs under; it must be unique in the cluster and differ
		 * from one start of the process to the next. By default the host name, the process id and
		 * a random number.
		 * @param owner the owner id, at most 191 characters
		 * @return this builder
		 */
		public Builder owner(String owner) {
			Objects.requireNonNull(owner, "owner must not be null");
			if (owner.isBlank() || owner.length() > 191) {
				throw new IllegalArgumentException("owner must have 1 to 191 characters: '" + owner + "'");
			}
			this.owner = owner;
			return this;
		}

		/**
		 * Sets the transaction manager whose transactions adding, changing and removing jobs join
		 * (the application's, for the same data source); by default a
		 * {@link DataSourceTransactionManager} on the data source, which joins the transactions of
		 * any Spring transaction manager that binds the data source's connection.
		 * @param transactionManager the transaction manager
		 * @return this builder
		 */
		public Builder transactionManager(PlatformTransactionManager transactionManager) {
			this.transactionManager = Objects.requireNonNull(transactionManager, "transactionManager must not be null");
			return this;
		}

		/**
		 * Sets the handlers this node has (the scheduler's), so that due jobs whose handler this
		 * node lacks are left in the store for a node that has it (during a rolling deployment,
		 * say) without being offered to the planner; see {@link JdbcJobStore#skippedJobs()}. A
		 * Takt scheduler's planner already skips such jobs on its own and reports them (log,
		 * {@code JOB_ERROR} event, {@code Scheduler.status()}), which this filter, applied first,
		 * keeps it from doing: it is for stores used without one. By default every due job is
		 * offered to the planner.
		 * @param handlers the handler registry
		 * @return this builder
		 */
		public Builder handlers(HandlerRegistry handlers) {
			this.handlers = Objects.requireNonNull(handlers, "handlers must not be null");
			return this;
		}

		/**
		 * Builds the store; it detects the database first when none was set.
		 * @return the store
		 * @throws JobPersistenceException when the database must be detected and cannot be
		 * @throws IllegalArgumentException when the table prefix is invalid
		 */
		public JdbcJobStore build() {
			JdbcDatabase resolved = (this.database != null) ? this.database : JdbcDatabase.detect(this.dataSource);
			return new JdbcJobStore(this, resolved);
		}

	}

}
