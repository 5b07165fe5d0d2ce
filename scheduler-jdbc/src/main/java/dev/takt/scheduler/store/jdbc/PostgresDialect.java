package dev.takt.scheduler.store.jdbc;

/**
 * PostgreSQL: row locks with {@code SKIP LOCKED}, {@code ON CONFLICT DO NOTHING} for taken ids
 * (a failed statement would abort the caller's transaction), completions and heartbeats committed
 * without waiting for the WAL to reach the disk ({@code synchronous_commit} off for those
 * transactions only), and the server's clock.
 */
final class PostgresDialect extends Dialect {

	@Override
	JdbcDatabase database() {
		return JdbcDatabase.POSTGRESQL;
	}

	@Override
	String insertJob(String jobs) {
		return super.insertJob(jobs) + " ON CONFLICT (id) DO NOTHING";
	}

	@Override
	boolean insertSkipsTakenIds() {
		return true;
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
