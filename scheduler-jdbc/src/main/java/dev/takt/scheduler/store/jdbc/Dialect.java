package dev.takt.scheduler.store.jdbc;

import org.jspecify.annotations.Nullable;
import org.springframework.transaction.TransactionDefinition;

/**
 * What differs between databases in the store's SQL; one subclass per {@link JdbcDatabase}.
 * Everything else is standard SQL that the four databases share.
 */
abstract sealed class Dialect permits H2Dialect, PostgresDialect, MariaDbDialect, SqliteDialect {

	static Dialect of(JdbcDatabase database) {
		return switch (database) {
			case H2 -> new H2Dialect();
			case POSTGRESQL -> new PostgresDialect();
			case MARIADB -> new MariaDbDialect();
			case SQLITE -> new SqliteDialect();
		};
	}

	abstract JdbcDatabase database();

	/**
	 * Returns whether claims lock the rows they read ({@code FOR UPDATE SKIP LOCKED}); when not,
	 * every write is guarded by the row's version and a claim that loses a race is dropped.
	 */
	boolean locksRows() {
		return true;
	}

	/** The suffix of a query that claims rows no other transaction holds. */
	String skipLocked() {
		return " FOR UPDATE SKIP LOCKED";
	}

	/** The suffix of a query that locks the row it reads, waiting for it. */
	String forUpdate() {
		return " FOR UPDATE";
	}

	/**
	 * Returns the statement that adds a job: id, next run time, handler, data; with
	 * {@code ON CONFLICT DO NOTHING} where {@link #insertSkipsTakenIds()}.
	 * @param jobs the jobs table
	 */
	String insertJob(String jobs) {
		String insert = "INSERT INTO " + jobs + " (id, next_run_time, version, handler, job_data) VALUES (?, ?, 1, ?, ?)";
		return insertSkipsTakenIds() ? insert + " ON CONFLICT (id) DO NOTHING" : insert;
	}

	/**
	 * Returns whether {@link #insertJob} reports a taken id by inserting no row rather than by
	 * failing (which would end a PostgreSQL transaction).
	 */
	boolean insertSkipsTakenIds() {
		return false;
	}

	/**
	 * Returns the query for the database's current time in microseconds since the epoch, or
	 * {@code null} for an embedded database, which shares the application's clock.
	 */
	@Nullable String currentTimeMicros() {
		return null;
	}

	/**
	 * Returns the statement that starts a transaction whose commit need not wait for the disk
	 * (completions and heartbeats: losing one to a server crash only runs a run again or shortens
	 * a lease), or {@code null} when the database has none per transaction.
	 */
	@Nullable String relaxedCommit() {
		return null;
	}

	/**
	 * Returns the statement that advances many locked job rows at once, from three arrays
	 * (ids, next run times, versions), or {@code null} to update them one statement each in a
	 * batch.
	 * @param jobs the jobs table
	 */
	@Nullable String advanceJobs(String jobs) {
		return null;
	}

	/** The isolation of the scheduler loop's own transactions. */
	int loopIsolation() {
		return TransactionDefinition.ISOLATION_DEFAULT;
	}

	/** The most parameters one statement takes. */
	int maxParameters() {
		return 1000;
	}

}
