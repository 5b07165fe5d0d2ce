package dev.takt.scheduler.store.jdbc;

/**
 * SQLite 3.24 or later: no row locks (one writer at a time), so claims are guarded by the version
 * column; {@code ON CONFLICT DO NOTHING} for taken ids; embedded, so its clock is the
 * application's.
 */
final class SqliteDialect extends Dialect {

	@Override
	JdbcDatabase database() {
		return JdbcDatabase.SQLITE;
	}

	@Override
	boolean insertSkipsTakenIds() {
		return true;
	}

	@Override
	boolean locksRows() {
		return false;
	}

	@Override
	String skipLocked() {
		return "";
	}

	@Override
	String forUpdate() {
		return "";
	}

	@Override
	int maxParameters() {
		return 900;
	}

}
