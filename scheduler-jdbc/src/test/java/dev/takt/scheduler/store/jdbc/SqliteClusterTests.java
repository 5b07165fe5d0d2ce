package dev.takt.scheduler.store.jdbc;

/**
 * Several nodes on one SQLite file.
 */
class SqliteClusterTests extends JdbcClusterTests {

	@Override
	protected JdbcDatabase database() {
		return JdbcDatabase.SQLITE;
	}

}
