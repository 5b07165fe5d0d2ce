package dev.takt.scheduler.store.jdbc;

/**
 * The JDBC store's own behaviour on one PostgreSQL server.
 */
@RequiresDatabase(JdbcDatabase.POSTGRESQL)
class PostgresJobStoreTests extends JdbcJobStoreTests {

	@Override
	protected JdbcDatabase database() {
		return JdbcDatabase.POSTGRESQL;
	}

}
