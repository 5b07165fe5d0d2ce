package dev.takt.scheduler.store.jdbc;

/**
 * {@link JdbcJobStore} on SQLite, one connection against the store contract.
 */
class SqliteJobStoreContractTests extends JdbcJobStoreContractTests {

	@Override
	protected JdbcDatabase database() {
		return JdbcDatabase.SQLITE;
	}

}
