package dev.takt.scheduler.store.jdbc;

/**
 * Three nodes on one PostgreSQL server, each fire once.
 */
@RequiresDatabase(JdbcDatabase.POSTGRESQL)
class PostgresExactlyOnceTests extends ClusterExactlyOnceTests {

	@Override
	protected JdbcDatabase database() {
		return JdbcDatabase.POSTGRESQL;
	}

}
