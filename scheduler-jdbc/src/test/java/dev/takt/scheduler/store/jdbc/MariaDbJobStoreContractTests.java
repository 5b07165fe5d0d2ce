package dev.takt.scheduler.store.jdbc;

/**
 * {@link JdbcJobStore} on this machine's MariaDB server against the store contract.
 */
@RequiresDatabase(JdbcDatabase.MARIADB)
class MariaDbJobStoreContractTests extends JdbcJobStoreContractTests {

	@Override
	protected JdbcDatabase database() {
		return JdbcDatabase.MARIADB;
	}

}
