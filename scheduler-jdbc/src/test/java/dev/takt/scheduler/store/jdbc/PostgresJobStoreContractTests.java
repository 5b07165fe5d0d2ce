package dev.takt.scheduler.store.jdbc;

/**
 * {@link JdbcJobStore} on this machine's PostgreSQL server against the store contract.
 */
@RequiresDatabase(JdbcDatabase.POSTGRESQL)
class PostgresJobStoreContractTests extends JdbcJobStoreContractTests {

	@Override
	protected JdbcDatabase database() {
		return JdbcDatabase.POSTGRESQL;
	}

}
