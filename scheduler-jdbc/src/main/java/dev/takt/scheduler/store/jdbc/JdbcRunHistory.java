package dev.takt.scheduler.store.jdbc;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

import javax.sql.DataSource;

import dev.takt.scheduler.JobResult;
import dev.takt.scheduler.history.RunHistory;
import dev.takt.scheduler.history.RunRecord;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import tools.jackson.core.JacksonException;

/**
 * Keeps run records in the {@code run_history} table, shared by every node of a cluster, for a
 * retention period ({@link #DEFAULT_RETENTION} by default).
 * <p>
 * Recording does not wait for the database: records are queued (at most
 * {@value #QUEUE_CAPACITY}; beyond that new ones are dropped and counted) and written in batches
 * by a background thread every {@value #FLUSH_MILLIS} ms, which also deletes the records older
 * than the retention once a minute. Reading writes what is queued first. A record's result
 * comes back with its message, data (a JSON value; other values as their string) and timing; the
 * exception is kept as its class name and message in the message, since exceptions are not
 * stored. {@link #close()} writes what is left and stops the thread.
 */
public final class JdbcRunHistory implements RunHistory, AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(JdbcRunHistory.class);

	/** How long records are kept when no retention is given. */
	public static final Duration DEFAULT_RETENTION = Duration.ofDays(7);

	static final int QUEUE_CAPACITY = 10_000;

	static final long FLUSH_MILLIS = 250;

	private static final int BATCH = 500;

	private static final long PURGE_EVERY_NANOS = 60_000_000_000L;

	private static final String COLUMNS = "job_id, job_name, scheduled_run_time, successful, message, data, exception,"
			+ " attempts, started_at, duration";

	private final JdbcTemplate jdbc;

	private final JdbcSchema schema;

	private final String table;

	private final Duration retention;

	private final @Nullable String node;

	private final BlockingQueue<RunRecord> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);

	private final ReentrantLock writing = new ReentrantLock();

	private final AtomicLong dropped = new AtomicLong();

	private final ScheduledExecutorService writer;

	private volatile long nextPurge = System.nanoTime();

	private JdbcRunHistory(Builder builder, JdbcDatabase database) {
		this.jdbc = new JdbcTemplate(builder.dataSource);
		this.schema = JdbcSchema.of(database, builder.tablePrefix);
		this.table = this.schema.historyTable();
		this.retention = builder.retention;
		this.node = builder.node;
		this.writer = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "takt-history-" + this.table);
			thread.setDaemon(true);
			return thread;
		});
		this.writer.scheduleWithFixedDelay(this::writeInBackground, FLUSH_MILLIS, FLUSH_MILLIS, TimeUnit.MILLISECONDS);
	}

	/**
	 * Returns a builder of a history on a data source.
	 * @param dataSource the data source
	 * @return the builder
	 */
	public static Builder builder(DataSource dataSource) {
		return new Builder(dataSource);
	}

	/**
	 * Returns the history's tables.
	 * @return the schema
	 */
	public JdbcSchema schema() {
		return this.schema;
	}

	/**
	 * Returns how long records are kept.
	 * @return the retention
	 */
	public Duration retention() {
		return this.retention;
	}

	/**
	 * Returns how many records were dropped because the queue was full (the database was away
	 * or slow for long).
	 * @return the number of records dropped
	 */
	public long dropped() {
		return this.dropped.get();
	}

	@Override
	public void record(RunRecord run) {
		Objects.requireNonNull(run, "run must not be null");
		if (!this.queue.offer(run)) {
			if (this.dropped.getAndIncrement() % 1000 == 0) {
				logger.warn("Run history {} is full ({} records waiting); dropping records", this.table,
						QUEUE_CAPACITY);
			}
		}
	}

	@Override
	public List<RunRecord> runs(String jobId, int limit) {
		flush();
		return this.jdbc.query("SELECT " + COLUMNS + " FROM " + this.table + " WHERE job_id = ? ORDER BY id DESC LIMIT ?",
				ROW, jobId, Math.max(0, limit));
	}

	@Override
	public List<RunRecord> recent(int limit) {
		flush();
		return this.jdbc.query("SELECT " + COLUMNS + " FROM " + this.table + " ORDER BY id DESC LIMIT ?", ROW,
				Math.max(0, limit));
	}

	/**
	 * Writes the queued records now.
	 * @throws org.springframework.dao.DataAccessException when the database fails; the records
	 * stay queued
	 */
	public void flush() {
		this.writing.lock();
		try {
			List<RunRecord> batch = new ArrayList<>();
			while (true) {
				batch.clear();
				for (RunRecord run : this.queue) {
					batch.add(run);
					if (batch.size() == BATCH) {
						break;
					}
				}
				if (batch.isEmpty()) {
					return;
				}
				insert(batch);
				for (int i = 0; i < batch.size(); i++) {
					this.queue.poll();
				}
			}
		}
		finally {
			this.writing.unlock();
		}
	}

	/**
	 * Deletes the records older than the retention.
	 * @return the number of records deleted
	 */
	public int purge() {
		long cutoff = Micros.of(Instant.now().minus(this.retention));
		return this.jdbc.update("DELETE FROM " + this.table + " WHERE recorded_at < ?", cutoff);
	}

	/**
	 * Writes what is queued and stops the background thread.
	 */
	@Override
	public void close() {
		this.writer.shutdownNow();
		try {
			flush();
		}
		catch (DataAccessException ex) {
			logger.warn("Could not write {} queued run records to {}", this.queue.size(), this.table, ex);
		}
	}

	private void writeInBackground() {
		try {
			flush();
			if (System.nanoTime() - this.nextPurge >= 0) {
				this.nextPurge = System.nanoTime() + PURGE_EVERY_NANOS;
				int purged = purge();
				if (purged > 0) {
					logger.debug("Deleted {} run records older than {} from {}", purged, this.retention, this.table);
				}
			}
		}
		catch (RuntimeException ex) {
			logger.warn("Could not write run records to {}; trying again", this.table, ex);
		}
	}

	private void insert(List<RunRecord> batch) {
		long now = Micros.of(Instant.now());
		this.jdbc.batchUpdate("INSERT INTO " + this.table + " (" + COLUMNS + ", node, recorded_at)"
				+ " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", batch.stream().map((run) -> {
					JobResult result = run.result();
					Throwable exception = result.exception();
					return new Object[] { run.jobId(), run.jobName(), Micros.of(run.scheduledRunTime()),
							result.successful(), result.message(), data(result.data()),
							(exception != null) ? exception.getClass().getName() + ": " + exception.getMessage() : null,
							result.attempts(), Micros.ofNullable(result.start()),
							(result.duration() != null) ? result.duration().toNanos() / 1_000 : null, this.node, now };
				}).toList());
	}

	private static @Nullable String data(@Nullable Object data) {
		if (data == null) {
			return null;
		}
		try {
			return JobCodec.MAPPER.writeValueAsString(data);
		}
		catch (JacksonException ex) {
			return JobCodec.MAPPER.writeValueAsString(String.valueOf(data));
		}
	}

	private static final RowMapper<RunRecord> ROW = (rs, n) -> {
		boolean successful = rs.getBoolean(4);
		String message = rs.getString(5);
		String dataText = rs.getString(6);
		String exception = rs.getString(7);
		if (!successful && message == null) {
			message = exception;
		}
		long start = rs.getLong(9);
		Instant started = rs.wasNull() ? null : Micros.instant(start);
		long micros = rs.getLong(10);
		Duration duration = rs.wasNull() ? null : Duration.ofNanos(micros * 1_000);
		Object data = (dataText != null) ? JobCodec.MAPPER.readValue(dataText, Object.class) : null;
		JobResult result = new JobResult(successful, message, data, null, rs.getInt(8), started, duration);
		return new RunRecord(rs.getString(1), rs.getString(2), Micros.instant(rs.getLong(3)), result);
	};

	@Override
	public String toString() {
		return "JdbcRunHistory[" + this.schema.database().id() + ", " + this.table + ", retention " + this.retention + "]";
	}

	/**
	 * Builds a {@link JdbcRunHistory}.
	 */
	public static final class Builder {

		private final DataSource dataSource;

		private @Nullable JdbcDatabase database;

		private String tablePrefix = JdbcSchema.DEFAULT_TABLE_PREFIX;

		private Duration retention = DEFAULT_RETENTION;

		private @Nullable String node;

		private Builder(DataSource dataSource) {
			this.dataSource = Objects.requireNonNull(dataSource, "dataSource must not be null");
		}

		/**
		 * Sets the database; by default it is detected from a connection's metadata.
		 * @param database the database
		 * @return this builder
		 */
		public Builder database(JdbcDatabase database) {
			this.database = Objects.requireNonNull(database, "database must not be null");
			return this;
		}

		/**
		 * Sets the prefix of the table names, the job store's.
		 * @param tablePrefix the prefix
		 * @return this builder
		 */
		public Builder tablePrefix(String tablePrefix) {
			this.tablePrefix = Objects.requireNonNull(tablePrefix, "tablePrefix must not be null");
			return this;
		}

		/**
		 * Sets how long records are kept, {@link #DEFAULT_RETENTION} by default.
		 * @param retention the retention, positive
		 * @return this builder
		 */
		public Builder retention(Duration retention) {
			Objects.requireNonNull(retention, "retention must not be null");
			if (retention.isNegative() || retention.isZero()) {
				throw new IllegalArgumentException("retention must be positive: " + retention);
			}
			this.retention = retention;
			return this;
		}

		/**
		 * Sets the name of the node written with each record, such as the job store's owner id.
		 * @param node the node name, or {@code null} for none
		 * @return this builder
		 */
		public Builder node(@Nullable String node) {
			this.node = node;
			return this;
		}

		/**
		 * Builds the history and starts its writer thread.
		 * @return the history
		 */
		public JdbcRunHistory build() {
			JdbcDatabase resolved = (this.database != null) ? this.database : JdbcDatabase.detect(this.dataSource);
			return new JdbcRunHistory(this, resolved);
		}

	}

}
