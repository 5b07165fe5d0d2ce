package dev.takt.scheduler.store.jdbc;

/**
 * Several nodes on one PostgreSQL server.
 */
@RequiresDatabase(JdbcDatabase.POSTGRESQL)
class PostgresClusterTests extends JdbcClusterTests {

	@Override
	protected JdbcDatabase database() {
		return JdbcDatabase.POSTGRESQL;
	}

}
