package dev.takt.scheduler.store.jdbc;

/**
 * PostgreSQL: row locks with {@code SKIP LOCKED}, {@code ON CONFLICT DO NOTHING} for taken ids
 * (a failed statement would abort the caller's transaction), the jobs of a claim advanced by one
 * statement over arrays, completions and heartbeats committed
 * without waiting for the WAL to reach the disk ({@code synchronous_commit} off for those
 * transactions only), and the server's clock.
 */
final class PostgresDialect extends Dialect {

	@Override
	JdbcDatabase database() {
		return JdbcDatabase.POSTGRESQL;
	}

	@Override
	boolean insertSkipsTakenIds() {
		return true;
	}

	@Override
	String advanceJobs(String jobs) {
		// one statement for a whole claim instead of one per job: a claim of 256 jobs costs a tenth
		return "UPDATE " + jobs + " AS j SET next_run_time = v.next_run_time, version = j.version + 1"
				+ " FROM unnest(CAST(? AS TEXT[]), CAST(? AS BIGINT[]), CAST(? AS BIGINT[])) AS v(id, next_run_time, version)"
				+ " WHERE j.id = v.id AND j.version = v.version";
	}

	@Override
	String relaxedCommit() {
		return "SET LOCAL synchronous_commit TO OFF";
	}

	@Override
	String currentTimeMicros() {
		return "SELECT CAST(EXTRACT(EPOCH FROM clock_timestamp()) * 1000000 AS BIGINT)";
	}

}
