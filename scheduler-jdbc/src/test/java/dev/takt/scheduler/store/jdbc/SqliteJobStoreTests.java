package dev.takt.scheduler.store.jdbc;

/**
 * The JDBC store's own behaviour on one SQLite file.
 */
class SqliteJobStoreTests extends JdbcJobStoreTests {

	@Override
	protected JdbcDatabase database() {
		return JdbcDatabase.SQLITE;
	}

}
