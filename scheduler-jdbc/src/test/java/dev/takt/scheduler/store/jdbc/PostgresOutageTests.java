package dev.takt.scheduler.store.jdbc;

/**
 * PostgreSQL goes away and comes back.
 */
@RequiresDatabase(JdbcDatabase.POSTGRESQL)
class PostgresOutageTests extends DatabaseOutageTests {

	@Override
	protected JdbcDatabase database() {
		return JdbcDatabase.POSTGRESQL;
	}

	@Override
	protected int serverPort() {
		return 5432;
	}

}
